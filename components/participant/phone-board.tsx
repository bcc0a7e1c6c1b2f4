"use client";

import { EntryBadges } from "@/components/live/rule-badges";
import type { BoardPayload, PublicEntry } from "@/components/live/types";
import { Alert } from "@/components/ui/alert";

export function MovementMark({ movement }: { movement: PublicEntry["movement"] }) {
  if (movement === "up")
    return (
      <span className="font-bold text-green-700">
        <span aria-hidden="true">▲</span>
        <span className="sr-only">moved up</span>
      </span>
    );
  if (movement === "down")
    return (
      <span className="font-bold text-party">
        <span aria-hidden="true">▼</span>
        <span className="sr-only">moved down</span>
      </span>
    );
  if (movement === "new") return <span className="rounded bg-gold px-1 text-xs font-bold text-ink">NEW</span>;
  return null;
}

export function BoardRows({ entries, selfId, bandCount }: { entries: PublicEntry[]; selfId?: string; bandCount?: number }) {
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
            <span className="w-10 font-mono text-lg font-bold tabular-nums">{e.rank === null ? "–" : `#${e.rank}`}</span>
            <span className="min-w-0 flex-1">
              <span className="block truncate font-semibold">
                {e.displayName}
                {self ? <span className="ml-1 text-xs font-normal">(you)</span> : null}
              </span>
              <EntryBadges entry={e} bandCount={bandCount} />
            </span>
            <MovementMark movement={e.movement} />
            <span className="w-16 text-right font-mono tabular-nums">{e.score === null ? <span className="text-xs">not yet rated</span> : e.score.toFixed(2)}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function PhoneBoard({ board, selfId }: { board: BoardPayload | null; selfId: string }) {
  if (!board) return <p className="text-steel">Loading the leaderboard…</p>;
  if (board.hidden) return <Alert tone="info">The facilitator has hidden the leaderboard for now.</Alert>;
  return (
    <section aria-labelledby="board-heading" className="flex flex-col gap-2">
      <h2 id="board-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
        Top {Math.min(board.entries.length, board.total)}
      </h2>
      <p className="text-sm text-steel">
        {board.ranked} of {board.total} have a score this round.
      </p>
      {board.rules.labels.length ? <p className="text-xs font-semibold uppercase tracking-wide text-party">{board.rules.labels.join(" · ")}</p> : null}
      <BoardRows entries={board.entries} selfId={selfId} bandCount={board.rules.distribution?.bands.length} />
      {board.truncated ? <p className="text-sm font-semibold">+{board.total - board.entries.length} more on the projector</p> : null}
    </section>
  );
}
