// Correlations: Pearson on values, Spearman and Kendall's tau-b on ranks.

/** True when every value equals the first: exact, unlike a variance compared with a float epsilon. */
function isConstant(xs: readonly number[]): boolean {
  return xs.every((x) => x === xs[0]);
}

/**
 * Pearson's r of paired values. Null with fewer than 3 pairs or when either
 * side does not vary. Throws RangeError when the lists differ in length.
 */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError(`pearson needs paired lists, got ${xs.length} and ${ys.length} values`);
  const n = xs.length;
  if (n < 3 || isConstant(xs) || isConstant(ys)) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [i, x] of xs.entries()) {
    const y = ys[i] as number; // same length, checked above
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** 1-based ranks, ascending; tied values share the mean of the positions they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end += 1;
    const shared = (start + end) / 2 + 1; // positions start..end, 0-based
    for (let p = start; p <= end; p++) {
      const entry = order[p];
      if (entry) ranks[entry.i] = shared;
    }
    start = end + 1;
  }
  return ranks;
}

/** Values of the ids that have a number in both maps (null counts as absent), in `a`'s order. */
function commonValues(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (x === null || y === null || y === undefined) continue;
    xs.push(x);
    ys.push(y);
  }
  return { xs, ys };
}

/**
 * Spearman's rho over the ids present in both maps: Pearson's r of their
 * average ranks, which is the tie-correct form. Values may be ranks or
 * scores (they are re-ranked among the common ids); compare like with like.
 * Null with fewer than 3 common ids or when either side is all ties.
 */
export function spearman(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): number | null {
  const { xs, ys } = commonValues(a, b);
  if (xs.length < 3) return null;
  return pearson(averageRanks(xs), averageRanks(ys));
}

/**
 * Kendall's tau-b over the ids present in both maps:
 * (concordant − discordant) / √((n0 − tiesA)(n0 − tiesB)) with n0 = n(n − 1)/2
 * and ties counted in pairs. Null with fewer than 3 common ids or when
 * either side is all ties.
 */
export function kendallTau(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): number | null {
  const { xs, ys } = commonValues(a, b);
  const n = xs.length;
  if (n < 3) return null;
  let concordant = 0;
  let discordant = 0;
  let tiesA = 0;
  let tiesB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign((xs[i] as number) - (xs[j] as number)); // i, j < n
      const dy = Math.sign((ys[i] as number) - (ys[j] as number));
      if (dx === 0) tiesA += 1;
      if (dy === 0) tiesB += 1;
      if (dx * dy > 0) concordant += 1;
      else if (dx * dy < 0) discordant += 1;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((n0 - tiesA) * (n0 - tiesB));
  return denominator === 0 ? null : (concordant - discordant) / denominator;
}
