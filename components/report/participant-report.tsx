import type { ParticipantReport } from "@/lib/debrief/report";

/** A participant's private report, phone first. Only their own figures; "not enough ratings" below k. */
export function ParticipantReportView({ report }: { report: ParticipantReport }) {
  const max = report.session.scale.max;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-6 px-4 py-6">
      <header>
        <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">Private report · {report.session.code}</p>
        <h1 className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase leading-tight">{report.participant.displayName}</h1>
        <p className="text-steel">{report.session.title}. Only you can see this page.</p>
        <a href={`/s/${report.session.code}`} className="mt-2 inline-block font-semibold underline">
          ← Back to the session
        </a>
      </header>

      <section aria-labelledby="traj-heading">
        <h2 id="traj-heading" className="mb-2 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          Round by round
        </h2>
        {report.trajectory.length === 0 ? <p className="text-steel">No round has been played yet.</p> : null}
        <ol className="flex flex-col gap-2" data-testid="report-trajectory">
          {report.trajectory.map((t) => (
            <li key={t.round} className="rounded-lg border-2 border-ink bg-white p-3">
              <p className="text-sm font-semibold uppercase tracking-wide text-steel">
                Round {t.round}
                {t.title ? ` · ${t.title}` : ""} · {t.rules.join(", ")}
              </p>
              <div className="flex items-end justify-between gap-3">
                <p className="font-mono text-3xl font-bold tabular-nums">{t.score === null ? <span className="font-sans text-lg">not enough ratings</span> : t.score.toFixed(2)}</p>
                <p className="text-right">
                  {t.rank !== null ? (
                    <>
                      Rank <strong>#{t.rank}</strong> of {t.ranked}
                    </>
                  ) : (
                    "unranked"
                  )}
                  {t.band ? <span className="block text-sm font-semibold">{t.band}</span> : null}
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
          How others saw you
        </h2>
        <p className="mb-2 text-sm text-steel">
          Others&apos; mean, averaged over the rounds in which at least {report.session.k} people rated you on that dimension
          {report.selfRated ? ", next to your own self-rating" : ""}.
        </p>
        <table className="w-full text-left text-sm" data-testid="report-dimensions">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-1">
                Dimension
              </th>
              <th scope="col" className="py-1 text-right">
                Others
              </th>
              <th scope="col" className="py-1 text-right">
                You
              </th>
            </tr>
          </thead>
          <tbody>
            {report.dimensions.map((d) => (
              <tr key={d.key} className="border-b border-ink/10">
                <th scope="row" className="py-2 font-semibold">
                  {d.label}
                </th>
                <td className="py-2 text-right font-mono tabular-nums">{d.others === null ? <span className="font-sans text-xs text-steel">not enough ratings</span> : d.others.toFixed(2)}</td>
                <td className="py-2 text-right font-mono tabular-nums">{d.self ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {report.blindSpots.length > 0 ? (
        <section aria-labelledby="spots-heading" data-testid="report-blind-spots">
          <h2 id="spots-heading" className="mb-2 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
            Blind spots and hidden strengths
          </h2>
          <ul className="flex flex-col gap-2">
            {report.blindSpots.map((b) => (
              <li key={b.dimension} className="rounded-lg border-2 border-ink/30 bg-white p-3">
                <strong>{b.kind === "blind-spot" ? "Blind spot" : "Hidden strength"}: {b.label}.</strong> You gave yourself {b.self}; others gave you {b.others?.toFixed(2)} on average.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="behaviour-heading">
        <h2 id="behaviour-heading" className="mb-2 font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          How you rated
        </h2>
        {report.behaviour ? (
          <p data-testid="report-behaviour">
            Your ratings averaged <strong>{report.behaviour.meanGiven?.toFixed(2)}</strong> over {report.behaviour.count} scores; the group&apos;s raters averaged{" "}
            {report.behaviour.groupMean?.toFixed(2)}. Compared with the group you were a{" "}
            <strong>{report.behaviour.kind === "typical" ? "typical" : report.behaviour.kind === "lenient" ? "lenient" : "severe"}</strong> rater.
          </p>
        ) : report.behaviourForgotten ? (
          <p className="text-steel" data-testid="report-behaviour-forgotten">
            Forgotten: when the session ended, the link between each rating and the person who gave it was deleted, so nobody, this report included,
            can say any more how you rated.
          </p>
        ) : (
          <p className="text-steel">You did not rate anyone.</p>
        )}
      </section>
    </main>
  );
}
