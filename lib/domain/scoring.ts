// Scores, ranking and the anonymity threshold. Raw ratings never reach these
// functions: callers pass per-target aggregates, and anyone rated by fewer
// than k distinct people gets no number at all, so a score cannot be traced
// back to one or two raters.

export interface DimensionAggregate {
  sum: number;
  count: number;
}

export interface TargetAggregate {
  participantId: string;
  displayName: string;
  /** Distinct people who rated this target on any dimension this round. */
  distinctRaters: number;
  dimensions: Record<string, DimensionAggregate>;
}

export interface LeaderboardEntry {
  /** Standard competition rank (1, 2, 2, 4); null means "not yet rated". */
  rank: number | null;
  participantId: string;
  displayName: string;
  /** Rounded to 2 decimals; null below the anonymity threshold. */
  score: number | null;
  raters: number;
}

/** Rounds to what people see, so equal-looking scores are equal everywhere. */
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// Numeric collation so "Ada 2" sorts before "Ada 10"; a fixed locale keeps server and client lists identical.
const collator = new Intl.Collator("en", { numeric: true });

function byName(a: { displayName: string; participantId: string }, b: { displayName: string; participantId: string }): number {
  // The id tie-break only matters for identical names, but keeps the order total.
  return collator.compare(a.displayName, b.displayName) || (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0);
}

/**
 * Mean over dimensions of the mean rating on that dimension, at full precision.
 * Each dimension weighs the same however many ratings it got. Only dimensions
 * rated by at least k people count: a dimension with fewer raters is hidden on
 * its own, and letting it into the overall mean would let anyone recover it
 * (score × n − the visible dimensions). Null below k distinct raters overall
 * or when no dimension reaches k.
 */
export function computeScore(target: TargetAggregate, k: number): number | null {
  if (target.distinctRaters < k) return null;
  const means: number[] = [];
  for (const { sum, count } of Object.values(target.dimensions)) {
    // One rating per rater and dimension, so `count` is that dimension's number of raters.
    if (count > 0 && count >= k) means.push(sum / count);
  }
  if (means.length === 0) return null;
  return means.reduce((a, b) => a + b, 0) / means.length;
}

/**
 * Ranked people first (score descending, ties by name), each with a
 * competition rank computed on the rounded score; then unrated people by name.
 */
export function computeLeaderboard(targets: TargetAggregate[], k: number): LeaderboardEntry[] {
  return rankEntries(
    targets.map((t) => ({ participantId: t.participantId, displayName: t.displayName, raters: t.distinctRaters, score: computeScore(t, k) })),
  );
}

/**
 * The same ranking for scores computed by any rule (plain means, Nosedive
 * weighting, …): full-precision scores in, rounded scores and ranks out.
 */
export function rankEntries(items: { participantId: string; displayName: string; raters: number; score: number | null }[]): LeaderboardEntry[] {
  const ranked: LeaderboardEntry[] = [];
  const unrated: LeaderboardEntry[] = [];
  for (const t of items) {
    const entry = { rank: null, participantId: t.participantId, displayName: t.displayName, raters: t.raters };
    if (t.score === null) unrated.push({ ...entry, score: null });
    else ranked.push({ ...entry, score: round2(t.score) });
  }
  const scoreOf = (e: LeaderboardEntry) => e.score ?? 0;
  ranked.sort((a, b) => scoreOf(b) - scoreOf(a) || byName(a, b));
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    e.rank = prev && prev.score === e.score ? prev.rank : i + 1;
  });
  unrated.sort(byName);
  return [...ranked, ...unrated];
}

/**
 * Share of ranked people you beat or tie with, in whole percent:
 * rank 1 of 10 → 100, rank 10 of 10 → 10.
 */
export function percentile(rank: number, rankedCount: number): number {
  if (!Number.isInteger(rank) || !Number.isInteger(rankedCount) || rankedCount < 1 || rank < 1 || rank > rankedCount) {
    throw new RangeError(`percentile needs 1 <= rank <= rankedCount, got rank ${rank} of ${rankedCount}`);
  }
  return Math.round((100 * (rankedCount - rank + 1)) / rankedCount);
}

/** The slice of a list around one entry: up to `around` above and below, fewer at the edges. */
export function relativeWindow<T>(entries: T[], index: number, around = 5): { above: T[]; self: T; below: T[] } {
  if (!Number.isInteger(index) || index < 0 || index >= entries.length) {
    throw new RangeError(`relativeWindow index ${index} is outside a list of ${entries.length}`);
  }
  const self = entries[index] as T; // in range, checked above
  return {
    above: entries.slice(Math.max(0, index - around), index),
    self,
    below: entries.slice(index + 1, index + 1 + around),
  };
}

/**
 * Per-dimension mean (2 decimals) in `dimensionKeys` order, each only shown
 * when that dimension alone has at least k distinct raters.
 */
export function dimensionScores(
  perDimension: Record<string, { sum: number; count: number; distinctRaters: number }>,
  dimensionKeys: string[],
  k: number,
): { key: string; score: number | null }[] {
  return dimensionKeys.map((key) => {
    const d = perDimension[key];
    if (!d || d.count === 0 || d.distinctRaters < k) return { key, score: null };
    return { key, score: round2(d.sum / d.count) };
  });
}

/**
 * The ranks movement compares with: the last snapshot's, and for anyone without a rank there, the rank
 * they ended the previous ranking with (`baseline`). So the person who was #1 last round and is ranked
 * again in the new round moves "up", "down" or stays "same", never shows as "new".
 */
export function movementBase(previousRanks: ReadonlyMap<string, number | null>, baseline: ReadonlyMap<string, number | null>): Map<string, number | null> {
  const base = new Map<string, number | null>(baseline);
  for (const [id, rank] of previousRanks) if (rank !== null || !base.has(id)) base.set(id, rank);
  return base;
}

/**
 * Movement since the previous snapshot of ranks: a lower rank number is "up";
 * previously unranked or absent and now ranked is "new"; unranked now is "same".
 */
export function movement(
  previousRanks: Map<string, number | null>,
  entries: LeaderboardEntry[],
): Map<string, "up" | "down" | "same" | "new"> {
  const result = new Map<string, "up" | "down" | "same" | "new">();
  for (const e of entries) {
    const before = previousRanks.get(e.participantId) ?? null;
    if (e.rank === null) result.set(e.participantId, "same");
    else if (before === null) result.set(e.participantId, "new");
    else if (e.rank < before) result.set(e.participantId, "up");
    else if (e.rank > before) result.set(e.participantId, "down");
    else result.set(e.participantId, "same");
  }
  return result;
}
