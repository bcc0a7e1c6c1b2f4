import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { Card } from "@/components/ui/card";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";
import { listApiTokens } from "@/lib/db/facilitators";
import { tokenView } from "@/lib/api/token-view";
import { Localized } from "@/components/i18n/localized";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const facilitator = await requireFacilitatorPage("/settings");
  const tokens = await listApiTokens(facilitator.id);
  return (
    <Localized namespaces={["site", "facilitator"]}>
      <div className="flex flex-col gap-8">
        <header>
          <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">Facilitator area</p>
          <h1 className="font-[family-name:var(--font-display)] text-4xl font-bold uppercase">Settings</h1>
          <p className="text-steel">Signed in as {facilitator.email}</p>
        </header>
        <Card className="max-w-3xl">
          <section aria-labelledby="api-tokens-heading" className="flex flex-col gap-4">
            <h2 id="api-tokens-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
              API tokens
            </h2>
            <p className="text-steel">
              Personal API tokens let scripts, bots and the load benchmark act as you without your password. Send one with each request as{" "}
              <code className="rounded bg-paper-dark px-1 font-mono text-sm text-ink">Authorization: Bearer &lt;token&gt;</code>, and revoke it when
              it is no longer needed. Every route is described in the{" "}
              <a href="/api-reference" className="underline">
                HTTP API reference
              </a>
              .
            </p>
            <ApiTokens
              initialTokens={tokens.map((t) => tokenView(t))}
            />
          </section>
        </Card>
      </div>
    </Localized>
  );
}
