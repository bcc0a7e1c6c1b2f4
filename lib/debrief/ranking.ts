// The ranking replay: the board of every closed rating round, one frame per
// round, with who rose, who fell and what changed in the rules since the frame
// before (an agenda rule change, a conference's amendments, the rounds without
// ratings in between). Pure: the debrief builder feeds it ranks it has already
// computed and the labels it is allowed to show (pseudonyms unless the
// facilitator shows names on the churn chart, which shows the same ranks).

import type { useTranslations } from "next-intl";
/** How a person's place changed since the previous frame. */
export type RankMoveKind =
  /** First frame: nothing to compare with. */
  | "start"
  | "up"
  | "down"
  | "same"
  /** Ranked now, not ranked (or not there) in the previous frame. */
  | "new"
  /** Ranked in the previous frame, without a rank now. */
  | "dropped"
  /** Without a rank in this frame (and the one before). */
  | "unranked";

export interface RankingRow {
  who: string;
  rank: number | null;
  previous: number | null;
  move: RankMoveKind;
  /** previous − rank when both exist: positive is a climb (5th → 2nd is +3); otherwise null. */
  delta: number | null;
}

/** A round without ratings between two frames (a Reduction in Force, a conference). */
export interface BetweenRound {
  round: number;
  kind: string;
  title: string | null;
  /** For a conference: the proposals it passed (they change the rules of later rounds). */
  passed: string[];
}

export interface RankingFrame {
  round: number;
  title: string | null;
  rules: string[];
  /** Rules in force now that were not in the previous frame (empty for the first frame). */
  rulesAdded: string[];
  /** Rules of the previous frame no longer in force. */
  rulesRemoved: string[];
  /** Rounds without ratings since the previous frame (or before the first). */
  between: BetweenRound[];
  /** Ranked people by rank (ties by label), then the unranked by label: the order never follows join order. */
  rows: RankingRow[];
}

export interface RankingRoundInput {
  number: number;
  title: string | null;
  kind: string;
  rules: string[];
  /** participant id → rank under the round's own rules; null for rounds without ratings. */
  ranks: ReadonlyMap<string, number | null> | null;
  /** Conference proposals passed in this round. */
  passed?: string[];
}

const byLabel = (a: { who: string }, b: { who: string }) => (a.who < b.who ? -1 : a.who > b.who ? 1 : 0);

/**
 * One frame per round with ratings, in round order. `people` are the people the debrief counts, with the
 * label to show; anyone else in the ranks is left out.
 */
export function rankingFrames(rounds: readonly RankingRoundInput[], people: readonly { id: string; who: string }[]): RankingFrame[] {
  const frames: RankingFrame[] = [];
  let previous: { ranks: ReadonlyMap<string, number | null>; rules: string[] } | null = null;
  let between: BetweenRound[] = [];
  for (const round of [...rounds].sort((a, b) => a.number - b.number)) {
    if (!round.ranks) {
      between.push({ round: round.number, kind: round.kind, title: round.title, passed: round.passed ?? [] });
      continue;
    }
    const ranks = round.ranks;
    const rows: RankingRow[] = people.map(({ id, who }) => {
      const rank = ranks.get(id) ?? null;
      const before = previous ? (previous.ranks.get(id) ?? null) : null;
      let move: RankMoveKind;
      if (rank === null) move = before === null ? "unranked" : "dropped";
      else if (!previous) move = "start";
      else if (before === null) move = "new";
      else move = before > rank ? "up" : before < rank ? "down" : "same";
      return { who, rank, previous: before, move, delta: rank !== null && before !== null ? before - rank : null };
    });
    rows.sort((a, b) => {
      if (a.rank !== null && b.rank !== null) return a.rank - b.rank || byLabel(a, b);
      if (a.rank !== null) return -1;
      if (b.rank !== null) return 1;
      return byLabel(a, b);
    });
    const prevRules = previous?.rules;
    frames.push({
      round: round.number,
      title: round.title,
      rules: round.rules,
      rulesAdded: prevRules ? round.rules.filter((r) => !prevRules.includes(r)) : [],
      rulesRemoved: prevRules ? prevRules.filter((r) => !round.rules.includes(r)) : [],
      between,
      rows,
    });
    previous = { ranks, rules: round.rules };
    between = [];
  }
  return frames;
}

/** The biggest climb and the biggest fall of a frame (ties: better new rank, then label), for its one-sentence reading. */
export function biggestMoves(frame: RankingFrame): { riser: RankingRow | null; faller: RankingRow | null } {
  const moved = frame.rows.filter((r) => r.delta !== null && r.delta !== 0);
  const order = (a: RankingRow, b: RankingRow) => Math.abs(b.delta!) - Math.abs(a.delta!) || a.rank! - b.rank! || byLabel(a, b);
  return {
    riser: moved.filter((r) => r.delta! > 0).sort(order)[0] ?? null,
    faller: moved.filter((r) => r.delta! < 0).sort(order)[0] ?? null,
  };
}

/** True when the frame marks a change of rules: different rule labels, or a round in between that passed amendments. */
export const rulesChanged = (frame: RankingFrame) =>
  frame.rulesAdded.length > 0 || frame.rulesRemoved.length > 0 || frame.between.some((b) => b.passed.length > 0);

/** The sentences a frame's reading is made of, in the page's language (messages/<locale>/debrief.json, "frame"). */
export type FrameText = ReturnType<typeof useTranslations<"debrief.frame">>;

/** The one sentence a frame says: who is on top (first frame), else the biggest climb and fall, and whether the rules had changed. */
export function frameReading(frame: RankingFrame, first: boolean, t: FrameText): string {
  const ranked = frame.rows.filter((r) => r.rank !== null).length;
  if (ranked === 0) return t("nobody", { round: frame.round });
  const top = frame.rows.filter((r) => r.rank === 1).map((r) => r.who);
  if (first) return t("first", { round: frame.round, ranked, total: frame.rows.length, top: top.join(t("and")) });
  const { riser, faller } = biggestMoves(frame);
  const parts: string[] = [];
  if (riser) parts.push(t("rose", { who: riser.who, n: riser.delta!, place: t("place", { n: riser.rank! }) }));
  if (faller) parts.push(t("fell", { who: faller.who, n: -faller.delta!, place: t("place", { n: faller.rank! }) }));
  const moves = parts.length ? parts.join("; ") : t("nobodyMoved");
  return t("moves", { round: frame.round, moves, changed: rulesChanged(frame) ? "yes" : "no" });
}
