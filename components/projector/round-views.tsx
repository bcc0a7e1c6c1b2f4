"use client";

// The projector's side of the interactive rounds, laid out in rem for
// 1920×1080 like the board: the Reduction in Force hearing (one statement at
// a time, with its author's name: this round is not anonymous by design), the
// tribunal's feed of charges (never who made them) and the production
// conference's proposals.
import { useTranslations } from "next-intl";
import { useContentText } from "@/components/live/rule-text";
import type { RoundPayload } from "@/components/live/types";
import { formatSeconds, useSecondsLeft } from "@/components/rounds/deadline";

type Rif = NonNullable<RoundPayload["rif"]>;
type Tribunal = NonNullable<RoundPayload["tribunal"]>;
type Conference = NonNullable<RoundPayload["conference"]>;

export function RifStageView({ rif }: { rif: Rif }) {
  const t = useTranslations("projector.rif");
  const content = useContentText();
  const left = useSecondsLeft(rif.stage === "statements" ? rif.statementEndsAt : null);
  if (rif.stage === "statements") {
    const written = rif.cases.filter((c) => c.statementStatus === "written").length;
    return (
      <section aria-labelledby="rif-heading" className="flex min-w-0 flex-1 flex-col gap-8" data-testid="projector-rif" data-stage="statements">
        <div className="flex items-end justify-between gap-8">
          <div>
            <p className="text-3xl font-semibold uppercase tracking-[0.3em] text-gold">{t("title")}</p>
            <h2 id="rif-heading" className="font-[family-name:var(--font-display)] text-7xl font-bold uppercase hyphens-auto break-words">
              {t("atRisk", { count: rif.cases.length })}
            </h2>
            <p className="mt-2 text-3xl text-paper/85">{t("writingNote")}</p>
          </div>
          {left !== null ? (
            <div className="rounded-lg bg-paper px-8 py-3 text-center text-ink">
              <p className="text-xl font-semibold uppercase tracking-widest text-steel">{t("closeIn")}</p>
              <p role="timer" className={`font-mono text-7xl font-bold tabular-nums ${left <= 10 ? "text-party" : ""}`}>
                {formatSeconds(left)}
              </p>
            </div>
          ) : null}
        </div>
        <ul className="grid grid-cols-2 gap-6">
          {rif.cases.map((c) => (
            <li key={c.participantId} className="flex items-center justify-between gap-6 rounded-xl border-4 border-party/70 bg-party/15 px-8 py-6">
              <span className="min-w-0 break-words text-5xl font-bold">{c.displayName}</span>
              <span className="shrink-0 text-3xl text-paper/85">{c.statementStatus === "written" ? t("written") : t("writing")}</span>
            </li>
          ))}
        </ul>
        <p className="text-3xl text-paper/75">
          {t("writtenCount", { written, count: rif.cases.length })}
        </p>
      </section>
    );
  }

  if (rif.stage === "revealed") {
    const letGo = rif.cases.filter((c) => c.verdict?.outcome === "let_go").length;
    return (
      <section aria-labelledby="rif-heading" className="flex min-w-0 flex-1 flex-col gap-8" data-testid="projector-rif" data-stage="revealed">
        <div>
          <p className="text-3xl font-semibold uppercase tracking-[0.3em] text-gold">{t("verdictTitle")}</p>
          <h2 id="rif-heading" className="font-[family-name:var(--font-display)] text-7xl font-bold uppercase hyphens-auto break-words">
            {t("letGo", { count: letGo })}
          </h2>
        </div>
        <ul className="grid grid-cols-2 gap-6">
          {rif.cases.map((c) => {
            const gone = c.verdict?.outcome === "let_go";
            return (
              <li
                key={c.participantId}
                data-testid="projector-verdict"
                data-outcome={c.verdict?.outcome ?? ""}
                className={`flex items-center justify-between gap-6 rounded-xl border-4 px-8 py-6 ${gone ? "border-party bg-party/30" : "border-paper/30 bg-paper/5"}`}
              >
                <span className={`min-w-0 break-words text-5xl font-bold ${gone ? "line-through decoration-4" : ""}`}>{c.displayName}</span>
                <span className="shrink-0 text-right">
                  <span className="block text-4xl font-bold uppercase">{gone ? t("outcomeLetGo") : t("outcomeKept")}</span>
                  {c.verdict ? (
                    <span className="block text-2xl text-paper/80">
                      {content.split({ yes: c.verdict.keep, no: c.verdict.letGo }, "rif", " · ")}
                    </span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
        <p className="text-3xl text-paper/80">{t("observersNote")}</p>
      </section>
    );
  }

  const index = Math.min(rif.showing ?? 0, Math.max(0, rif.cases.length - 1));
  const current = rif.cases[index];
  return (
    <section aria-labelledby="rif-heading" className="flex min-w-0 flex-1 flex-col gap-6" data-testid="projector-rif" data-stage="hearing">
      <div className="flex items-baseline justify-between gap-8">
        <p className="text-3xl font-semibold uppercase tracking-[0.3em] text-gold">{t("hearingTitle")}</p>
        <p className="rounded-md bg-gold px-4 py-1 text-3xl font-semibold text-ink" data-testid="rif-turnout">
          {t("turnout", { voted: Math.min(rif.voted, rif.electorate), electorate: rif.electorate })}
        </p>
        <p className="text-3xl text-paper/85" data-testid="rif-progress">
          {rif.autoAdvanceSeconds
            ? t("progressAuto", { index: index + 1, count: rif.cases.length, seconds: rif.autoAdvanceSeconds })
            : t("progress", { index: index + 1, count: rif.cases.length })}
        </p>
      </div>
      {current ? (
        <figure
          key={current.participantId}
          className="flex min-h-0 flex-1 flex-col justify-center gap-10 rounded-xl bg-paper p-16 text-ink motion-safe:animate-[stk-page-in_400ms_ease-out]"
          data-testid="rif-statement"
          data-participant-id={current.participantId}
        >
          <figcaption className="flex items-baseline gap-6">
            <h2 id="rif-heading" className="min-w-0 font-[family-name:var(--font-display)] text-8xl font-bold uppercase break-words">
              {current.displayName}
            </h2>
            <span className="shrink-0 text-3xl text-steel">{current.rankAtSelection === null ? t("unranked") : t("rank", { rank: current.rankAtSelection })}</span>
          </figcaption>
          {current.hidden ? (
            <p className="text-5xl italic text-steel" data-testid="statement-hidden">
              {t("withheld")}
            </p>
          ) : current.statement === null || current.statementStatus === "none" ? (
            <p className="text-5xl italic text-steel">{t("none")}</p>
          ) : (
            <blockquote className="font-[family-name:var(--font-display)] text-6xl leading-tight break-words">{t("quote", { text: current.statement })}</blockquote>
          )}
        </figure>
      ) : null}
      <ol className="flex gap-3" aria-label={t("order")}>
        {rif.cases.map((c, i) => (
          <li
            key={c.participantId}
            className={`min-w-0 flex-1 break-words rounded-md px-4 py-2 text-2xl ${i === index ? "bg-party font-bold text-white" : c.shown ? "bg-paper/20" : "bg-paper/5 text-paper/60"}`}
          >
            {i === index ? <span className="sr-only">{t("onScreen")} </span> : null}
            {c.displayName}
          </li>
        ))}
      </ol>
      <p className="text-3xl text-paper/85">{t("voteNote", { count: rif.electorate })}</p>
    </section>
  );
}

export function TribunalFeedView({ tribunal }: { tribunal: Tribunal }) {
  const t = useTranslations("projector.tribunal");
  const content = useContentText();
  // A projector is wide; on a narrow window the feed would overlap the board (phones have their own tribunal view).
  return (
    <aside aria-labelledby="tribunal-heading" className="hidden w-[44rem] shrink-0 flex-col gap-4 overflow-hidden rounded-xl bg-paper p-6 text-ink md:flex" data-testid="projector-tribunal">
      <div>
        <p className="text-xl font-semibold uppercase tracking-[0.3em] text-party">{tribunal.open ? t("open") : t("closed")}</p>
        <h2 id="tribunal-heading" className="font-[family-name:var(--font-display)] text-5xl font-bold uppercase">
          {t("total", { total: tribunal.total })}
        </h2>
        <p className="text-xl text-steel">{t("cost", { penalty: content.percent(tribunal.penalty), cap: content.percent(tribunal.cap) })}</p>
      </div>
      {tribunal.feed.length === 0 ? (
        <p className="text-3xl italic text-steel">{t("none")}</p>
      ) : (
        <ul className="flex min-h-0 flex-col gap-3 overflow-hidden" data-testid="projector-feed">
          {tribunal.feed.slice(0, 6).map((f) => (
            <li key={f.participantId} className="rounded-lg border-l-8 border-party bg-white px-4 py-3" data-testid="projector-feed-item" data-participant-id={f.participantId}>
              <p className="flex items-baseline justify-between gap-4">
                <span className="min-w-0 break-words text-3xl font-bold" data-testid="projector-feed-name">{f.displayName}</span>
                <span className="shrink-0 font-mono text-2xl font-bold text-party-dark">{t("accusers", { count: f.accusers, penalty: content.score(f.penalty) })}</span>
              </p>
              <p className="text-2xl break-words">{content.charges(f.charges)}</p>
              {f.appeal ? <p className="mt-1 text-2xl break-words italic">{t("appeal", { text: f.appeal })}</p> : null}
            </li>
          ))}
          {tribunal.feed.length > 6 ? <li className="text-2xl text-steel">{t("more", { count: tribunal.feed.length - 6 })}</li> : null}
        </ul>
      )}
    </aside>
  );
}

export function ConferenceView({ conference, open }: { conference: Conference; open: boolean }) {
  const t = useTranslations("projector.conference");
  const content = useContentText();
  return (
    <section aria-labelledby="conference-heading" className="flex min-w-0 flex-1 flex-col gap-6" data-testid="projector-conference">
      <div className="flex items-end justify-between gap-8">
        <div>
          <p className="text-3xl font-semibold uppercase tracking-[0.3em] text-gold">{t("title")}</p>
          <h2 id="conference-heading" className="font-[family-name:var(--font-display)] text-7xl font-bold uppercase hyphens-auto break-words">
            {conference.decided ? t("decided") : t("change")}
          </h2>
          <p className="mt-1 text-3xl text-paper/85">
            {conference.thresholdPercent === null
              ? t("passesMajority", { needed: conference.needed, active: conference.active })
              : t("passesPercent", { needed: conference.needed, active: conference.active, percent: conference.thresholdPercent })}{" "}
            {open && !conference.decided ? t("howTo") : ""}
          </p>
        </div>
      </div>
      {conference.proposals.length === 0 ? (
        <p className="text-4xl italic text-paper/70">{t("none")}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-5">
          {conference.proposals.slice(0, 8).map((p) => {
            const passed = p.status === "passed";
            const failed = p.status === "failed";
            const share = p.for !== null ? Math.min(1, p.for / Math.max(1, conference.needed)) : Math.min(1, p.ballots / Math.max(1, conference.active));
            return (
              <li
                key={p.id}
                data-testid="projector-proposal"
                data-status={p.status}
                className={`flex flex-col gap-3 rounded-xl border-4 px-6 py-4 ${passed ? "border-gold bg-gold/20" : failed ? "border-paper/20 bg-paper/5 text-paper/70" : "border-paper/30 bg-paper/10"}`}
              >
                <p className={`text-4xl break-words ${p.hidden ? "italic text-paper/70" : "font-bold"}`}>{content.amendment(p)}</p>
                {/* What the bar measures, in words: votes for against the number needed once decided, turnout while open. */}
                <p className="text-xl font-semibold uppercase tracking-widest text-paper/80" data-testid="proposal-bar-label">
                  {p.for !== null ? t("barFor", { for: p.for, needed: conference.needed }) : t("barVoted", { ballots: p.ballots, active: conference.active })}
                </p>
                <div className="h-3 overflow-hidden rounded bg-paper/15" aria-hidden="true">
                  <div className={`h-full ${passed ? "bg-gold" : "bg-paper/60"}`} style={{ width: `${Math.round(share * 100)}%` }} />
                </div>
                <p className="text-2xl">
                  {p.status === "open"
                    ? p.kind === "free-text"
                      ? t("castFree", { count: p.ballots })
                      : t("cast", { count: p.ballots })
                    : t("outcome", {
                        outcome: passed ? (p.kind === "free-text" ? "accepted" : "passed") : p.kind === "free-text" ? "notAccepted" : "failed",
                        split: content.split({ yes: p.for, no: p.against }, "proposal", " · "),
                      })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
