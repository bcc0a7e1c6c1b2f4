// Tribunal rounds: anonymous denunciations, the accused's one appeal, and the
// facilitator's moderation of appeals. Each function runs inside the hub's
// command path (lib/live/hub.ts wraps it).
import { APPEAL_MAX_CHARS, CHARGE_MAX_CHARS, denunciationProblem, isChargeHidden } from "../../domain/rounds/tribunal";
import { AppError } from "../../errors";
import { createAppeal, createDenunciation, setAppealHidden, setChargeHidden } from "../../db/interactive";
import type { HubCore } from "../core";
import type { HubParticipant } from "../roster";
import { requireInteractive } from "./guards";

/** An anonymous denunciation in a tribunal round: one per accuser per accused per round. */
export async function denounce(core: HubCore, p: HubParticipant, accusedId: string, charge: string, now: number): Promise<void> {
  requireInteractive(core, p, "tribunal");
  const t = core.tribunal;
  if (!t) throw new AppError("conflict", "There is no tribunal round open right now.");
  if (core.roster.status(accusedId) !== "active") throw new AppError("not_found", "That colleague is not in this session (any more).");
  const clean = charge.trim().replace(/\s+/g, " ");
  if (clean.length === 0) throw new AppError("validation_failed", "Choose a charge or write one.", { field: "charge" });
  if (clean.length > CHARGE_MAX_CHARS) throw new AppError("validation_failed", `A charge has at most ${CHARGE_MAX_CHARS} characters.`, { field: "charge" });
  const problem = denunciationProblem(p.id, accusedId, t.denunciations);
  if (problem) throw new AppError(accusedId === p.id ? "forbidden" : "conflict", problem);
  // A wording the facilitator has withheld for this person stays withheld when someone repeats it.
  const hidden = isChargeHidden(t.denunciations, accusedId, clean);
  const created = await createDenunciation({ sessionId: core.session.id, round: core.session.state.round, accuserId: p.id, accusedId, charge: clean, hidden, createdAt: new Date(now) });
  if (!created) throw new AppError("conflict", denunciationProblem(p.id, accusedId, [{ accuserId: p.id, accusedId, charge: clean }])!);
  t.denunciations.push({ accuserId: p.id, accusedId, charge: clean, hidden });
  core.markDirty();
}

/** The accused answers once; the projector shows it under their name. */
export async function appeal(core: HubCore, p: HubParticipant, text: string, now: number): Promise<void> {
  requireInteractive(core, p, "tribunal");
  const t = core.tribunal;
  if (!t) throw new AppError("conflict", "There is no tribunal round open right now.");
  if (!t.denunciations.some((d) => d.accusedId === p.id)) throw new AppError("conflict", "Nobody has charged you: there is nothing to appeal.");
  if (t.appeals.has(p.id)) throw new AppError("conflict", "You have already appealed: one appeal per tribunal.");
  const clean = text.trim();
  if (clean.length === 0) throw new AppError("validation_failed", "Write your appeal first.", { field: "text" });
  if (clean.length > APPEAL_MAX_CHARS) throw new AppError("validation_failed", `An appeal has at most ${APPEAL_MAX_CHARS} characters.`, { field: "text" });
  const created = await createAppeal({ sessionId: core.session.id, round: core.session.state.round, participantId: p.id, text: clean, createdAt: new Date(now) });
  if (!created) throw new AppError("conflict", "You have already appealed: one appeal per tribunal.");
  t.appeals.set(p.id, { text: clean, hidden: false });
  core.markDirty();
}

/** Moderation: the facilitator hides (or shows again) an appeal. */
export async function hideAppeal(core: HubCore, participantId: string, hidden: boolean): Promise<void> {
  const t = core.tribunal;
  const found = t?.appeals.get(participantId);
  if (!t || !found) throw new AppError("not_found", "No appeal from that person in this tribunal.");
  await setAppealHidden(core.session.id, core.round.boardRound, participantId, hidden);
  found.hidden = hidden;
  core.markDirty();
}

/**
 * Moderation: the facilitator withholds (or shows again) one wording of the charges against one
 * person. The charge still counts (accusers, penalty); its words leave every screen and the debrief.
 */
export async function hideCharge(core: HubCore, accusedId: string, charge: string, hidden: boolean): Promise<void> {
  const t = core.tribunal;
  const matching = t?.denunciations.filter((d) => d.accusedId === accusedId && d.charge === charge) ?? [];
  if (!t || matching.length === 0) throw new AppError("not_found", "No such charge against that person in this tribunal.");
  await setChargeHidden(core.session.id, core.round.boardRound, accusedId, charge, hidden);
  for (const d of matching) d.hidden = hidden;
  core.markDirty();
}
