"use client";

// The room's projector: the session's status, the join code and QR while
// joining is open, and the whole leaderboard, paged automatically so nobody is
// ever cut off. Built for 1920×1080 and readable from the back of a room.
import { useRoomLanguage } from "@/components/i18n/use-room-language";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useContentText, useRuleExplainers } from "@/components/live/rule-text";
import { EntryBadges } from "@/components/live/rule-badges";
import { Countdown } from "@/components/live/countdown";
import { phaseKey } from "@/components/live/phase-label";
import type { BoardPayload, PublicEntry, PublicSession, RoundPayload } from "@/components/live/types";
import { AmendmentsBanner } from "@/components/rounds/amendments-banner";
import { ConferenceView, RifStageView, TribunalFeedView } from "./round-views";
import { useLive, type LiveStatus } from "@/components/live/use-live";

/** How long each page of the board stays on screen. */
export const PAGE_MS = 8_000;
/** Smallest row height (rem) that keeps a name readable at 10 m (72 px on a 1080p projector). */
const ROW_MIN_REM = 4.5;
/** Narrowest column (rem) that still fits rank, arrow, a name and the score. */
const COL_MIN_REM = 38.75;
const MAX_COLS = 3;
/**
 * The page is laid out in rem for 1920×1080 at 16 px; the root font size
 * follows the viewport so a 1280×720 or 4K projector shows the same slide.
 */
const SCALE_CSS = `html { font-size: clamp(10px, min(1.4815vh, 0.8333vw), 48px); }`;

type LiveEvents = { phase: PublicSession; leaderboard: BoardPayload; round: RoundPayload };

/** The session's state in one line for the big screen, in the room's language. */
export function usePhaseStatus(): (session: PublicSession) => string {
  const t = useTranslations("projector.phase");
  return useCallback(
    (session: PublicSession) => {
      const round = session.round.number;
      // The reflection is the room's task once no round is running: say so on the big screen.
      if (session.reflectionOpen && session.phase !== "round_open") return t("reflection");
      return t(phaseKey(session), { round });
    },
    [t],
  );
}

/** Rows and columns that fit the board area (measured in rem), and the pages they make. */
export function boardLayout(size: { width: number; height: number } | null, count: number) {
  const rows = size ? Math.max(1, Math.floor(size.height / ROW_MIN_REM)) : 10;
  const maxCols = size ? Math.min(MAX_COLS, Math.max(1, Math.floor(size.width / COL_MIN_REM))) : 2;
  const cols = Math.max(1, Math.min(maxCols, Math.ceil(count / rows)));
  const pageSize = rows * cols;
  const pageCount = Math.max(1, Math.ceil(count / pageSize));
  return { rows, cols, pageSize, pageCount };
}

/** An element's size in rem, kept up to date as the window (and so the root font size) changes. */
function useElementSizeRem<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The observer also reports the first size as soon as it starts observing.
    const observer = new ResizeObserver(() => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      const width = Math.round((el.clientWidth / rem) * 100) / 100;
      const height = Math.round((el.clientHeight / rem) * 100) / 100;
      setSize((prev) => (prev && prev.width === width && prev.height === height ? prev : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}

export function ProjectorView({
  code,
  initialSession,
  initialBoard,
  joinUrl,
}: {
  code: string;
  initialSession: PublicSession;
  initialBoard: BoardPayload;
  joinUrl: string;
}) {
  const t = useTranslations("projector");
  const phaseStatus = usePhaseStatus();
  const content = useContentText();
  const live = useLive<LiveEvents>(`/api/sessions/${code}/events?view=screen`);
  const session = live.phase ?? initialSession;
  // The facilitator changed the room's language: the projector follows.
  useRoomLanguage(session.language);
  const board = live.leaderboard ?? initialBoard;
  // The interactive round shown is the current one (a stale event from the previous round is ignored).
  const round = live.round && live.round.round === session.round.number ? live.round : null;
  const kind = session.round.kind;
  const rif = kind === "rif" ? round?.rif : null;
  const conference = kind === "conference" ? round?.conference : null;
  const tribunal = round?.tribunal && kind === "tribunal" ? round.tribunal : null;
  const showCountdown = session.phase === "round_open" && session.round.remainingMs !== null;
  // The reflection is the room's task once no round runs: a room-level count of answers (never who).
  const reflectionCue = session.reflectionOpen && session.phase !== "round_open";

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-ink text-paper">
      <style>{`
        ${SCALE_CSS}
        @keyframes stk-page-progress { from { transform: scaleX(0); } to { transform: scaleX(1); } }
        @keyframes stk-page-in { from { opacity: 0; transform: translateY(0.5rem); } to { opacity: 1; transform: none; } }
      `}</style>

      <header className="flex items-center justify-between gap-10 border-b-8 border-party px-12 py-5">
        <div className="min-w-0">
          <p className="flex items-center gap-3 text-xl font-semibold uppercase tracking-[0.3em] text-gold">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 shrink-0">
              <path fill="var(--color-party)" d="M12 1.5l3.1 7 7.4.6-5.6 4.9 1.7 7.4L12 17.5l-6.6 3.9 1.7-7.4L1.5 9.1l7.4-.6z" />
            </svg>
            {t("brand")}
          </p>
          <h1 className="truncate font-[family-name:var(--font-display)] text-6xl leading-tight font-bold uppercase" data-testid="session-title">
            {session.title}
          </h1>
          <p className="text-4xl font-semibold break-words text-paper/90" data-testid="phase-status">
            {phaseStatus(session)}
            {session.round.title &&
            session.round.title.toLowerCase() !== session.round.kindLabel.toLowerCase() &&
            session.round.title.toLowerCase() !== content.kind(session.round.kind).toLowerCase() ? (
              <span className="text-gold"> · {session.round.title}</span>
            ) : null}
          </p>
        </div>
        <div className="flex shrink-0 items-stretch gap-6">
          <div className="flex flex-col items-center justify-center rounded-lg border-4 border-paper/20 px-6 py-2" data-testid="participant-count">
            <span className="font-[family-name:var(--font-display)] text-6xl font-bold tabular-nums">{session.participantCount}</span>
            <span className="text-xl uppercase tracking-widest text-paper/80">{t("participants", { count: session.participantCount })}</span>
          </div>
          {reflectionCue ? (
            <div className="flex flex-col items-center justify-center rounded-lg bg-gold px-6 py-2 text-ink" data-testid="room-cue">
              <span className="text-xl font-semibold uppercase tracking-widest">
                {t("answerOnPhone")}
                <span className="sr-only"> —</span>
              </span>
              <span className="font-[family-name:var(--font-display)] text-6xl font-bold tabular-nums">
                {t("answered", { answered: Math.min(session.reflectionAnswers, session.participantCount), total: session.participantCount })}
              </span>
            </div>
          ) : null}
          {showCountdown ? (
            <div className="flex flex-col items-center justify-center rounded-lg bg-paper px-8 py-2 text-ink" data-testid="projector-countdown">
              <span className="text-xl font-semibold uppercase tracking-widest text-steel">{t("timeLeft")}</span>
              <Countdown remainingMs={session.round.remainingMs} endsAt={session.round.endsAt} receivedAt={live.phase?.receivedAt} paused={session.paused} className="text-7xl font-bold" />
            </div>
          ) : null}
        </div>
      </header>

      {round && round.amendments.length > 0 ? (
        <div className="px-12 pt-4">
          <AmendmentsBanner amendments={round.amendments} size="xl" />
        </div>
      ) : null}
      <main id="main" className="flex min-h-0 flex-1 gap-10 px-12 py-6">
        {session.joiningOpen && !rif && !conference ? <JoinPanel code={code} joinUrl={joinUrl} /> : null}
        {rif ? (
          <RifStageView rif={rif} />
        ) : conference ? (
          <ConferenceView conference={conference} open={session.phase === "round_open"} />
        ) : session.spotlight ? (
          <section aria-label={t("spotlightLabel")} className="flex min-w-0 flex-1 flex-col items-center justify-center gap-8 rounded-xl bg-paper p-16 text-ink" data-testid="spotlight">
            <p className="text-2xl font-semibold uppercase tracking-[0.3em] text-party">{t("spotlight")}</p>
            <blockquote className="max-w-5xl text-center font-[family-name:var(--font-display)] text-6xl leading-tight break-words">{t("quote", { text: session.spotlight })}</blockquote>
          </section>
        ) : (
          <Board board={board} k={board.rules.k ?? session.k} joiningOpen={session.joiningOpen} lobby={session.phase === "lobby"} />
        )}
        {tribunal && !session.spotlight ? <TribunalFeedView tribunal={tribunal} /> : null}
      </main>

      <footer className="flex items-center justify-between gap-6 border-t-2 border-paper/15 px-12 py-3 text-xl text-paper/80">
        <ConnectionIndicator status={live.status} />
        <FullScreenButton />
      </footer>
    </div>
  );
}

function JoinPanel({ code, joinUrl }: { code: string; joinUrl: string }) {
  const t = useTranslations("projector.join");
  const shown = joinUrl.replace(/^https?:\/\//, "");
  return (
    <aside aria-labelledby="join-heading" className="flex w-[28rem] shrink-0 flex-col items-center gap-3 overflow-hidden rounded-xl bg-paper p-6 text-ink" data-testid="join-panel">
      <h2 id="join-heading" className="font-[family-name:var(--font-display)] text-4xl font-bold uppercase">
        {t("title")}
      </h2>
      {/* The QR route renders an SVG on this server; next/image would add nothing here. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={`/api/sessions/${code}/qr`}
        alt={t("qr")}
        width={288}
        height={288}
        className="aspect-square h-auto max-h-[34vh] w-auto max-w-full min-h-0 bg-white"
      />
      <p className="text-xl font-semibold uppercase tracking-[0.25em] text-steel">{t("code")}</p>
      <p className="font-mono text-8xl leading-none font-bold tracking-[0.05em] whitespace-nowrap text-party" data-testid="join-code">
        {code}
      </p>
      <p className="text-center text-3xl font-semibold break-all" data-testid="join-url">
        {shown}
      </p>
    </aside>
  );
}

function Board({ board, k, joiningOpen, lobby }: { board: BoardPayload; k: number; joiningOpen: boolean; lobby: boolean }) {
  const t = useTranslations("projector.board");
  const [areaRef, size] = useElementSizeRem<HTMLDivElement>();
  const entries = board.entries;
  const { rows, cols, pageSize, pageCount } = boardLayout(size, entries.length);
  const [page, setPage] = useState(0);

  useEffect(() => {
    if (pageCount <= 1) return;
    const id = setInterval(() => setPage((p) => (p + 1) % pageCount), PAGE_MS);
    return () => clearInterval(id);
  }, [pageCount]);

  const current = Math.min(page, pageCount - 1);
  const rankedScores = entries.filter((e) => e.score !== null).map((e) => e.score as number);
  const meanScore = rankedScores.length ? rankedScores.reduce((a, b) => a + b, 0) / rankedScores.length : null;
  const bandCount = board.rules.distribution?.bands.length;
  const start = current * pageSize;
  const visible = board.hidden ? [] : entries.slice(start, start + pageSize);
  const rest = entries.length - visible.length;

  return (
    <section aria-labelledby="board-heading" className="flex min-w-0 flex-1 flex-col">
      <h2 id="board-heading" className="sr-only">
        {board.round > 0 ? t("headingRound", { round: board.round }) : t("heading")}
      </h2>
      <RulesStrip board={board} />
      <div ref={areaRef} className="relative min-h-0 flex-1">
        {board.hidden ? (
          board.abolished ? (
            <Panel testId="board-abolished" icon={<HiddenIcon />} title={t("abolishedTitle")}>
              {t("abolished")}
            </Panel>
          ) : (
            <Panel testId="board-hidden" icon={<HiddenIcon />} title={t("hiddenTitle")}>
              {t("hidden")}
            </Panel>
          )
        ) : entries.length === 0 && lobby && joiningOpen ? (
          <div data-testid="lobby-steps" className="flex h-full flex-col justify-center gap-10 rounded-xl border-4 border-dashed border-paper/25 px-16 py-12">
            <p className="font-[family-name:var(--font-display)] text-7xl leading-tight font-bold uppercase hyphens-auto break-words">{t("stepsTitle")}</p>
            <ol className="flex flex-col gap-8 text-5xl font-semibold">
              {[t("step1"), t("step2"), t("step3")].map((step, i) => (
                <li key={i} className="flex items-baseline gap-6">
                  <span aria-hidden="true" className="font-mono text-6xl font-bold text-gold">{i + 1}</span>
                  <span>{step}</span>
                </li>
              ))}
            </ol>
            <p className="text-3xl text-paper/80">{t("stepsNote")}</p>
          </div>
        ) : entries.length === 0 ? (
          <Panel testId="board-empty" icon={<StarIcon />} title={t("emptyTitle")}>
            {joiningOpen ? t("emptyJoin") : t("emptyClosed")}
          </Panel>
        ) : (
          <ol
            key={current}
            data-testid="projector-board"
            data-page={current + 1}
            data-pages={pageCount}
            data-total={entries.length}
            data-page-size={pageSize}
            aria-label={pageCount > 1 ? t("pageLabel", { page: current + 1, pages: pageCount }) : t("heading")}
            className="grid h-full grid-flow-col gap-x-8 motion-safe:animate-[stk-page-in_400ms_ease-out]"
            style={{ gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`, gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}
          >
            {visible.map((entry) => (
              <BoardRow key={entry.participantId} entry={entry} bandCount={bandCount} meanScore={meanScore} />
            ))}
          </ol>
        )}
      </div>
      {!board.hidden && entries.length > 0 ? (
        <div className="flex items-center justify-between gap-6 pt-3 text-2xl text-paper/80">
          <p data-testid="board-ranked">{board.ranked < board.total ? t("rankedNeedK", { ranked: board.ranked, total: board.total, k }) : t("ranked", { ranked: board.ranked, total: board.total })}</p>
          {pageCount > 1 ? (
            <div className="flex shrink-0 flex-col items-end gap-1">
              <p className="font-semibold text-paper" data-testid="board-pager">
                {t("pager", { page: current + 1, pages: pageCount, from: start + 1, to: start + visible.length, total: entries.length, rest })}
              </p>
              <div className="h-1.5 w-full overflow-hidden rounded bg-paper/15" aria-hidden="true">
                <div
                  key={`${current}/${pageCount}`}
                  className="h-full origin-left bg-party motion-safe:animate-[stk-page-progress_8s_linear_forwards]"
                />
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

const BAND_BAR = ["border-l-gold", "border-l-paper/40", "border-l-steel", "border-l-party/60", "border-l-party"];

function bandBar(index: number, count: number): string {
  if (index === 0) return BAND_BAR[0]!;
  if (index === count - 1) return BAND_BAR[4]!;
  return BAND_BAR[Math.min(3, index)]!;
}

/** What this round's rules are: the bands and their sizes, the norm and how it moved, the tiers. */
function RulesStrip({ board }: { board: BoardPayload }) {
  const t = useTranslations("projector.rules");
  const content = useContentText();
  const explained = useRuleExplainers(board.rules);
  const r = board.rules;
  if (!r.distribution && !r.norm && !r.nosedive && !r.quotaBallots) return null;
  const norm = r.norm;
  const moved = norm && norm.value !== null && norm.previous !== null && norm.previous > 0 ? Math.round(((norm.value - norm.previous) / norm.previous) * 100) : null;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-8 gap-y-2 text-2xl" data-testid="rules-strip">
      <span className="font-bold uppercase tracking-wide text-gold">{content.rules(r.tags)}</span>
      {r.distribution ? (
        <span data-testid="band-legend">
          {r.distribution.bands.map((b, i) => (
            <span key={b.name} className={`mr-4 border-l-8 pl-2 ${bandBar(i, r.distribution!.bands.length)}`}>
              {content.band(b.name)}: {b.size}
            </span>
          ))}
        </span>
      ) : null}
      {norm ? (
        <span data-testid="norm-line" className="font-semibold">
          {norm.value === null ? (
            t("normLater")
          ) : (
            <>
              {t.rich("norm", { value: content.score(norm.value), mono: (chunks) => <span className="font-mono">{chunks}</span> })}
              {norm.previous !== null ? (
                <span className="text-paper/70">
                  {" "}
                  {t.rich(moved !== null ? "normWasMoved" : "normWas", {
                    previous: content.score(norm.previous),
                    moved: `${moved !== null && moved >= 0 ? "+" : ""}${moved ?? 0}`,
                    mono: (chunks) => <span className="font-mono">{chunks}</span>,
                  })}
                </span>
              ) : null}
              <span className="text-paper/70">{t("record", { percent: norm.recordPercent, ratchet: norm.ratchet ? "yes" : "no" })}</span>
            </>
          )}
        </span>
      ) : null}
      {r.nosedive ? (
        <span className="text-paper/80" data-testid="tier-legend">
          {r.nosedive.tiers.map((tier) => `${content.tierName(tier)} ×${content.percent(tier.weight)}`).join(" · ")}
        </span>
      ) : null}
      <ul className="w-full text-xl text-paper/85" data-testid="rule-explainers">
        {explained.map((e) => (
          <li key={e.rule}>{e.text}</li>
        ))}
      </ul>
    </div>
  );
}

function BoardRow({ entry, bandCount, meanScore }: { entry: PublicEntry; bandCount?: number; meanScore: number | null }) {
  const t = useTranslations("projector.row");
  const content = useContentText();
  const top = entry.rank !== null && entry.rank <= 3;
  // The uncomfortable case: an above-average score in the bottom band.
  const unfair = !!entry.band && bandCount !== undefined && entry.band.index === bandCount - 1 && entry.score !== null && meanScore !== null && entry.score >= meanScore;
  return (
    <li
      data-testid="board-row"
      data-participant-id={entry.participantId}
      data-rank={entry.rank ?? ""}
      data-band={entry.band?.index ?? ""}
      className={`flex min-w-0 items-center gap-4 border-b-2 border-paper/10 px-2 ${entry.band && bandCount ? `border-l-8 ${bandBar(entry.band.index, bandCount)}` : ""} ${unfair ? "bg-party/25" : ""}`}
    >
      <span className={`w-[3ch] shrink-0 text-right font-[family-name:var(--font-display)] text-5xl font-bold tabular-nums ${entry.rank === 1 ? "text-gold" : top ? "text-paper" : "text-paper/75"}`}>
        {entry.rank === null ? (
          <>
            <span aria-hidden="true">–</span>
            <span className="sr-only">{t("unranked")}</span>
          </>
        ) : (
          <>
            <span className="sr-only">{t("rank")} </span>
            {entry.rank}
          </>
        )}
      </span>
      <Movement movement={entry.movement} />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className={`truncate text-4xl ${top ? "font-bold" : "font-semibold"}`}>{entry.displayName}</span>
        {entry.band || entry.tier || entry.percentOfNorm != null || entry.stakhanovite || entry.team !== undefined ? (
          <span className="text-2xl leading-tight">
            <EntryBadges entry={entry} bandCount={bandCount} size="lg" />
            {unfair ? <span className="ml-2 font-bold text-gold">{t("unfair")}</span> : null}
          </span>
        ) : null}
      </span>
      {entry.score === null ? (
        <span className="shrink-0 text-2xl text-paper/60 italic">{t("notRated")}</span>
      ) : (
        <span className="shrink-0 font-mono text-4xl font-bold tabular-nums">
          <span className="sr-only">{t("score")} </span>
          {content.score(entry.score)}
        </span>
      )}
    </li>
  );
}

function Movement({ movement }: { movement: PublicEntry["movement"] }) {
  const t = useTranslations("live.movement");
  const tp = useTranslations("projector.row");
  // Wide enough for the longest "new" mark (Russian «НОВИЧОК»).
  const slot = "flex w-24 shrink-0 items-center justify-center";
  switch (movement) {
    case "up":
      return (
        <span className={`${slot} text-4xl text-emerald-400`}>
          <span aria-hidden="true">▲</span>
          <span className="sr-only">{t("up")}</span>
        </span>
      );
    case "down":
      return (
        <span className={`${slot} text-4xl text-red-400`}>
          <span aria-hidden="true">▼</span>
          <span className="sr-only">{t("down")}</span>
        </span>
      );
    case "new":
      return (
        <span className={slot}>
          <span className="rounded bg-gold px-2 py-0.5 text-base font-bold tracking-normal text-ink">
            {t("new")}
            <span className="sr-only"> {tp("newOnBoard")}</span>
          </span>
        </span>
      );
    default:
      return (
        <span className={`${slot} text-3xl text-paper/30`}>
          <span aria-hidden="true">·</span>
          <span className="sr-only">{tp("unchanged")}</span>
        </span>
      );
  }
}

function Panel({ testId, icon, title, children }: { testId: string; icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <div data-testid={testId} className="flex h-full flex-col items-center justify-center gap-6 rounded-xl border-4 border-dashed border-paper/25 p-12 text-center">
      {icon}
      <p className="max-w-4xl font-[family-name:var(--font-display)] text-6xl leading-tight font-bold uppercase">{title}</p>
      <p className="max-w-3xl text-3xl text-paper/80">{children}</p>
    </div>
  );
}

function ConnectionIndicator({ status }: { status: LiveStatus }) {
  const t = useTranslations("projector.connection");
  const view: Record<LiveStatus, { dot: string; text: string }> = {
    live: { dot: "bg-emerald-400", text: t("live") },
    connecting: { dot: "bg-gold", text: t("connecting") },
    reconnecting: { dot: "bg-gold motion-safe:animate-pulse", text: t("reconnecting") },
    closed: { dot: "bg-red-400", text: t("closed") },
  };
  const { dot, text } = view[status];
  return (
    <p role="status" className="flex items-center gap-3" data-testid="connection-status" data-status={status}>
      <span aria-hidden="true" className={`inline-block h-4 w-4 rounded-full ${dot}`} />
      <span>{text}</span>
    </p>
  );
}

function FullScreenButton() {
  const t = useTranslations("projector");
  const [full, setFull] = useState(false);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);
  function toggle() {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }
  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded-md border-2 border-paper/30 px-4 py-1 text-lg font-semibold uppercase tracking-wide text-paper/80 hover:border-paper hover:text-paper"
    >
      <span aria-hidden="true">{full ? "⤡ " : "⤢ "}</span>
      {full ? t("exitFullScreen") : t("fullScreen")}
    </button>
  );
}

function HiddenIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-28 w-28 text-gold" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d="M2 12s3.6-7 10-7c2.1 0 3.9.7 5.4 1.8M22 12s-3.6 7-10 7c-2.1 0-3.9-.7-5.4-1.8" />
      <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2" />
      <path d="M3 3l18 18" />
    </svg>
  );
}

function StarIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-28 w-28">
      <path fill="var(--color-party)" d="M12 1.5l3.1 7 7.4.6-5.6 4.9 1.7 7.4L12 17.5l-6.6 3.9 1.7-7.4L1.5 9.1l7.4-.6z" />
    </svg>
  );
}
