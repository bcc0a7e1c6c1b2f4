// Applies a round's rule set to its ratings: scores (plain or Nosedive
// weighted), ranks, bands, tiers and the norm. Used live by the session hub
// and afterwards by the debrief, so both always agree.
import { computeLeaderboard, rankEntries, type LeaderboardEntry, type TargetAggregate } from "../scoring";
import { assignBands } from "./forced-distribution";
import { isStakhanovite, percentOfNorm } from "./norm";
import { frozenTierScores, middleTier, nosediveScores, type WeightedRating } from "./nosedive";
import type { RuleSet } from "./ruleset";
import { teamScores } from "../rounds/conference";
import { adjustScore } from "../rounds/tribunal";

export interface RuledEntry extends LeaderboardEntry {
  band?: { index: number; name: string } | null;
  tier?: { index: number; name: string; weight: number; privilege: string };
  percentOfNorm?: number | null;
  stakhanovite?: boolean;
  /** Team scores: the person's brigade (0-based). */
  team?: number;
}

export interface ScoreContext {
  /** Tribunal: stars added (negative: taken off) per participant, applied before ranking. */
  adjustments?: ReadonlyMap<string, number>;
  scale?: { min: number; max: number };
  /** Nosedive: each participant's tier, frozen when the round opened (round settings). Without it (sessions from before), the fixed point of nosedive.ts. */
  frozenTiers?: Readonly<Record<string, number>>;
}

/**
 * `targets` are the active participants' aggregates; `ratings` is only read
 * for rules that need individual ratings (Nosedive weighting).
 */
/** The anonymity threshold a round runs under: the session's k, raised (never lowered) by the round's rules (the conference's "raise k"). */
export function effectiveK(sessionK: number, rules: Pick<RuleSet, "minRaters">): number {
  return Math.max(sessionK, rules.minRaters ?? 0);
}

export function applyRules(
  targets: TargetAggregate[],
  ratings: () => WeightedRating[],
  sessionK: number,
  rules: RuleSet,
  norm: number | null,
  context: ScoreContext = {},
): RuledEntry[] {
  const k = effectiveK(sessionK, rules);
  let entries: LeaderboardEntry[];
  let tiers: Map<string, number> | null = null;
  if (rules.nosedive) {
    const ids = targets.map((t) => t.participantId);
    let scores: Map<string, number | null>;
    if (context.frozenTiers) {
      const frozen = context.frozenTiers;
      const middle = middleTier(rules.nosedive.tiers);
      scores = frozenTierScores(ratings(), ids, k, rules.nosedive.tiers, frozen);
      tiers = new Map(ids.map((id) => [id, frozen[id] ?? middle]));
    } else {
      const result = nosediveScores(ratings(), ids, k, rules.nosedive.tiers);
      scores = result.scores;
      tiers = result.tiers;
    }
    entries = rankEntries(targets.map((t) => ({ participantId: t.participantId, displayName: t.displayName, raters: t.distinctRaters, score: scores.get(t.participantId) ?? null })));
  } else {
    entries = computeLeaderboard(targets, k);
  }
  const { adjustments, scale = { min: 1, max: 5 } } = context;
  if ((adjustments && adjustments.size > 0) || rules.teams) {
    // Ranks are recomputed from the changed scores (rankEntries rounds them as usual).
    let scores = new Map(entries.map((e) => [e.participantId, adjustScore(e.score, adjustments?.get(e.participantId), scale.min, scale.max)]));
    let teamOf: Map<string, number> | null = null;
    if (rules.teams) {
      const teams = teamScores(scores, rules.teams.size);
      teamOf = new Map([...teams].map(([id, t]) => [id, t.team]));
      scores = new Map([...teams].map(([id, t]) => [id, t.score]));
    }
    entries = rankEntries(entries.map((e) => ({ participantId: e.participantId, displayName: e.displayName, raters: e.raters, score: scores.get(e.participantId) ?? null })));
    if (teamOf) {
      const teams = teamOf;
      entries = entries.map((e) => Object.assign(e, { team: teams.get(e.participantId) }));
    }
  }
  const ranked = entries.filter((e) => e.rank !== null);
  const bands = rules.distribution ? assignBands(ranked.map((e) => e.rank as number), rules.distribution.bands) : null;
  const bandOf = new Map(bands ? ranked.map((e, i) => [e.participantId, { index: bands[i]!.band, name: bands[i]!.name }]) : []);
  return entries.map((e) => {
    const out: RuledEntry = { ...e };
    if (rules.distribution) out.band = bandOf.get(e.participantId) ?? null;
    if (rules.nosedive && tiers) {
      const index = tiers.get(e.participantId) ?? 0;
      const tier = rules.nosedive.tiers[index]!;
      out.tier = { index, name: tier.name, weight: tier.weight, privilege: tier.privilege };
    }
    if (rules.norm) {
      const percent = e.score !== null && norm ? percentOfNorm(e.score, norm) : null;
      out.percentOfNorm = percent;
      out.stakhanovite = percent !== null && isStakhanovite(percent, rules.norm.recordPercent);
    }
    return out;
  });
}
