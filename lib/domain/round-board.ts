// Incremental aggregates of one round's ratings: each rating change updates
// sums and counts in O(1), so a leaderboard snapshot never re-reads every
// rating. Pure (no I/O); the live hub owns one per session.
import type { DimensionAggregate, TargetAggregate } from "./scoring";

interface TargetState {
  dimensions: Map<string, DimensionAggregate>;
  /** rater id → how many dimensions that rater scored for this target */
  raters: Map<string, number>;
}

export interface RatingChange {
  raterId: string;
  targetId: string;
  dimension: string;
  score: number;
}

const SEP = "\u0000";

export class RoundBoard {
  /** rater id → (target id + SEP + dimension) → score */
  private readonly given = new Map<string, Map<string, number>>();
  private readonly targets = new Map<string, TargetState>();
  private ratingCount = 0;

  /** Applies the latest score of one rater for one target on one dimension. */
  apply(change: RatingChange): void {
    const { raterId, targetId, dimension, score } = change;
    let mine = this.given.get(raterId);
    if (!mine) {
      mine = new Map();
      this.given.set(raterId, mine);
    }
    const key = targetId + SEP + dimension;
    const previous = mine.get(key);
    mine.set(key, score);
    const target = this.target(targetId);
    let agg = target.dimensions.get(dimension);
    if (!agg) {
      agg = { sum: 0, count: 0 };
      target.dimensions.set(dimension, agg);
    }
    if (previous === undefined) {
      agg.sum += score;
      agg.count += 1;
      target.raters.set(raterId, (target.raters.get(raterId) ?? 0) + 1);
      this.ratingCount += 1;
    } else {
      agg.sum += score - previous;
    }
  }

  /** Removes everything a rater gave (a removed participant's ratings stop counting). */
  removeRater(raterId: string): void {
    const mine = this.given.get(raterId);
    if (!mine) return;
    for (const [key, score] of mine) {
      const [targetId, dimension] = key.split(SEP) as [string, string];
      const target = this.targets.get(targetId);
      const agg = target?.dimensions.get(dimension);
      if (!target || !agg) continue;
      agg.sum -= score;
      agg.count -= 1;
      if (agg.count === 0) target.dimensions.delete(dimension);
      const left = (target.raters.get(raterId) ?? 1) - 1;
      if (left <= 0) target.raters.delete(raterId);
      else target.raters.set(raterId, left);
      this.ratingCount -= 1;
    }
    this.given.delete(raterId);
  }

  /** The scores one rater gave, by target: what their own rating screen shows. */
  givenBy(raterId: string): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [key, score] of this.given.get(raterId) ?? []) {
      const [targetId, dimension] = key.split(SEP) as [string, string];
      (out[targetId] ??= {})[dimension] = score;
    }
    return out;
  }

  /** How many different colleagues a rater has rated (never what they gave). */
  ratedCount(raterId: string): number {
    const targets = new Set<string>();
    for (const key of this.given.get(raterId)?.keys() ?? []) targets.add(key.slice(0, key.indexOf(SEP)));
    return targets.size;
  }

  /** Every current rating (for rules that need individual ratings, like Nosedive weighting). */
  allRatings(): RatingChange[] {
    const out: RatingChange[] = [];
    for (const [raterId, mine] of this.given) {
      for (const [key, score] of mine) {
        const sep = key.indexOf(SEP);
        out.push({ raterId, targetId: key.slice(0, sep), dimension: key.slice(sep + 1), score });
      }
    }
    return out;
  }

  /** target → score a rater gave on one dimension (for quota ballots). */
  givenOnDimension(raterId: string, dimension: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, score] of this.given.get(raterId) ?? []) {
      const sep = key.indexOf(SEP);
      if (key.slice(sep + 1) === dimension) out.set(key.slice(0, sep), score);
    }
    return out;
  }

  aggregate(participantId: string, displayName: string): TargetAggregate {
    const target = this.targets.get(participantId);
    const dimensions: Record<string, DimensionAggregate> = {};
    for (const [key, agg] of target?.dimensions ?? []) dimensions[key] = { sum: agg.sum, count: agg.count };
    return { participantId, displayName, distinctRaters: target?.raters.size ?? 0, dimensions };
  }

  get totalRatings(): number {
    return this.ratingCount;
  }

  private target(id: string): TargetState {
    let t = this.targets.get(id);
    if (!t) {
      t = { dimensions: new Map(), raters: new Map() };
      this.targets.set(id, t);
    }
    return t;
  }
}
