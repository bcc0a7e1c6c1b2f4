// Who may act now: the checks every participant command shares.
import { ROUND_KIND_LABELS, type RoundSettings } from "../../domain/rounds/kinds";
import { AppError } from "../../errors";
import type { HubCore } from "../core";
import type { HubParticipant } from "../roster";

/**
 * The participant as the roster holds them now (a route's snapshot may be a request old), active.
 * Observers (let go in a Reduction in Force) watch; removed people no longer take part.
 */
export function requireActive(core: HubCore, p: HubParticipant, observerMessage: string): HubParticipant {
  const current = core.roster.get(p.id);
  if (current?.status === "observer") throw new AppError("forbidden", observerMessage);
  if (!current || current.status !== "active") throw new AppError("forbidden", "You are no longer a participant of this session.");
  return current;
}

/**
 * Someone who joined during the open round takes part from the next one: k−1 identities made
 * mid-round could otherwise push one real rating over k, or out-vote the room.
 */
export function requireFromStartOfRound(core: HubCore, participantId: string): void {
  const state = core.session.state;
  if (core.roster.joinedDuring(participantId) === state.round && state.phase === "round_open") {
    throw new AppError("forbidden", "You joined during this round: you can take part from the next round.");
  }
}

/** A participant action in an interactive round: active, round open and not paused, the right round type. */
export function requireInteractive(core: HubCore, p: HubParticipant, kind: RoundSettings["kind"], state = core.session.state): HubParticipant {
  core.requireWritable();
  const current = requireActive(core, p, "You were let go in the Reduction in Force: you watch as an observer now.");
  if (state.phase !== "round_open" || core.round.settings.kind !== kind) {
    throw new AppError("conflict", `There is no ${ROUND_KIND_LABELS[kind]} round open right now.`);
  }
  if (state.paused) throw new AppError("conflict", "The round is paused. You can carry on when the facilitator resumes it.");
  requireFromStartOfRound(core, p.id);
  return current;
}
