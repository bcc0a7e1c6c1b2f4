// The production conference: participants propose changes to the rules of the
// rounds that follow, and vote. Pure functions: thresholds, tallies, and how
// each passed change alters a round's rule set.
import { z } from "zod";
import type { RuleSet } from "../rules/ruleset";
import type { AmendmentKind } from "./kinds";

export const PROPOSAL_TEXT_MAX_CHARS = 140;
export const PROPOSALS_PER_PERSON = 3;
/** Team scores: people are grouped into brigades of about this size. */
export const BRIGADE_SIZE = 4;
export const CAPPED_BOTTOM_PERCENT = 5;
export const RAISE_K_BY = 2;

export interface Amendment {
  kind: AmendmentKind;
  /** raise-k: the new threshold. */
  value?: number;
  /** free-text: the proposal's words. */
  text?: string;
  /** The conference round that decided it. */
  round: number;
}

export const amendmentSchema = z.object({
  kind: z.enum(["abolish-leaderboard", "team-scores", "raise-k", "cap-distribution", "drop-distribution", "stop-nosedive", "pause-ratings", "free-text"]),
  value: z.number().optional(),
  text: z.string().optional(),
  round: z.number().int(),
});

export function parseAmendments(json: string | null | undefined): Amendment[] {
  if (!json) return [];
  const parsed = z.array(amendmentSchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

/** What a proposal says, in the words every screen shows. */
export function describeAmendment(a: Pick<Amendment, "kind" | "value" | "text">): string {
  switch (a.kind) {
    case "abolish-leaderboard":
      return "Abolish the leaderboard";
    case "team-scores":
      return `Switch to team scores (brigades of about ${BRIGADE_SIZE})`;
    case "raise-k":
      return `Raise the anonymity threshold to ${a.value ?? "?"} raters`;
    case "cap-distribution":
      return `Cap the bottom band of the forced distribution at ${CAPPED_BOTTOM_PERCENT}%`;
    case "drop-distribution":
      return "Drop the forced distribution and the quota ballots";
    case "stop-nosedive":
      return "Stop Nosedive weighting";
    case "pause-ratings":
      return "Pause ratings for one round";
    case "free-text":
      return a.text ?? "";
  }
}

/** What every screen and the debrief show instead of a free-text proposal the facilitator withheld. */
export const WITHHELD_PROPOSAL = "Proposal withheld by the facilitator";

/** Yes votes needed: more than half of the active participants, or the facilitator's percentage of them (rounded up, at least one). */
export function votesNeeded(active: number, thresholdPercent: number | null): number {
  if (thresholdPercent === null) return Math.floor(active / 2) + 1;
  return Math.max(1, Math.ceil((thresholdPercent / 100) * active));
}

export interface ProposalTally {
  id: string;
  for: number;
  against: number;
  passed: boolean;
}

/**
 * Counts the votes of eligible (active) participants. Menu proposals pass on
 * the threshold; free-text proposals pass only when the facilitator accepts
 * them (`accepted`), whatever the votes, which are advisory.
 */
export function tallyProposals(
  proposals: { id: string; kind: AmendmentKind; accepted: boolean | null; hidden?: boolean }[],
  votes: { proposalId: string; voterId: string; vote: "for" | "against" }[],
  eligible: ReadonlySet<string>,
  needed: number,
): ProposalTally[] {
  return proposals.map((p) => {
    let yes = 0;
    let no = 0;
    for (const v of votes) {
      if (v.proposalId !== p.id || !eligible.has(v.voterId)) continue;
      if (v.vote === "for") yes += 1;
      else no += 1;
    }
    // A proposal the facilitator withheld is off the table: nobody could read what they voted on.
    const passed = p.hidden ? false : p.kind === "free-text" ? p.accepted === true : yes >= needed;
    return { id: p.id, for: yes, against: no, passed };
  });
}

/** The rule set a round runs under once the amendments in force are applied to its agenda rules. */
export function applyAmendments(rules: RuleSet, amendments: readonly Amendment[]): RuleSet {
  let out: RuleSet = { ...rules };
  for (const a of amendments) {
    switch (a.kind) {
      case "abolish-leaderboard":
        out = { ...out, leaderboardAbolished: true };
        break;
      case "team-scores":
        out = { ...out, teams: { size: BRIGADE_SIZE } };
        break;
      case "raise-k":
        out = { ...out, minRaters: Math.max(out.minRaters ?? 0, a.value ?? 0) };
        break;
      case "cap-distribution":
        if (out.distribution) {
          const bands = out.distribution.bands.map((b) => ({ ...b }));
          const last = bands[bands.length - 1]!;
          if (last.percent > CAPPED_BOTTOM_PERCENT && bands.length >= 2) {
            const freed = last.percent - CAPPED_BOTTOM_PERCENT;
            last.percent = CAPPED_BOTTOM_PERCENT;
            bands[bands.length - 2]!.percent += freed;
          }
          out = { ...out, distribution: { preset: "custom", bands } };
        }
        break;
      case "drop-distribution":
        out = { ...out, distribution: null, quotaBallots: null };
        break;
      case "stop-nosedive":
        out = { ...out, nosedive: null };
        break;
      case "pause-ratings":
        out = { ...out, ratingsPaused: true };
        break;
      case "free-text":
        break;
    }
  }
  return out;
}

/** Amendments that stay in force after a round has used them ("pause ratings" lasts one round). */
export function afterRound(amendments: readonly Amendment[]): Amendment[] {
  return amendments.filter((a) => a.kind !== "pause-ratings");
}

/**
 * Team scores: brigades of about `size` people, dealt round-robin in a fixed
 * order (by id) so the grouping does not follow the ranking; everyone's score
 * becomes their brigade's mean (over members who have a score).
 */
export function brigades(ids: readonly string[], size: number): Map<string, number> {
  const sorted = [...ids].sort();
  const count = Math.max(1, Math.ceil(sorted.length / size));
  return new Map(sorted.map((id, i) => [id, i % count]));
}

export function teamScores(scores: ReadonlyMap<string, number | null>, size: number): Map<string, { team: number; score: number | null }> {
  const teamOf = brigades([...scores.keys()], size);
  const sums = new Map<number, { sum: number; n: number }>();
  for (const [id, score] of scores) {
    if (score === null) continue;
    const t = teamOf.get(id)!;
    const s = sums.get(t) ?? { sum: 0, n: 0 };
    s.sum += score;
    s.n += 1;
    sums.set(t, s);
  }
  const out = new Map<string, { team: number; score: number | null }>();
  for (const [id] of scores) {
    const t = teamOf.get(id)!;
    const s = sums.get(t);
    out.set(id, { team: t, score: s ? s.sum / s.n : null });
  }
  return out;
}

/** The anonymity threshold in force after the conference: the session's k, raised by any "raise k" amendment (never lowered). */
export function kInForce(sessionK: number, amendments: readonly Pick<Amendment, "kind" | "value">[]): number {
  return Math.max(sessionK, ...amendments.filter((a) => a.kind === "raise-k").map((a) => a.value ?? 0));
}
