// PostgreSQL: several app instances (lib/live/pg-bus.ts, docs/decisions/0008).
// Another instance changed this session: apply its ratings, one participant,
// or re-read the session; then publish here as a local change would.
import { countReflections, findReflection, findSessionByCode } from "../db/sessions";
import { getDb } from "../db/client";
import type { FanoutMessage } from "./bus";
import type { HubCore } from "./core";
import { enterRound, scheduleExpiry } from "./round-actions";
import { loadRoundContext } from "./round-context";
import { loadParticipantRows, type ParticipantRow } from "./roster";

/** Runs inside the command path (as a remote task: not announced back). */
export async function applyRemote(core: HubCore, message: FanoutMessage, full: boolean): Promise<void> {
  if (core.disposed || message.kind === "deleted") return;
  if (message.kind === "ratings") {
    const events = await core.store.loadEvents(core.session.id, message.ids);
    const now = Date.now();
    const pairs = new Set<string>();
    for (const e of events) {
      if (e.round === core.round.boardRound && core.applyRating(e)) pairs.add(`${e.raterId} ${e.targetId}`);
    }
    for (let i = 0; i < pairs.size; i++) core.ratingTimes.push(now);
    if (pairs.size > 0) core.markControlDirty();
    // Answered there before this instance closed the round, announced after: a closed round shows
    // everything stored, so they are released now (the release clock no longer runs here).
    if (pairs.size > 0 && !core.ratingsOpen()) core.clock.syncRelease();
    return;
  }
  if (message.kind === "participant") {
    const row = await getDb().participant.findUnique({
      where: { id: message.id },
      select: { id: true, sessionId: true, displayName: true, status: true, tokenHash: true, joinedAt: true },
    });
    if (!row || row.sessionId !== core.session.id) return;
    applyParticipantRow(core, row);
    core.markDirty();
    return;
  }
  await reload(core, full);
}

/** A participant as stored: added (joined during an open round: from the next round), or brought up to date. */
function applyParticipantRow(core: HubCore, row: ParticipantRow): void {
  const state = core.session.state;
  const { removed } = core.roster.applyRow(row, state.phase === "round_open" ? state.round : null);
  if (removed) core.publish({ kind: "removed", participantId: row.id, status: removed });
}

/**
 * Re-reads the session, its participants, the round's context and interactive state and (when the
 * board's round changed, or in full) its ratings. Screens get a `phase` update only when the
 * session itself changed; otherwise the next board flush carries the change (as locally).
 */
async function reload(core: HubCore, full: boolean): Promise<void> {
  const fresh = await findSessionByCode(core.session.code);
  if (!fresh) return;
  const rows = await loadParticipantRows(fresh.id);
  const round = fresh.state.round;
  const roundChanged = round !== core.session.state.round;
  const { context, stage } = await loadRoundContext(fresh.id, round);
  const boardChanged = context.boardRound !== core.round.boardRound;
  const ratings = roundChanged || boardChanged || full ? await core.store.loadRound(fresh.id, context.boardRound) : undefined;
  const spotlightId = fresh.spotlightReflectionId;
  const spotlight =
    spotlightId === core.session.spotlightReflectionId && !full ? core.spotlightText : spotlightId ? ((await findReflection(fresh.id, spotlightId))?.text ?? null) : null;
  const reflectionAnswers = await countReflections(fresh.id);
  const sessionChanged = full || reflectionAnswers !== core.reflectionAnswers || JSON.stringify({ ...fresh, createdAt: 0 }) !== JSON.stringify({ ...core.session, createdAt: 0 });
  const agendaChanged = JSON.stringify(fresh.agenda) !== JSON.stringify(core.session.agenda);
  for (const row of rows) applyParticipantRow(core, row);
  core.session = fresh;
  core.spotlightText = spotlight;
  core.reflectionAnswers = reflectionAnswers;
  // The interactive round (statements, votes, charges, proposals) as stored now.
  await enterRound(core, context, stage, { ratings, resetMovement: roundChanged && context.boardRound === round });
  scheduleExpiry(core);
  core.clock.syncRelease();
  if (sessionChanged || roundChanged) core.publish({ kind: "phase" });
  if (agendaChanged) core.publish({ kind: "control" });
  core.markDirty();
}
