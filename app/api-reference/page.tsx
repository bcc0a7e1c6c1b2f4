import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site/header";
import { ApiReference } from "@/components/reference/api-reference";
import { Localized } from "@/components/i18n/localized";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site.meta");
  return { title: t("apiReference") };
}

export default async function ApiReferencePage() {
  const t = await getTranslations("site.apiReference");
  const locale = await getLocale();
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          <h1 className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase break-words hyphens-auto">{t("title")}</h1>
          <p className="mt-2 max-w-prose text-steel">
            {t.rich("intro", {
              link: (chunks) => (
                <a className="underline" href="/api/openapi.json">
                  {chunks}
                </a>
              ),
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
          {locale !== "en" ? (
            <p className="mt-1 max-w-prose text-sm text-steel" lang={locale}>
              {t("note")}
            </p>
          ) : null}
          <div className="mt-4 border-4 border-ink">
            <ApiReference specUrl="/api/openapi.json" />
          </div>
        </main>
      </>
    </Localized>
  );
}
