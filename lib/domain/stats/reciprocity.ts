// Do people return what they get? Reciprocity of ratings and "revenge" drops.
import { pearson } from "./correlation";
import { compareIds, directedMeans, peerRows } from "./internal";
import type { RatingEventRow, RatingRow } from "./rows";

/**
 * Over every unordered pair {A, B} where A rated B and B rated A, how what A
 * gave B (mean over dimensions) goes with what B gave A. Each pair enters the
 * correlation in both orders, (AB, BA) and (BA, AB) — the double-entry
 * intraclass correlation — because which one is "A" is arbitrary and a
 * single order would change r. With `round`, only that round's rows count;
 * without it, rounds are pooled (each direction averaged over all its rows).
 * `correlation` is null with fewer than 3 pairs or no variance.
 */
export function reciprocity(rows: readonly RatingRow[], round?: number): { pairs: number; correlation: number | null } {
  const given = directedMeans(peerRows(rows).filter((r) => round === undefined || r.round === round));
  const xs: number[] = [];
  const ys: number[] = [];
  let pairs = 0;
  for (const [a, targets] of given) {
    for (const [b, ab] of targets) {
      if (compareIds(a, b) >= 0) continue; // each unordered pair once
      const ba = given.get(b)?.get(a);
      if (ba === undefined) continue;
      pairs += 1;
      xs.push(ab, ba);
      ys.push(ba, ab);
    }
  }
  return { pairs, correlation: pairs < 3 ? null : pearson(xs, ys) };
}

const SEP = "\u0000";

/**
 * A drop: an event that lowers the score the same rater last gave the same
 * target on the same dimension in the same round (the first score is never
 * a drop). A revenge drop: the target gave the rater a score ≤ lowThreshold
 * (any dimension, same round) at a time t with drop.at − windowMs ≤ t < drop.at;
 * an event at the very same millisecond is not "before". Events are sorted by
 * `at` here (equal times keep input order). share = revengeDrops / drops, null
 * without drops. Throws RangeError for a negative or non-finite window.
 */
export function revengeDrops(
  events: readonly RatingEventRow[],
  opts: { windowMs?: number; lowThreshold?: number } = {},
): { drops: number; revengeDrops: number; share: number | null } {
  const windowMs = opts.windowMs ?? 120_000;
  const lowThreshold = opts.lowThreshold ?? 2;
  if (!Number.isFinite(windowMs) || windowMs < 0) throw new RangeError(`revengeDrops needs a window >= 0 ms, got ${windowMs}`);
  const sorted = peerRows(events).sort((a, b) => a.at - b.at); // peerRows copies; sort is stable
  const last = new Map<string, number>(); // round, rater, target, dimension → latest score
  const lows = new Map<string, number[]>(); // round, rater, target → times the rater gave a low score
  let drops = 0;
  let revenge = 0;
  for (const e of sorted) {
    const key = [e.round, e.raterId, e.targetId, e.dimension].join(SEP);
    const before = last.get(key);
    last.set(key, e.score);
    if (before !== undefined && e.score < before) {
      drops += 1;
      const provocations = lows.get([e.round, e.targetId, e.raterId].join(SEP)) ?? [];
      if (provocations.some((t) => t >= e.at - windowMs && t < e.at)) revenge += 1;
    }
    if (e.score <= lowThreshold) {
      const pair = [e.round, e.raterId, e.targetId].join(SEP);
      const times = lows.get(pair);
      if (times) times.push(e.at);
      else lows.set(pair, [e.at]);
    }
  }
  return { drops, revengeDrops: revenge, share: drops === 0 ? null : revenge / drops };
}
