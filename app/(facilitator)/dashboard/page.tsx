import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateSessionForm } from "@/components/sessions/create-session-form";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";
import { listSessionsForFacilitator } from "@/lib/db/sessions";
import type { SessionState } from "@/lib/domain/phases";
import { defaultDimensions } from "@/lib/i18n/content";
import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "@/lib/i18n/locales";
import { Localized } from "@/components/i18n/localized";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("facilitator.dashboard");
  return { title: t("metaTitle") };
}

type T = Awaited<ReturnType<typeof getTranslations<"facilitator.dashboard">>>;

function phaseInWords(state: SessionState, t: T): string {
  switch (state.phase) {
    case "lobby":
      return state.joiningOpen ? t("phase.lobbyOpen") : t("phase.lobby");
    case "round_open":
      return state.paused ? t("phase.paused", { round: state.round }) : t("phase.running", { round: state.round });
    case "round_closed":
      return t("phase.closed", { round: state.round });
    case "ended":
      return t("phase.ended");
    default:
      return state.phase;
  }
}

export default async function DashboardPage() {
  const facilitator = await requireFacilitatorPage("/dashboard");
  const sessions = await listSessionsForFacilitator(facilitator.id);
  const t = await getTranslations("facilitator.dashboard");
  const format = await getFormatter();
  // The seven default dimensions in every language: the form re-labels them when the session language changes.
  const defaults = Object.fromEntries(LOCALES.map((l) => [l, defaultDimensions(l).map((d) => d.label)])) as Record<Locale, string[]>;
  return (
    <Localized namespaces={["site", "facilitator"]}>
      <div className="flex flex-col gap-8">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">{t("area")}</p>
            <h1 className="font-[family-name:var(--font-display)] text-4xl font-bold uppercase break-words hyphens-auto">{t("welcome", { name: facilitator.name })}</h1>
            <p className="break-words text-steel">{t("signedInAs", { email: facilitator.email })}</p>
          </div>
          <LinkButton href="/settings" variant="secondary">
            {t("settings")}
          </LinkButton>
        </header>

        <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Card>
            <section aria-labelledby="new-session-heading">
              <h2 id="new-session-heading" className="mb-4 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
                {t("newSession")}
              </h2>
              <CreateSessionForm defaults={defaults} />
            </section>
          </Card>

          <section aria-labelledby="sessions-heading" className="flex flex-col gap-4">
            <h2 id="sessions-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
              {t("yourSessions")}
            </h2>
            {sessions.length === 0 ? (
              <p className="rounded-md border-2 border-dashed border-ink/30 p-6 text-steel" data-testid="sessions-empty">
                {t("empty")}
              </p>
            ) : (
              <ul className="flex flex-col gap-4" data-testid="session-list">
                {sessions.map((s) => (
                  <li key={s.id} className="rounded-lg border-2 border-ink bg-white p-4" data-testid="session-item" data-code={s.code}>
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <h3 className="min-w-0 text-lg font-bold break-words">{s.title}</h3>
                      <p className="font-mono text-lg font-bold tracking-[0.15em] text-party">
                        <span className="sr-only">{t("joinCode")}</span>
                        {s.code}
                      </p>
                    </div>
                    <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
                      <div className="min-w-0">
                        <dt className="text-steel">{t("status")}</dt>
                        <dd className="font-semibold break-words hyphens-auto">{phaseInWords(s.state, t)}</dd>
                      </div>
                      <div className="min-w-0">
                        <dt className="text-steel">{t("rounds")}</dt>
                        <dd className="font-semibold">{s.state.round === 0 ? t("noRounds") : format.number(s.state.round)}</dd>
                      </div>
                      <div className="min-w-0">
                        <dt className="text-steel break-words hyphens-auto">{t("participants")}</dt>
                        <dd className="font-semibold">{format.number(s.participantCount)}</dd>
                      </div>
                      <div className="min-w-0">
                        <dt className="text-steel">{t("language")}</dt>
                        <dd className="font-semibold" data-testid="session-item-language" lang={s.language}>
                          {isLocale(s.language) ? LOCALE_NAMES[s.language] : s.language}
                        </dd>
                      </div>
                      <div className="min-w-0">
                        <dt className="text-steel">{t("created")}</dt>
                        <dd className="font-semibold">
                          <time dateTime={s.createdAt.toISOString()}>{format.dateTime(s.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                        </dd>
                      </div>
                    </dl>
                    <div className="mt-3 flex flex-wrap gap-2">
                      <LinkButton href={`/sessions/${s.code}`}>
                        {t("openControl")}
                        <span className="sr-only">{t("openControlFor", { title: s.title })}</span>
                      </LinkButton>
                      <LinkButton href={`/s/${s.code}/screen`} target="_blank" rel="noopener" variant="secondary">
                        {t("projector")}
                        <span className="sr-only">{t("projectorFor", { title: s.title })}</span>
                        <span aria-hidden="true">↗</span>
                      </LinkButton>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </Localized>
  );
}
