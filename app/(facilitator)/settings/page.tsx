import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiTokens } from "@/components/settings/api-tokens";
import { Card } from "@/components/ui/card";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";
import { listApiTokens } from "@/lib/db/facilitators";
import { tokenView } from "@/lib/api/token-view";
import { LanguagePicker } from "@/components/i18n/language-picker";
import { Localized } from "@/components/i18n/localized";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site.meta");
  return { title: t("settings") };
}

export default async function SettingsPage() {
  const facilitator = await requireFacilitatorPage("/settings");
  const tokens = await listApiTokens(facilitator.id);
  const t = await getTranslations("facilitator.settings");
  return (
    <Localized namespaces={["site", "facilitator"]}>
      <div className="flex flex-col gap-8">
        <header className="min-w-0">
          <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">{t("area")}</p>
          <h1 className="font-[family-name:var(--font-display)] text-4xl font-bold uppercase break-words hyphens-auto">{t("title")}</h1>
          <p className="break-words text-steel">{t("signedInAs", { email: facilitator.email })}</p>
        </header>
        <Card className="max-w-3xl">
          <section aria-labelledby="language-heading" className="flex flex-col gap-3" data-testid="settings-language">
            <h2 id="language-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
              {t("languageTitle")}
            </h2>
            <p className="text-steel">{t("languageText")}</p>
            <LanguagePicker />
          </section>
        </Card>
        <Card className="max-w-3xl">
          <section aria-labelledby="api-tokens-heading" className="flex flex-col gap-4">
            <h2 id="api-tokens-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
              {t("tokensTitle")}
            </h2>
            <p className="text-steel">
              {t.rich("tokensText", {
                header: "Authorization: Bearer <token>",
                code: (chunks) => <code className="rounded bg-paper-dark px-1 font-mono text-sm text-ink">{chunks}</code>,
                link: (chunks) => (
                  <a href="/api-reference" className="underline">
                    {chunks}
                  </a>
                ),
              })}
            </p>
            <ApiTokens initialTokens={tokens.map((token) => tokenView(token))} />
          </section>
        </Card>
      </div>
    </Localized>
  );
}
