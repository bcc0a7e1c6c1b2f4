"use client";

// The ranking replay: the board of every closed rating round, one round at a
// time, each person's row sliding to their new place. Who rose and who fell is
// written on every row (▲ 2, ▼ 3, NEW), never shown by colour or motion alone;
// rule changes and the rounds without ratings in between are markers on the
// round strip. With prefers-reduced-motion the rows jump instead of sliding.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { frameReading, rulesChanged, type RankingFrame, type RankingRow } from "@/lib/debrief/ranking";
import { useDebriefText } from "./use-debrief-text";

const KINDS = ["rif", "conference", "tribunal", "rating"] as const;
const isKind = (kind: string): kind is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(kind);

type ReplayT = ReturnType<typeof useTranslations<"debrief.replay">>;

function moveBadge(row: RankingRow, t: ReplayT): { text: string; label: string } {
  switch (row.move) {
    case "up":
      return { text: `▲ ${row.delta}`, label: t("up", { n: row.delta! }) };
    case "down":
      return { text: `▼ ${-row.delta!}`, label: t("down", { n: -row.delta! }) };
    case "same":
      return { text: "=", label: t("same") };
    case "new":
      return { text: t("newBadge"), label: t("new") };
    case "dropped":
      return { text: t("outBadge"), label: t("dropped") };
    case "unranked":
      return { text: "", label: t("unranked") };
    default:
      return { text: "", label: "" };
  }
}

function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    const update = () => setReduced(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return reduced;
}

const STEP_MS = 2200;

export function RankingReplay({ frames, size = "page" }: { frames: RankingFrame[]; size?: "page" | "projector" }) {
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const reduced = useReducedMotion();
  const t = useTranslations("debrief.replay");
  const frameText = useTranslations("debrief.frame");
  const { place, ruleName } = useDebriefText();
  const kindName = (kind: string) => (isKind(kind) ? t(`kinds.${kind}`) : kind);
  const last = frames.length - 1;
  const at = Math.min(index, Math.max(0, last));

  useEffect(() => {
    if (!playing || at >= last) return;
    const timer = window.setTimeout(() => {
      setIndex(at + 1);
      if (at + 1 >= last) setPlaying(false);
    }, STEP_MS);
    return () => window.clearTimeout(timer);
  }, [playing, at, last]);

  if (frames.length === 0) return null;
  const frame = frames[at]!;
  const big = size === "projector";
  const rowHeight = big ? (frame.rows.length > 12 ? 40 : 52) : 44;
  // Everyone in any frame keeps one row element, so a row slides from its old place to its new one.
  const everyone = [...new Set(frames.flatMap((f) => f.rows.map((r) => r.who)))].sort();
  const position = new Map(frame.rows.map((r, i) => [r.who, i]));

  function play() {
    if (at >= last) setIndex(0);
    setPlaying(true);
  }
  const shape = "inline-flex min-h-11 items-center gap-2 rounded-md border-2 border-ink px-4 font-semibold uppercase tracking-wide disabled:cursor-not-allowed disabled:opacity-40";
  const button = `${shape} bg-white hover:bg-paper`;

  return (
    <div className={`flex flex-col gap-4 ${big ? "text-2xl" : "text-lg"}`} data-testid="ranking-replay" data-round={frame.round} data-playing={playing ? "true" : "false"}>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={button} onClick={() => { setPlaying(false); setIndex(Math.max(0, at - 1)); }} disabled={at === 0} aria-label={t("previous")}>
          <span aria-hidden="true">◀</span> {t("round")}
        </button>
        <button type="button" className={`${shape} bg-ink text-paper hover:bg-party`} onClick={() => (playing ? setPlaying(false) : play())} data-testid="ranking-play" disabled={frames.length < 2}>
          {playing ? t("pause") : t("play")}
        </button>
        <button type="button" className={button} onClick={() => { setPlaying(false); setIndex(Math.min(last, at + 1)); }} disabled={at >= last} aria-label={t("next")}>
          {t("round")} <span aria-hidden="true">▶</span>
        </button>
        <ol className="ml-2 flex flex-wrap items-center gap-1" aria-label={t("strip")}>
          {frames.map((f, i) => (
            <li key={f.round} className="flex items-center gap-1">
              {f.between.map((b) => (
                <span key={b.round} className="rounded border-2 border-dashed border-ink/50 px-2 py-1 text-base text-steel" title={kindName(b.kind)}>
                  R{b.round}: {kindName(b.kind)}
                  {b.passed.length ? " ⚑" : ""}
                </span>
              ))}
              <button
                type="button"
                onClick={() => { setPlaying(false); setIndex(i); }}
                aria-current={i === at ? "step" : undefined}
                className={`min-h-11 rounded-md border-2 px-3 font-mono font-bold ${i === at ? "border-ink bg-ink text-paper" : "border-ink/40 bg-white hover:border-ink"}`}
              >
                {t("roundN", { round: f.round })}
                {i > 0 && rulesChanged(f) ? <span className="ml-1 font-sans text-base">{t("changedMark")}</span> : null}
              </button>
            </li>
          ))}
        </ol>
      </div>

      <div className="flex flex-col gap-1">
        <p className={`font-[family-name:var(--font-display)] font-bold uppercase ${big ? "text-4xl" : "text-2xl"}`}>
          {t("roundN", { round: frame.round })}
          {frame.title ? ` · ${frame.title}` : ""}
        </p>
        <p className="text-steel">{t("rules", { rules: frame.rules.map(ruleName).join(" · ") })}</p>
        {at > 0 && rulesChanged(frame) ? (
          <p className="font-semibold" data-testid="ranking-rule-change">
            <span aria-hidden="true">⚑ </span>
            {t("changed")}
            {frame.rulesAdded.length ? t("now", { rules: frame.rulesAdded.map(ruleName).join(", ") }) : ""}
            {frame.rulesRemoved.length ? t("noLonger", { rules: frame.rulesRemoved.map(ruleName).join(", ") }) : ""}
            {frame.between
              .filter((b) => b.passed.length)
              .map((b) => t("conference", { round: b.round, passed: b.passed.join("; ") }))
              .join("")}
            .
          </p>
        ) : null}
        <p className={`font-semibold ${big ? "text-4xl leading-tight" : "text-xl"}`} aria-live="polite" data-testid="ranking-reading">
          {frameReading(frame, at === 0, frameText)}
        </p>
      </div>

      <div className="relative max-w-5xl overflow-hidden rounded-md border-2 border-ink/15" style={{ height: frame.rows.length * rowHeight }} role="list" aria-label={t("list", { round: frame.round })}>
        {everyone.map((who) => {
          const i = position.get(who);
          const row = i === undefined ? null : frame.rows[i]!;
          if (!row) return null;
          const badge = moveBadge(row, t);
          return (
            <div
              key={who}
              role="listitem"
              data-testid="ranking-row"
              data-who={row.who}
              data-rank={row.rank ?? ""}
              data-move={row.move}
              className={`absolute inset-x-0 flex items-center gap-4 border-b border-ink/10 px-3 ${row.rank === 1 ? "bg-gold/30" : i! % 2 ? "bg-paper/60" : "bg-white"} ${
                reduced ? "" : "transition-transform duration-700 ease-in-out"
              } motion-reduce:transition-none`}
              style={{ height: rowHeight, transform: `translateY(${i! * rowHeight}px)` }}
            >
              <span className="w-20 shrink-0 font-mono font-bold tabular-nums">{row.rank === null ? "—" : place(row.rank)}</span>
              <span className="min-w-0 flex-1 truncate font-semibold" title={row.who}>
                {row.who}
              </span>
              <span aria-hidden="true" className={`w-24 shrink-0 text-right font-mono font-bold ${row.move === "down" || row.move === "dropped" ? "text-party" : ""}`}>
                {badge.text}
              </span>
              <span className="sr-only">{row.rank === null ? t("noRank", { label: badge.label }) : badge.label}</span>
            </div>
          );
        })}
      </div>
      <p className="text-base text-steel">{t("legend")}</p>
    </div>
  );
}
