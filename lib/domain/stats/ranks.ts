// Ranks from scores, and what changed between two rankings.
import { compareIds, round2 } from "./internal";

/**
 * Standard competition ranks (1, 2, 2, 4), highest score first, ties on the
 * score rounded to 2 decimals (what people see). Null scores get a null rank.
 * The result iterates ranked ids first (by rank, ties in input order), then
 * unranked ids in input order.
 */
export function rankByScore(scores: ReadonlyMap<string, number | null>): Map<string, number | null> {
  const ranked: { id: string; shown: number }[] = [];
  const unranked: string[] = [];
  for (const [id, score] of scores) {
    if (score === null || Number.isNaN(score)) unranked.push(id);
    else ranked.push({ id, shown: round2(score) });
  }
  ranked.sort((a, b) => b.shown - a.shown); // stable: ties keep input order
  const result = new Map<string, number | null>();
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    result.set(e.id, prev && prev.shown === e.shown ? (result.get(prev.id) ?? null) : i + 1);
  });
  for (const id of unranked) result.set(id, null);
  return result;
}

/** How many ids have a different rank in `a` and `b`; an id missing from one map counts as null there. */
export function rankChanges(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): number {
  let changed = 0;
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(id) ?? null) !== (b.get(id) ?? null)) changed += 1;
  }
  return changed;
}

export interface RankMove {
  id: string;
  from: number;
  to: number;
  /** from − to: positive is a climb (rank 5 → 2 is +3). */
  delta: number;
}

/**
 * The up-to-n biggest climbs and falls among ids ranked (non-null) in both
 * maps. Order: biggest move first, then better new rank, then id, so equal
 * moves are cut deterministically. Throws RangeError unless n is a whole number ≥ 0.
 */
export function risersAndFallers(
  prevRanks: ReadonlyMap<string, number | null>,
  nextRanks: ReadonlyMap<string, number | null>,
  n = 3,
): { risers: RankMove[]; fallers: RankMove[] } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`risersAndFallers needs a whole n >= 0, got ${n}`);
  const moves: RankMove[] = [];
  for (const [id, from] of prevRanks) {
    const to = nextRanks.get(id);
    if (from === null || to === null || to === undefined || from === to) continue;
    moves.push({ id, from, to, delta: from - to });
  }
  const order = (a: RankMove, b: RankMove) => Math.abs(b.delta) - Math.abs(a.delta) || a.to - b.to || compareIds(a.id, b.id);
  return {
    risers: moves.filter((m) => m.delta > 0).sort(order).slice(0, n),
    fallers: moves.filter((m) => m.delta < 0).sort(order).slice(0, n),
  };
}
