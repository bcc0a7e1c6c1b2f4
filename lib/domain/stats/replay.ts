// Replay a session's ratings under other rules: same data, other leaderboard.
import { computeScore, type TargetAggregate } from "../scoring";
import { compareIds, peerRows } from "./internal";
import { rankByScore } from "./ranks";
import type { RatingRow } from "./rows";

/** A way to turn ratings into one person's score; add weighted or forced-distribution rules by implementing it. */
export interface ReplayRule {
  /** Shown in the debrief; keep it unique within one replay. */
  name: string;
  /**
   * Full-precision score of `targetId` (ranking rounds it to 2 decimals), or
   * null for "not ranked". Gets every kept row of the session, not just the
   * target's, so a rule may weigh raters by their own standing.
   */
  score: (rows: readonly RatingRow[], targetId: string) => number | null;
}

export interface ReplayParticipant {
  id: string;
  displayName: string;
}

/** One target's rows as the live leaderboard aggregates them: sums and counts per dimension, distinct raters. */
export function targetAggregate(rows: readonly RatingRow[], targetId: string, displayName = targetId): TargetAggregate {
  const dimensions: TargetAggregate["dimensions"] = {};
  const raters = new Set<string>();
  for (const r of rows) {
    if (r.targetId !== targetId) continue;
    raters.add(r.raterId);
    const d = (dimensions[r.dimension] ??= { sum: 0, count: 0 });
    d.sum += r.score;
    d.count += 1;
  }
  return { participantId: targetId, displayName, distinctRaters: raters.size, dimensions };
}

/**
 * The live rule: mean over dimensions of the mean received per dimension,
 * null below k distinct raters; a dimension with fewer than k raters is left
 * out (it is hidden on its own). Delegates to scoring.computeScore so the
 * replay cannot drift from the real leaderboard. Throws RangeError unless k ≥ 1 is whole.
 */
export function plainMeanRule(k: number, name = `plain mean, k = ${k}`): ReplayRule {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`a rule needs a whole k >= 1, got ${k}`);
  return { name, score: (rows, targetId) => computeScore(targetAggregate(rows, targetId), k) };
}

/** The live rule under another anonymity threshold, named "k = 2" etc. for a "what if k were…" comparison. */
export function thresholdRule(k: number): ReplayRule {
  return plainMeanRule(k, `k = ${k}`);
}

// Same name order as the live leaderboard (scoring.ts), so replayed ties read the same way.
const collator = new Intl.Collator("en", { numeric: true });

/**
 * Ranks every participant under each rule (rankByScore: competition ranks on
 * the 2-decimal score). Rows whose rater or target is not among
 * `participants`, or whose dimension is not in `dimensions`, are ignored:
 * pass everyone whose ratings should count. Pass one round's rows.
 * Each `ranks` map iterates in leaderboard order: by rank, ties by name,
 * then unranked people by name.
 */
export function replay(
  rows: readonly RatingRow[],
  participants: readonly ReplayParticipant[],
  dimensions: readonly string[],
  rules: readonly ReplayRule[],
): { rule: string; ranks: Map<string, number | null> }[] {
  const ids = new Set(participants.map((p) => p.id));
  const keptDimensions = new Set(dimensions);
  const kept = peerRows(rows).filter((r) => ids.has(r.raterId) && ids.has(r.targetId) && keptDimensions.has(r.dimension));
  const ordered = [...participants].sort((a, b) => collator.compare(a.displayName, b.displayName) || compareIds(a.id, b.id));
  return rules.map((rule) => ({
    rule: rule.name,
    ranks: rankByScore(new Map(ordered.map((p) => [p.id, rule.score(kept, p.id)]))),
  }));
}
