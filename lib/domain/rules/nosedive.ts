// Nosedive weighting: a rating counts with a weight that depends on the
// rater's own current score, as in the Black Mirror episode where a 4.8's
// stars are worth more than a 3.1's.
//
// Stability (documented iteration order): weights and scores depend on each
// other, so one snapshot is computed as a fixed point. Start from everyone's
// plain (unweighted) score; give every rater the tier of their score; compute
// all weighted scores at once from those tiers (Jacobi order: no rater sees
// another's update within an iteration); repeat until the tiers stop
// changing. If the tiers cycle (A's rise lowers B, B's fall lowers A, …),
// every rater in the cycle gets the lowest tier they held in it, and the
// scores are computed once more from those tiers. The result is a pure
// function of the ratings, so two snapshots of the same ratings are always
// identical: the board never flickers between two states.

export interface Tier {
  /** Lower bound of the tier's score range (inclusive); the first tier also holds the unrated. */
  min: number;
  weight: number;
  name: string;
  privilege: string;
}

export const DEFAULT_TIERS: Tier[] = [
  { min: 0, weight: 0.5, name: "Low-rated", privilege: "Your ratings count half. Service desks may keep you waiting." },
  { min: 2.5, weight: 1, name: "Standard", privilege: "Your ratings count once." },
  { min: 3.5, weight: 2, name: "Prime", privilege: "Prime badge · priority parking · your ratings count double" },
  { min: 4.5, weight: 4, name: "Elite", privilege: "Elite lounge · fast-track everything · your ratings count four times" },
];

/** Stable ids of the default tiers, in DEFAULT_TIERS' order: screens show them in their language. */
export const DEFAULT_TIER_IDS = ["low", "standard", "prime", "elite"] as const;
export type DefaultTierId = (typeof DEFAULT_TIER_IDS)[number];

/**
 * The id of a tier when it is one of the defaults (same English name and privilege; a tier the
 * facilitator renamed or reworded is shown as written): screens translate a default tier by id.
 */
export function defaultTierId(tier: { name: string; privilege?: string }): DefaultTierId | null {
  const index = DEFAULT_TIERS.findIndex((t) => t.name === tier.name && (tier.privilege === undefined || t.privilege === tier.privilege));
  return index < 0 ? null : DEFAULT_TIER_IDS[index]!;
}

export interface WeightedRating {
  raterId: string;
  targetId: string;
  dimension: string;
  score: number;
}

/** The tier index for a score (null = unrated → the lowest tier). Tiers must be sorted by `min`. */
export function tierFor(score: number | null, tiers: Tier[]): number {
  if (score === null) return 0;
  let index = 0;
  tiers.forEach((t, i) => {
    if (score >= t.min) index = i;
  });
  return index;
}

export function validateTiers(tiers: Tier[]): string | null {
  if (tiers.length < 2 || tiers.length > 6) return "Nosedive weighting needs 2 to 6 tiers.";
  if (tiers[0]!.min !== 0) return "The first tier must start at 0 (it also holds people not yet rated).";
  for (let i = 1; i < tiers.length; i++) if (!(tiers[i]!.min > tiers[i - 1]!.min)) return "Tier thresholds must increase.";
  if (tiers.some((t) => !(t.weight > 0) || t.weight > 100)) return "Tier weights must be above 0 and at most 100.";
  if (tiers.some((t) => !t.name.trim())) return "Every tier needs a name.";
  return null;
}

interface Accumulator {
  /** target → dimension → [weighted sum, weight total, raters] */
  sums: Map<string, Map<string, [number, number, number]>>;
  raters: Map<string, Set<string>>;
}

function scoresWith(ratings: WeightedRating[], weightOf: (raterId: string) => number, targets: string[], k: number): Map<string, number | null> {
  const acc: Accumulator = { sums: new Map(), raters: new Map() };
  for (const r of ratings) {
    const w = weightOf(r.raterId);
    let dims = acc.sums.get(r.targetId);
    if (!dims) acc.sums.set(r.targetId, (dims = new Map()));
    const cell = dims.get(r.dimension) ?? [0, 0, 0];
    cell[0] += w * r.score;
    cell[1] += w;
    cell[2] += 1;
    dims.set(r.dimension, cell);
    let set = acc.raters.get(r.targetId);
    if (!set) acc.raters.set(r.targetId, (set = new Set()));
    set.add(r.raterId);
  }
  const out = new Map<string, number | null>();
  for (const t of targets) {
    const raters = acc.raters.get(t)?.size ?? 0;
    const dims = acc.sums.get(t);
    if (raters < k || !dims || dims.size === 0) {
      out.set(t, null);
      continue;
    }
    // As in plain scoring, only dimensions with at least k raters count (see scoring.ts).
    let total = 0;
    let counted = 0;
    for (const [sum, weight, n] of dims.values()) {
      if (n < k) continue;
      total += sum / weight;
      counted += 1;
    }
    out.set(t, counted ? total / counted : null);
  }
  return out;
}

/** Round 1, and anyone the previous round did not rank or list: the middle tier (Standard with the default tiers). */
export function middleTier(tiers: Tier[]): number {
  return Math.floor((tiers.length - 1) / 2);
}

/**
 * The tiers a round runs with, frozen when it opens (docs/decisions/0011): from
 * the previous round's released scores (unrated → the lowest tier, as above),
 * everyone in the middle tier when there is no previous result. Weights never
 * move during a round, so no score moves because a rater's own tier flipped.
 */
export function freezeTiers(previous: ReadonlyMap<string, number | null> | null, participants: readonly string[], tiers: Tier[]): Record<string, number> {
  const hasResult = previous !== null && [...previous.values()].some((s) => s !== null);
  const out: Record<string, number> = {};
  for (const id of participants) out[id] = hasResult && previous.has(id) ? tierFor(previous.get(id) ?? null, tiers) : middleTier(tiers);
  return out;
}

/** Weighted scores with frozen tiers (one pass: no fixed point needed). */
export function frozenTierScores(ratings: WeightedRating[], participants: string[], k: number, tiers: Tier[], frozen: Readonly<Record<string, number>>): Map<string, number | null> {
  const middle = middleTier(tiers);
  return scoresWith(ratings, (raterId) => tiers[frozen[raterId] ?? middle]!.weight, participants, k);
}

export interface NosediveResult {
  /** Full-precision weighted scores (null below k raters). */
  scores: Map<string, number | null>;
  /** The tier index each participant's ratings counted with. */
  tiers: Map<string, number>;
  iterations: number;
  cycled: boolean;
}

export function nosediveScores(ratings: WeightedRating[], participants: string[], k: number, tiers: Tier[] = DEFAULT_TIERS, maxIterations = 12): NosediveResult {
  const tiersFrom = (scores: Map<string, number | null>) => new Map(participants.map((p) => [p, tierFor(scores.get(p) ?? null, tiers)]));
  const key = (t: Map<string, number>) => participants.map((p) => t.get(p)).join(",");
  const weight = (assignment: Map<string, number>) => (raterId: string) => tiers[assignment.get(raterId) ?? 0]!.weight;

  let current = tiersFrom(scoresWith(ratings, () => 1, participants, k));
  const history: Map<string, number>[] = [current];
  const seen = new Map<string, number>([[key(current), 0]]);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const scores = scoresWith(ratings, weight(current), participants, k);
    const next = tiersFrom(scores);
    const nextKey = key(next);
    if (nextKey === key(current)) return { scores, tiers: current, iterations: iteration, cycled: false };
    const firstSeen = seen.get(nextKey);
    if (firstSeen !== undefined) {
      // A cycle: each participant takes the lowest tier they held within it.
      const cycle = history.slice(firstSeen);
      const settled = new Map(participants.map((p) => [p, Math.min(...cycle.map((h) => h.get(p) ?? 0))]));
      return { scores: scoresWith(ratings, weight(settled), participants, k), tiers: settled, iterations: iteration, cycled: true };
    }
    seen.set(nextKey, history.length);
    history.push(next);
    current = next;
  }
  return { scores: scoresWith(ratings, weight(current), participants, k), tiers: current, iterations: maxIterations, cycled: false };
}
