import { currentFacilitator } from "@/lib/auth/facilitator";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LinkButton } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export async function SiteHeader() {
  const facilitator = await currentFacilitator();
  return (
    <header className="border-b-4 border-ink bg-paper">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Logo />
        <nav aria-label="Main" className="flex flex-wrap items-center gap-2">
          {facilitator ? (
            <>
              <LinkButton href="/dashboard" variant="ghost">
                Dashboard
              </LinkButton>
              <span className="hidden text-sm text-steel sm:inline" data-testid="signed-in-as">
                {facilitator.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <LinkButton href="/signin" variant="ghost">
                Sign in
              </LinkButton>
              <LinkButton href="/signup" variant="secondary">
                Create account
              </LinkButton>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
