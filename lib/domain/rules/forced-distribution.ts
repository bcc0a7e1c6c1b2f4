// Forced distribution ("stack ranking"): ranked people are split into bands
// by quota, whatever their absolute scores.
//
// Band sizes (documented rule, tested for n = 1..50):
//  1. Each band's exact quota is percent × n / 100.
//  2. When there are at least as many people as bands, every band gets at
//     least one person, so a small group never has an empty band by accident.
//     With fewer people than bands, the extreme bands fill first (top, then
//     bottom, then inwards): the ends are what the system is about.
//  3. Beyond the minimum, seats go by largest remainder of the quota; equal
//     remainders favour the band with the larger percentage, then the lower
//     band (the system's harshness errs downwards).
//
// Ties at a boundary (documented rule): the sizes fix each band's positions
// in the ranking; people with the same rank are never split, and a tie that
// straddles a boundary goes whole to the band of its lowest position. The
// upper band stays under quota and the lower one goes over it; nobody else
// moves. That is what makes such systems feel harsh.

export interface Band {
  name: string;
  percent: number;
}

export interface DistributionPreset {
  id: "vitality" | "civil-service";
  label: string;
  bands: Band[];
}

export const DISTRIBUTION_PRESETS: DistributionPreset[] = [
  {
    id: "vitality",
    label: "Vitality curve 20/70/10",
    bands: [
      { name: "Top 20%", percent: 20 },
      { name: "Vital 70%", percent: 70 },
      { name: "Bottom 10%", percent: 10 },
    ],
  },
  {
    id: "civil-service",
    label: "Civil service 25/65/10",
    bands: [
      { name: "Top performers 25%", percent: 25 },
      { name: "Achieving 65%", percent: 65 },
      { name: "Improvement needed 10%", percent: 10 },
    ],
  },
];

export const TIE_RULE =
  "People with the same score are never split: a tie across a band boundary goes whole to the lower band.";

/** Validates a custom split: 2–5 named bands with whole percentages summing to 100. */
export function validateBands(bands: Band[]): string | null {
  if (bands.length < 2 || bands.length > 5) return "A distribution needs 2 to 5 bands.";
  if (bands.some((b) => !b.name.trim())) return "Every band needs a name.";
  if (bands.some((b) => !Number.isInteger(b.percent) || b.percent < 1 || b.percent > 98)) return "Band percentages must be whole numbers from 1 to 98.";
  if (bands.reduce((s, b) => s + b.percent, 0) !== 100) return "Band percentages must add up to 100.";
  return null;
}

/** How many people each band holds when n people are ranked (see the rule above). */
export function bandSizes(n: number, bands: Band[]): number[] {
  const k = bands.length;
  const sizes = new Array<number>(k).fill(0);
  if (n <= 0 || k === 0) return sizes;
  if (n < k) {
    // Extremes first: top, bottom, second, second-to-last, …
    const order: number[] = [];
    for (let lo = 0, hi = k - 1; lo <= hi; lo++, hi--) {
      order.push(lo);
      if (hi !== lo) order.push(hi);
    }
    for (let i = 0; i < n; i++) sizes[order[i]!] = 1;
    return sizes;
  }
  // Quotas in hundredths of a person, so remainders compare exactly (no floating-point ties).
  const quotas = bands.map((b) => b.percent * n);
  for (let i = 0; i < k; i++) sizes[i] = Math.max(1, Math.floor(quotas[i]! / 100));
  let total = sizes.reduce((a, b) => a + b, 0);
  // Too many after the minimum of one each: take from the band furthest above its quota.
  while (total > n) {
    let pick = -1;
    for (let i = 0; i < k; i++) {
      if (sizes[i]! <= 1) continue;
      if (pick === -1 || sizes[i]! * 100 - quotas[i]! > sizes[pick]! * 100 - quotas[pick]!) pick = i;
    }
    sizes[pick]! -= 1;
    total -= 1;
  }
  // Remainders are measured against the seats already given (a band raised to its minimum of one has none left).
  const order = bands
    .map((b, i) => ({ i, rem: quotas[i]! - sizes[i]! * 100, percent: b.percent }))
    .sort((a, b) => b.rem - a.rem || b.percent - a.percent || b.i - a.i);
  for (let j = 0; total < n; j = (j + 1) % k) {
    sizes[order[j]!.i]! += 1;
    total += 1;
  }
  return sizes;
}

export interface BandAssignment {
  band: number;
  name: string;
}

/**
 * Assigns bands to people already sorted best first, given their ranks
 * (standard competition ranking: equal ranks are ties). Returns one entry per
 * input, in input order.
 */
export function assignBands(ranks: number[], bands: Band[]): BandAssignment[] {
  const sizes = bandSizes(ranks.length, bands);
  // bandAt[position] from the sizes: the first sizes[0] positions are band 0, and so on.
  const bandAt: number[] = [];
  sizes.forEach((size, band) => {
    for (let n = 0; n < size; n++) bandAt.push(band);
  });
  const out: BandAssignment[] = [];
  let i = 0;
  while (i < ranks.length) {
    let j = i;
    while (j < ranks.length && ranks[j] === ranks[i]) j++;
    const band = bandAt[j - 1] ?? bands.length - 1; // the tie's lowest position decides
    for (let m = i; m < j; m++) out.push({ band, name: bands[band]!.name });
    i = j;
  }
  return out;
}
