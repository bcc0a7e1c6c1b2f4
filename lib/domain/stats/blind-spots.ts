// Johari-style comparison of how someone sees themselves with how others see them.
import { EPS } from "./internal";

export interface BlindSpot {
  dimension: string;
  self: number;
  others: number;
  /** blind-spot: self-rating well above others'; hidden-strength: well below. */
  kind: "blind-spot" | "hidden-strength";
}

/**
 * Dimensions where the self-rating differs from others' mean by MORE than a
 * third of the scale's range ((5 − 1) / 3 ≈ 1.33 on 1–5); exactly a third is
 * not flagged. In `self`'s key order; dimensions with others null or missing
 * are skipped. Throws RangeError unless scale.min < scale.max.
 */
export function blindSpots(
  self: Readonly<Record<string, number>>,
  others: Readonly<Record<string, number | null>>,
  scale: { min: number; max: number },
): BlindSpot[] {
  if (!Number.isFinite(scale.min) || !Number.isFinite(scale.max) || !(scale.min < scale.max)) {
    throw new RangeError(`blindSpots needs a scale with min < max, got ${scale.min}..${scale.max}`);
  }
  const threshold = (scale.max - scale.min) / 3;
  const result: BlindSpot[] = [];
  for (const [dimension, mine] of Object.entries(self)) {
    const theirs = others[dimension];
    if (theirs === null || theirs === undefined) continue;
    // EPS: 5 − 11/3 is 4/3 in arithmetic but a hair more in floats, and must stay on the boundary.
    if (mine - theirs > threshold + EPS) result.push({ dimension, self: mine, others: theirs, kind: "blind-spot" });
    else if (theirs - mine > threshold + EPS) result.push({ dimension, self: mine, others: theirs, kind: "hidden-strength" });
  }
  return result;
}
