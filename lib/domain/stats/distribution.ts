// How unequal the scores are: Gini coefficient and histogram.

/**
 * Gini coefficient, G = Σi Σj |xi − xj| / (2 n² μ): 0 when everyone has the
 * same, approaching 1 when one person has everything (at most (n − 1) / n).
 * Empty or all-zero input → 0. Negative or non-finite values throw RangeError.
 */
export function gini(values: readonly number[]): number {
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`gini needs finite non-negative values, got ${v}`);
  }
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  // Sorted ascending, Σi Σj |xi − xj| = 2 Σi (2i − n − 1) x(i) with i from 1: O(n log n) instead of O(n²).
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  sorted.forEach((x, i) => {
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return weighted / (n * total);
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge, except the last bin, which includes `max`. */
  to: number;
  count: number;
}

/**
 * `bins.count` equal-width bins over [min, max]. A value on an inner edge
 * goes to the bin above it; `max` goes to the last bin. Values outside
 * [min, max] (and NaN) are not counted. Throws RangeError unless
 * min < max and count is a positive integer.
 */
export function histogram(values: readonly number[], bins: { min: number; max: number; count: number }): HistogramBin[] {
  const { min, max, count } = bins;
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max) || !Number.isInteger(count) || count < 1) {
    throw new RangeError(`histogram needs min < max and a positive whole bin count, got ${min}..${max} in ${count}`);
  }
  // The last edge is max itself, so the top bin ends exactly where the caller said.
  const edge = (i: number) => (i === count ? max : min + ((max - min) * i) / count);
  const result: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ from: edge(i), to: edge(i + 1), count: 0 }));
  for (const v of values) {
    if (!(v >= min && v <= max)) continue;
    let i = Math.min(count - 1, Math.floor(((v - min) * count) / (max - min)));
    // Float division can land one bin off on an edge; the edges we report decide.
    if (i > 0 && v < edge(i)) i -= 1;
    else if (i < count - 1 && v >= edge(i + 1)) i += 1;
    const bin = result[i];
    if (bin) bin.count += 1;
  }
  return result;
}
