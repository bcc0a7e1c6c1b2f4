"use client";

import { useTranslations } from "next-intl";
import { EntryBadges } from "@/components/live/rule-badges";
import { useContentText } from "@/components/live/rule-text";
import type { BoardPayload, PublicEntry } from "@/components/live/types";
import { Alert } from "@/components/ui/alert";

export function MovementMark({ movement }: { movement: PublicEntry["movement"] }) {
  const t = useTranslations("live.movement");
  if (movement === "up")
    return (
      <span className="font-bold text-green-700">
        <span aria-hidden="true">▲</span>
        <span className="sr-only">{t("up")}</span>
      </span>
    );
  if (movement === "down")
    return (
      <span className="font-bold text-party">
        <span aria-hidden="true">▼</span>
        <span className="sr-only">{t("down")}</span>
      </span>
    );
  if (movement === "new") return <span className="rounded bg-gold px-1 text-xs font-bold text-ink">{t("new")}</span>;
  return null;
}

export function BoardRows({ entries, selfId, bandCount }: { entries: PublicEntry[]; selfId?: string; bandCount?: number }) {
  const t = useTranslations("live.board");
  const content = useContentText();
  return (
    <ol className="flex flex-col gap-1">
      {entries.map((e) => {
        const self = e.participantId === selfId;
        return (
          <li
            key={e.participantId}
            data-testid="phone-board-row"
            className={`flex items-center gap-3 rounded-md px-3 py-2 ${self ? "bg-ink text-paper" : "bg-white"}`}
          >
            <span className="w-10 shrink-0 font-mono text-lg font-bold tabular-nums">{e.rank === null ? "–" : `#${e.rank}`}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate font-semibold">
                {e.displayName}
                {self ? <span className="ml-1 text-xs font-normal">{t("you")}</span> : null}
              </span>
              <EntryBadges entry={e} bandCount={bandCount} />
            </span>
            <MovementMark movement={e.movement} />
            <span className="w-20 shrink-0 text-right font-mono tabular-nums">{e.score === null ? <span className="block font-sans text-xs leading-tight">{t("notRated")}</span> : content.score(e.score)}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function PhoneBoard({ board, selfId }: { board: BoardPayload | null; selfId: string }) {
  const t = useTranslations("participant.board");
  const content = useContentText();
  if (!board) return <p className="text-steel">{t("loading")}</p>;
  if (board.hidden) return <Alert tone="info">{board.abolished ? t("abolished") : t("hidden")}</Alert>;
  return (
    <section aria-labelledby="board-heading" className="flex flex-col gap-2">
      <h2 id="board-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        {t("top", { count: Math.min(board.entries.length, board.total) })}
      </h2>
      <p className="text-sm text-steel">{t("ranked", { ranked: board.ranked, total: board.total })}</p>
      {board.rules.tags.length ? <p className="text-xs font-semibold uppercase tracking-wide break-words text-party">{content.rules(board.rules.tags)}</p> : null}
      <BoardRows entries={board.entries} selfId={selfId} bandCount={board.rules.distribution?.bands.length} />
      {board.truncated ? <p className="text-sm font-semibold">{t("more", { count: board.total - board.entries.length })}</p> : null}
    </section>
  );
}
