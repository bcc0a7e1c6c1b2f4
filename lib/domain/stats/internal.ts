// Helpers shared by the statistics modules; not re-exported from lib/domain/stats.
import type { RatingRow } from "./rows";

/** Slack when a derived mean meets a threshold, so 5 − 11/3 still counts as exactly 4/3. */
export const EPS = 1e-9;

export function sum(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : sum(xs) / xs.length;
}

/** Population SD (divide by n): the group is the whole room, not a sample of one. */
export function populationSd(xs: readonly number[]): number | null {
  const m = mean(xs);
  if (m === null) return null;
  return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / xs.length);
}

/** Rounds to what people see, as the live leaderboard does. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Code-unit order: ids sort the same on every machine, whatever the locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Self-ratings are refused by the API; dropping them here keeps a stray one from skewing peer statistics. */
export function peerRows<T extends RatingRow>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.raterId !== r.targetId);
}

/** rater → target → mean of that direction's rows (over dimensions, and rounds if several are passed). */
export function directedMeans(rows: readonly RatingRow[]): Map<string, Map<string, number>> {
  const acc = new Map<string, Map<string, { sum: number; count: number }>>();
  for (const r of rows) {
    let byTarget = acc.get(r.raterId);
    if (!byTarget) acc.set(r.raterId, (byTarget = new Map()));
    const cell = byTarget.get(r.targetId) ?? { sum: 0, count: 0 };
    cell.sum += r.score;
    cell.count += 1;
    byTarget.set(r.targetId, cell);
  }
  const result = new Map<string, Map<string, number>>();
  for (const [rater, byTarget] of acc) {
    result.set(rater, new Map([...byTarget].map(([target, c]) => [target, c.sum / c.count])));
  }
  return result;
}

/** rater → mean of every score they gave and how many rows that is; each row weighs once. */
export function givenMeans(rows: readonly RatingRow[]): Map<string, { mean: number; count: number }> {
  const acc = new Map<string, { sum: number; count: number }>();
  for (const r of rows) {
    const cell = acc.get(r.raterId) ?? { sum: 0, count: 0 };
    cell.sum += r.score;
    cell.count += 1;
    acc.set(r.raterId, cell);
  }
  return new Map([...acc].map(([rater, c]) => [rater, { mean: c.sum / c.count, count: c.count }]));
}
