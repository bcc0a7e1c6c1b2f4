import { useFormatter, useTranslations } from "next-intl";
import type { ParticipantReport } from "@/lib/debrief/report";
import { PRESET_BAND_IDS, tagOfLabel } from "@/lib/domain/rules/explain";

/** A participant's private report, phone first. Only their own figures; "not enough ratings" below k. */
export function ParticipantReportView({ report }: { report: ParticipantReport }) {
  const t = useTranslations("participant.report");
  const tr = t;
  const tc = useTranslations("content");
  const format = useFormatter();
  const two = (n: number) => format.number(n === 0 ? 0 : n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const band = (name: string) => (PRESET_BAND_IDS[name] ? tc(`bands.${PRESET_BAND_IDS[name]}` as "bands.vitality-top") : name);
  const tl = useTranslations("live.rules");
  // The report carries the rules' English labels (lib/debrief): shown from their ids where they are describeRules' own.
  const rules = (labels: string[]) =>
    labels
      .map((label) => {
        const tag = tagOfLabel(label);
        if (!tag) return label;
        return tl(tag.id, { preset: tag.preset === "civil-service" ? "civil" : (tag.preset ?? "custom"), percents: (tag.percents ?? []).join("/"), value: tag.value ?? 0 });
      })
      .join(", ");
  const max = report.session.scale.max;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-4 py-6">
      <header>
        <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">{t("eyebrow", { code: report.session.code })}</p>
        <h1 className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase leading-tight break-words">{report.participant.displayName}</h1>
        <p className="text-steel">{t("onlyYou", { title: report.session.title })}</p>
        <a href={`/s/${report.session.code}`} className="mt-2 inline-block font-semibold underline">
          {t("back")}
        </a>
      </header>

      <section aria-labelledby="traj-heading">
        <h2 id="traj-heading" className="mb-2 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("trajectory")}
        </h2>
        {report.trajectory.length === 0 ? <p className="text-steel">{t("noRounds")}</p> : null}
        <ol className="flex flex-col gap-2" data-testid="report-trajectory">
          {report.trajectory.map((t) => (
            <li key={t.round} className="rounded-lg border-2 border-ink bg-white p-3">
              <p className="text-sm font-semibold uppercase tracking-wide break-words text-steel">
                {t.title ? tr("roundTitled", { round: t.round, title: t.title, rules: rules(t.rules) }) : tr("round", { round: t.round, rules: rules(t.rules) })}
              </p>
              <div className="flex items-end justify-between gap-3">
                <p className="font-mono text-3xl font-bold tabular-nums">{t.score === null ? <span className="font-sans text-lg">{tr("notEnough")}</span> : two(t.score)}</p>
                <p className="text-right">
                  {t.rank !== null ? tr.rich("rank", { rank: t.rank, ranked: t.ranked, strong: (chunks) => <strong>{chunks}</strong> }) : tr("unranked")}
                  {t.band ? <span className="block text-sm font-semibold">{band(t.band)}</span> : null}
                </p>
              </div>
              {t.score !== null ? (
                <div className="mt-2 h-2 rounded bg-paper-dark" aria-hidden="true">
                  <div className="h-2 rounded bg-party" style={{ width: `${(t.score / max) * 100}%` }} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="dims-heading">
        <h2 id="dims-heading" className="mb-1 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("others")}
        </h2>
        <p className="mb-2 text-sm text-steel">{t("othersNote", { k: report.session.k, self: report.selfRated ? "yes" : "no" })}</p>
        <table className="w-full text-left text-sm" data-testid="report-dimensions">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-1">
                {t("dimension")}
              </th>
              <th scope="col" className="py-1 text-right">
                {t("othersColumn")}
              </th>
              <th scope="col" className="py-1 text-right">
                {t("you")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.dimensions.map((d) => (
              <tr key={d.key} className="border-b border-ink/10">
                <th scope="row" className="py-2 font-semibold break-words hyphens-auto">
                  {d.label}
                </th>
                <td className="py-2 text-right font-mono tabular-nums">{d.others === null ? <span className="font-sans text-xs text-steel">{t("notEnough")}</span> : two(d.others)}</td>
                <td className="py-2 text-right font-mono tabular-nums">{d.self ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {report.blindSpots.length > 0 ? (
        <section aria-labelledby="spots-heading" data-testid="report-blind-spots">
          <h2 id="spots-heading" className="mb-2 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
            {t("spots")}
          </h2>
          <ul className="flex flex-col gap-2">
            {report.blindSpots.map((b) => (
              <li key={b.dimension} className="rounded-lg border-2 border-ink/30 bg-white p-3">
                {t.rich("spot", {
                  kind: b.kind === "blind-spot" ? "blind" : "hidden",
                  label: b.label,
                  self: b.self,
                  others: b.others === null ? "–" : two(b.others),
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="behaviour-heading">
        <h2 id="behaviour-heading" className="mb-2 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("behaviour")}
        </h2>
        {report.behaviour ? (
          <p data-testid="report-behaviour">
            {t.rich("behaviourText", {
              mean: report.behaviour.meanGiven === null ? "–" : two(report.behaviour.meanGiven),
              count: report.behaviour.count,
              group: report.behaviour.groupMean === null ? "–" : two(report.behaviour.groupMean),
              kind: report.behaviour.kind,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : report.behaviourForgotten ? (
          <p className="text-steel" data-testid="report-behaviour-forgotten">
            {t("forgotten")}
          </p>
        ) : (
          <p className="text-steel">{t("noRatings")}</p>
        )}
      </section>
    </main>
  );
}
