import { getTranslations } from "next-intl/server";
import { currentFacilitator } from "@/lib/auth/facilitator";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LanguagePicker } from "@/components/i18n/language-picker";
import { Localized } from "@/components/i18n/localized";
import { LinkButton } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export async function SiteHeader() {
  const facilitator = await currentFacilitator();
  const t = await getTranslations("site.header");
  return (
    <header className="border-b-4 border-ink bg-paper">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Logo />
        <nav aria-label={t("nav")} className="flex flex-wrap items-center gap-2">
          {/* Its own provider: the header sits in a layout, outside the page's <Localized>. */}
          <Localized namespaces={["site"]}>
            <LanguagePicker />
            {facilitator ? (
              <>
                <LinkButton href="/dashboard" variant="ghost">
                  {t("dashboard")}
                </LinkButton>
                <span className="hidden text-sm text-steel sm:inline" data-testid="signed-in-as">
                  {facilitator.name}
                </span>
                <SignOutButton />
              </>
            ) : (
              <>
                <LinkButton href="/signin" variant="ghost">
                  {t("signIn")}
                </LinkButton>
                <LinkButton href="/signup" variant="secondary">
                  {t("createAccount")}
                </LinkButton>
              </>
            )}
          </Localized>
        </nav>
      </div>
    </header>
  );
}
