// The production conference: proposals, for/against votes, the facilitator's
// decisions on free-text proposals, the outcome when the round closes (and its
// undoing on reopen), and lifting a rule change later. Each function runs
// inside the hub's command path (lib/live/hub.ts wraps it).
import { PROPOSAL_TEXT_MAX_CHARS, PROPOSALS_PER_PERSON, RAISE_K_BY, votesNeeded, type Amendment } from "../../domain/rounds/conference";
import type { AmendmentKind } from "../../domain/rounds/kinds";
import { AppError } from "../../errors";
import { createProposal, saveAmendments, saveConferenceOutcome, saveProposalVote, setProposalAccepted, setProposalHidden } from "../../db/interactive";
import type { HubCore } from "../core";
import type { HubParticipant } from "../roster";
import { requireInteractive } from "./guards";

/** A proposal at the production conference; proposing a menu item someone already proposed just votes for it. */
export async function propose(core: HubCore, p: HubParticipant, kind: AmendmentKind, text: string | undefined, now: number): Promise<{ proposalId: string }> {
  requireInteractive(core, p, "conference");
  const config = core.round.settings.conference!;
  if (!config.menu.includes(kind)) throw new AppError("forbidden", "The facilitator has not put this change on the conference's menu.", { field: "kind" });
  const s = core.interactive;
  const round = core.session.state.round;
  if (kind !== "free-text") {
    const existing = s.proposals.find((x) => x.kind === kind);
    if (existing) {
      await saveProposalVote(existing.id, p.id, "for", new Date(now));
      s.setProposalVote(existing.id, p.id, "for");
      core.markDirty();
      return { proposalId: existing.id };
    }
  }
  if (s.proposals.filter((x) => x.authorId === p.id).length >= PROPOSALS_PER_PERSON) {
    throw new AppError("conflict", `You have made ${PROPOSALS_PER_PERSON} proposals in this conference: vote on the others now.`);
  }
  let clean = "";
  if (kind === "free-text") {
    clean = (text ?? "").trim().replace(/\s+/g, " ");
    if (clean.length < 3) throw new AppError("validation_failed", "Write your proposal (at least 3 characters).", { field: "text" });
    if (clean.length > PROPOSAL_TEXT_MAX_CHARS) throw new AppError("validation_failed", `A proposal has at most ${PROPOSAL_TEXT_MAX_CHARS} characters.`, { field: "text" });
  }
  const value = kind === "raise-k" ? core.effectiveK() + RAISE_K_BY : null;
  const row = await createProposal({ sessionId: core.session.id, round, kind, value, text: clean, authorId: p.id, createdAt: new Date(now) });
  s.proposals.push(row);
  await saveProposalVote(row.id, p.id, "for", new Date(now));
  s.setProposalVote(row.id, p.id, "for");
  core.markDirty();
  return { proposalId: row.id };
}

export async function voteProposal(core: HubCore, p: HubParticipant, proposalId: string, vote: "for" | "against", now: number): Promise<void> {
  requireInteractive(core, p, "conference");
  const proposal = core.interactive.proposals.find((x) => x.id === proposalId);
  if (!proposal) throw new AppError("not_found", "No such proposal in this conference.");
  if (proposal.hidden) throw new AppError("conflict", "The facilitator has withheld this proposal: it cannot be voted on.");
  await saveProposalVote(proposalId, p.id, vote, new Date(now));
  core.interactive.setProposalVote(proposalId, p.id, vote);
  core.markDirty();
}

/** The facilitator accepts or rejects a free-text proposal (null: undecided again). */
export async function decideProposal(core: HubCore, proposalId: string, accepted: boolean | null): Promise<void> {
  if (core.round.settings.kind !== "conference") throw new AppError("conflict", "The current round is not a production conference.");
  if (core.session.state.phase !== "round_open") throw new AppError("conflict", "The conference is closed; reopen the round to change a decision.");
  const proposal = core.interactive.proposals.find((x) => x.id === proposalId);
  if (!proposal) throw new AppError("not_found", "No such proposal in this conference.");
  if (proposal.kind !== "free-text") throw new AppError("conflict", "Menu proposals pass by vote; only free-text proposals need your decision.");
  await setProposalAccepted(proposalId, accepted);
  proposal.accepted = accepted;
  core.markDirty();
}

/**
 * Moderation: the facilitator withholds (or shows again) a free-text proposal while the conference is
 * open. A withheld proposal shows as WITHHELD_PROPOSAL everywhere, takes no votes and cannot pass.
 */
export async function hideProposal(core: HubCore, proposalId: string, hidden: boolean): Promise<void> {
  if (core.round.settings.kind !== "conference") throw new AppError("conflict", "The current round is not a production conference.");
  if (core.session.state.phase !== "round_open") throw new AppError("conflict", "The conference is closed; reopen the round to withhold a proposal.");
  const proposal = core.interactive.proposals.find((x) => x.id === proposalId);
  if (!proposal) throw new AppError("not_found", "No such proposal in this conference.");
  if (proposal.kind !== "free-text") throw new AppError("conflict", "Only free-text proposals can be withheld: menu proposals are the facilitator's own words.");
  await setProposalHidden(proposalId, hidden);
  proposal.hidden = hidden;
  core.markDirty();
}

/** The facilitator lifts a rule change the conference passed (from the next round on). */
export async function liftAmendment(core: HubCore, index: number): Promise<Amendment[]> {
  const list = core.session.amendments;
  if (!Number.isInteger(index) || index < 0 || index >= list.length) throw new AppError("not_found", "No such rule change in force.");
  const next = list.filter((_, i) => i !== index);
  await saveAmendments(core.session.id, next);
  core.session = { ...core.session, amendments: next };
  core.markDirty();
  return next;
}

/** When a round closes: a production conference decides (counted among the active participants now). */
export async function decideConference(core: HubCore, round: number): Promise<void> {
  const settings = core.round.settings;
  if (settings.kind !== "conference" || !settings.conference || round !== core.session.state.round) return;
  const eligible = new Set(core.roster.activeIds());
  const needed = votesNeeded(eligible.size, settings.conference.thresholdPercent);
  const tallies = core.interactive.tallies(eligible, needed);
  const passed = core.interactive.proposals.filter((p) => tallies.find((t) => t.id === p.id)?.passed);
  const amendments: Amendment[] = [
    ...core.session.amendments.filter((a) => a.round !== round),
    ...passed.map((p) => ({
      kind: p.kind as AmendmentKind,
      round,
      ...(p.value !== null ? { value: p.value } : {}),
      ...(p.kind === "free-text" ? { text: p.text } : {}),
    })),
  ];
  await saveConferenceOutcome(core.session.id, tallies, amendments);
  for (const p of core.interactive.proposals) {
    const t = tallies.find((x) => x.id === p.id)!;
    p.status = t.passed ? "passed" : "failed";
    p.forVotes = t.for;
    p.againstVotes = t.against;
  }
  core.session = { ...core.session, amendments };
  core.invalidate();
  // A snapshot may have gone out while the outcome was being stored: the decided conference needs its own.
  core.markDirty();
}

/** Reopening a conference takes its decisions back until it closes again. */
export async function undoConference(core: HubCore, round: number): Promise<void> {
  if (core.round.settings.kind !== "conference") return;
  const amendments = core.session.amendments.filter((a) => a.round !== round);
  if (amendments.length !== core.session.amendments.length) await saveAmendments(core.session.id, amendments);
  core.session = { ...core.session, amendments };
  for (const p of core.interactive.proposals) {
    p.status = "open";
    p.forVotes = null;
    p.againstVotes = null;
  }
  core.invalidate();
  core.markDirty();
}
