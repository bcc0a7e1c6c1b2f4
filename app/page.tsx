import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { JoinCodeForm } from "@/components/join/join-code-form";
import { normalizeJoinCode } from "@/lib/domain/join-code";
import { SiteHeader } from "@/components/site/header";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Localized } from "@/components/i18n/localized";

export const dynamic = "force-dynamic";

const STEPS = ["rate", "rank", "reflect"] as const;

export default async function LandingPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  // The join form works before the page's script has loaded too (a slow phone): it submits ?code=….
  const { code } = await searchParams;
  const joinCode = typeof code === "string" ? normalizeJoinCode(code) : null;
  if (joinCode) redirect(`/s/${joinCode}`);
  const t = await getTranslations("site.landing");
  return (
    <Localized namespaces={["site"]}>
      <>
        <SiteHeader />
        <main id="main">
          <section className="border-b-4 border-ink bg-party text-white">
            <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 md:grid-cols-[1.3fr_1fr] md:py-16">
              <div className="flex flex-col gap-5">
                <p className="text-sm font-semibold uppercase tracking-[0.25em] text-gold-light">{t("kicker")}</p>
                <h1 className="font-[family-name:var(--font-display)] text-4xl leading-[1.05] font-bold uppercase break-words hyphens-auto sm:text-6xl">
                  {t("headline")}
                </h1>
                <p className="max-w-prose text-lg text-white/90">
                  {t("intro")}
                </p>
              </div>
              <Card className="self-start text-ink">
                <h2 className="mb-1 font-[family-name:var(--font-display)] text-2xl font-bold uppercase break-words hyphens-auto">{t("joinTitle")}</h2>
                <p className="mb-4 text-sm text-steel">{t("joinHint")}</p>
                <JoinCodeForm />
              </Card>
            </div>
          </section>

          <section className="mx-auto max-w-6xl px-4 py-12" aria-labelledby="how-heading">
            <h2 id="how-heading" className="mb-6 font-[family-name:var(--font-display)] text-3xl font-bold uppercase">
              {t("howTitle")}
            </h2>
            <ol className="grid gap-6 md:grid-cols-3">
              {STEPS.map((step, i) => (
                <li key={step} className="min-w-0 border-t-4 border-ink pt-4">
                  <p className="font-[family-name:var(--font-display)] text-5xl font-bold text-party" aria-hidden="true">
                    {i + 1}
                  </p>
                  <h3 className="text-xl font-bold uppercase break-words hyphens-auto">{t(`steps.${step}.title`)}</h3>
                  <p className="mt-2 text-steel">{t(`steps.${step}.text`)}</p>
                </li>
              ))}
            </ol>
          </section>

          <section className="border-t-4 border-ink bg-ink text-paper">
            <div className="mx-auto flex max-w-6xl flex-col items-start gap-4 px-4 py-10 md:flex-row md:items-center md:justify-between">
              <div>
                <h2 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">{t("runningTitle")}</h2>
                <p className="text-paper/80">{t("runningText")}</p>
              </div>
              <div className="flex flex-wrap gap-3">
                <LinkButton href="/signup" size="lg">
                  {t("createAccount")}
                </LinkButton>
                <LinkButton href="/signin" size="lg" variant="secondary" className="border-paper text-paper hover:bg-paper hover:text-ink">
                  {t("signIn")}
                </LinkButton>
              </div>
            </div>
          </section>
        </main>
      </>
    </Localized>
  );
}
