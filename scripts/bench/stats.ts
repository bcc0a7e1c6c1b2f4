// Percentiles and summaries of latency samples (milliseconds).

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest
 * sample such that at least p% of the samples are ≤ it. Always one of the
 * samples (no interpolation), so "p99 ≤ 250 ms" means 99% of the requests
 * really took at most that. `sorted` must be in ascending order; null when empty.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export interface Summary {
  count: number;
  min: number | null;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** count, min, mean, p50, p95, p99 and max, rounded to 0.1 ms. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: round(sorted[0] ?? null),
    mean: round(sorted.length ? sum / sorted.length : null),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? null),
  };
}

/** Completed operations per second, one decimal. */
export function perSecond(count: number, elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  return Math.round((count / elapsedMs) * 10_000) / 10;
}
