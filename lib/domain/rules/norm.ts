// The Stakhanovite norm. In 1935 Stakhanov cut 102 tonnes against a norm of
// 7: about 1,460% of plan. Each round has a norm; everyone's result is also
// shown as a percentage of it, and those above the record threshold are
// "Stakhanovites". With the ratchet, yesterday's record becomes today's quota.

export interface NormConfig {
  /** previous-median: the median score of the previous round; fixed: the facilitator's value. */
  mode: "previous-median" | "fixed";
  fixedValue?: number;
  /** Percentage of the norm that makes a Stakhanovite (default 125). */
  recordPercent: number;
  /** After each round the norm rises to the mean of the previous round's top 20%; it never falls. */
  ratchet: boolean;
}

export const DEFAULT_NORM: NormConfig = { mode: "previous-median", recordPercent: 125, ratchet: false };

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Mean of the best 20% (at least one person). */
export function topShareMean(values: number[], share = 0.2): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => b - a);
  const n = Math.max(1, Math.ceil(s.length * share));
  return s.slice(0, n).reduce((a, b) => a + b, 0) / n;
}

/**
 * The norm for a round, from the previous round's ranked scores and norm.
 * Null when there is nothing to base it on (the first round without a fixed value).
 */
export function normForRound(config: NormConfig, previousScores: number[], previousNorm: number | null): number | null {
  let norm: number | null = config.mode === "fixed" && config.fixedValue !== undefined ? config.fixedValue : median(previousScores);
  if (config.ratchet && previousScores.length > 0) {
    const record = topShareMean(previousScores)!;
    norm = Math.max(norm ?? record, record, previousNorm ?? -Infinity);
  }
  return norm === null ? null : Math.round(norm * 100) / 100;
}

/** Whole-percent result against the norm (102 t against 7 → 1457). */
export function percentOfNorm(score: number, norm: number): number {
  return Math.round((score / norm) * 100);
}

export function isStakhanovite(percent: number, recordPercent: number): boolean {
  return percent >= recordPercent;
}
