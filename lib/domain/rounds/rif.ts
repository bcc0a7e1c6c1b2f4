// Reduction in Force: who is at risk, and what the room decided about them.
// Pure functions; the live hub stores and applies the results.
import type { RifConfig } from "./kinds";

export const STATEMENT_MAX_CHARS = 280;

export interface RankedPerson {
  participantId: string;
  /** Competition rank (1 = top); null = not ranked (fewer than k raters). */
  rank: number | null;
}

export type Selection =
  | { ok: true; atRisk: string[]; size: number }
  | { ok: false; message: string };

/** How many people the facilitator's choice asks for among `active` people: N, or X% rounded up, at least one. */
export function targetSize(selection: RifConfig["selection"], active: number): number {
  const wanted = selection.mode === "count" ? selection.value : Math.ceil((selection.value / 100) * active);
  return Math.max(1, Math.min(active, wanted));
}

/**
 * The bottom of the ranking: people without a rank count below everyone
 * ranked (nobody could vouch for them). Ties at the cut are all in, so the
 * group can be larger than asked for; it never covers everyone (someone must
 * be left to vote). Returned bottom first: the order the statements are heard in.
 */
export function selectAtRisk(people: RankedPerson[], selection: RifConfig["selection"]): Selection {
  if (people.length < 2) return { ok: false, message: "A Reduction in Force needs at least two active participants." };
  // Worst first: unranked, then by rank descending; equal "worst positions" form one tie group.
  const key = (p: RankedPerson) => (p.rank === null ? Number.POSITIVE_INFINITY : p.rank);
  const sorted = [...people].sort((a, b) => key(b) - key(a) || (a.participantId < b.participantId ? -1 : 1));
  const size = targetSize(selection, people.length);
  const cutKey = key(sorted[size - 1]!);
  let end = size;
  while (end < sorted.length && key(sorted[end]!) === cutKey) end++;
  if (end >= sorted.length) {
    // The tie group at the cut reaches the top: take only those strictly below it, if any.
    let strict = 0;
    while (strict < sorted.length && key(sorted[strict]!) !== cutKey) strict++;
    if (strict === 0) {
      return {
        ok: false,
        message:
          "Everyone is tied in the current ranking (or nobody has a score yet), so a Reduction in Force cannot single anyone out. Run a rating round first.",
      };
    }
    end = strict;
  }
  return { ok: true, atRisk: sorted.slice(0, end).map((p) => p.participantId), size };
}

export type Vote = "keep" | "let_go";
export interface VoteRecord {
  voterId: string;
  targetId: string;
  vote: Vote;
}

export interface Verdict {
  participantId: string;
  keep: number;
  letGo: number;
  outcome: "kept" | "let_go";
}

/**
 * One verdict per person at risk. Only votes of eligible voters count (active
 * and not at risk themselves). Let go needs strictly more "let go" than
 * "keep" votes: a tie, or no votes at all, keeps the person.
 */
export function tally(atRisk: string[], votes: VoteRecord[], eligible: ReadonlySet<string>): Verdict[] {
  const risk = new Set(atRisk);
  const counts = new Map(atRisk.map((id) => [id, { keep: 0, letGo: 0 }]));
  for (const v of votes) {
    if (!risk.has(v.targetId) || risk.has(v.voterId) || !eligible.has(v.voterId) || v.voterId === v.targetId) continue;
    const c = counts.get(v.targetId)!;
    if (v.vote === "keep") c.keep += 1;
    else c.letGo += 1;
  }
  return atRisk.map((id) => {
    const c = counts.get(id)!;
    return { participantId: id, keep: c.keep, letGo: c.letGo, outcome: c.letGo > c.keep ? "let_go" : "kept" };
  });
}

/** Which statement the projector shows at `now` with auto-advance: one step every N seconds from where it was last set. */
export function autoIndex(fromIndex: number, since: number, now: number, everySeconds: number | null, count: number): number {
  if (count === 0) return 0;
  if (everySeconds === null) return Math.min(fromIndex, count - 1);
  const steps = Math.floor(Math.max(0, now - since) / (everySeconds * 1000));
  return Math.min(count - 1, fromIndex + steps);
}
