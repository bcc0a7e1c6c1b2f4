// The facilitator's round actions (open, close, reopen, pause, end…): the
// next round's setup from the agenda (rules, norm, frozen Nosedive tiers, who
// is at risk in a RIF), the state change, and what follows it (a conference
// decides on close). Also the round's timers: the automatic close when the
// timer runs out and the RIF auto-advance. `enterRound` is the one place a
// round's context is put in place (load, act and the PostgreSQL re-read).
import { applyAction, expireIfDue, type SessionAction, type SessionState } from "../domain/phases";
import { freezeTiers } from "../domain/rules/nosedive";
import { normForRound } from "../domain/rules/norm";
import { agendaItemFor, PLAIN_RULES, type RuleSet } from "../domain/rules/ruleset";
import { afterRound, applyAmendments, type Amendment } from "../domain/rounds/conference";
import { hasRatings, resolveSettings, type RoundSettings } from "../domain/rounds/kinds";
import { findRound, saveSessionState } from "../db/sessions";
import { loadInteractions, saveAmendments } from "../db/interactive";
import { AppError } from "../errors";
import { decideConference, undoConference } from "./commands/conference";
import { selectRifCases, storeRifCases, type RifOpening } from "./commands/rif";
import type { HubCore } from "./core";
import { parseStage, RoundState, TribunalState, type RifStage } from "./interactive";
import type { StoredRatingRow } from "./rating-store";
import { deriveRound, type RoundContext } from "./round-context";

/**
 * Puts a round's context in place, with the board round's ratings when given (read before the
 * switch), the interactive round as stored, and fresh movement arrows when the ranking starts over.
 */
export async function enterRound(core: HubCore, context: RoundContext, stageJson: string, opts: { ratings?: StoredRatingRow[]; resetMovement?: boolean } = {}): Promise<void> {
  core.round = context;
  if (opts.ratings) core.seedRatings(opts.ratings);
  if (opts.resetMovement) core.board.resetMovement();
  await loadInteractive(core, stageJson);
  scheduleAutoAdvance(core);
  core.invalidate();
}

async function loadInteractive(core: HubCore, stageJson: string): Promise<void> {
  const round = core.session.state.round;
  const board = core.round.boardRound;
  if (round === 0) {
    core.interactive = new RoundState();
    core.tribunal = null;
    return;
  }
  const current = await loadInteractions(core.session.id, round);
  core.interactive = RoundState.from(current, parseStage(stageJson));
  if (board === round) {
    const settings = core.round.settings;
    core.tribunal = settings.kind === "tribunal" ? TribunalState.from(current, settings.tribunal ?? null) : null;
  } else if (board > 0) {
    const setup = await findRound(core.session.id, board);
    core.tribunal = setup?.settings.kind === "tribunal" ? TribunalState.from(await loadInteractions(core.session.id, board), setup.settings.tribunal ?? null) : null;
  } else core.tribunal = null;
}

interface NextRound {
  title: string | null;
  rules: RuleSet;
  norm: number | null;
  settings: RoundSettings;
  rif: RifOpening | null;
  /** The conference's amendments after this round (a round that pauses ratings uses one up). */
  amendmentsAfter: Amendment[] | null;
}

/** The next round follows the agenda: its type, rules, title; norm and Nosedive tiers from the last released result. */
function nextRound(core: HubCore, current: SessionState, now: number): NextRound {
  const item = agendaItemFor(core.session.agenda, current.round + 1);
  const base = resolveSettings(item);
  const ranking = core.board.ranking;
  let rules: RuleSet;
  let norm: number | null;
  let settings: RoundSettings;
  let amendmentsAfter: Amendment[] | null = null;
  if (hasRatings(base.kind)) {
    // The production conference's amendments apply to every round with ratings that follows it.
    rules = applyAmendments(item?.rules ?? PLAIN_RULES, core.session.amendments);
    if (rules.ratingsPaused) amendmentsAfter = afterRound(core.session.amendments);
    const previousScores = ranking.filter((e) => e.score !== null).map((e) => e.score as number);
    norm = rules.norm ? normForRound(rules.norm, current.round > 0 ? previousScores : [], core.round.norm) : null;
    settings = { ...base, boardRound: current.round + 1 };
    if (rules.nosedive) {
      // Frozen for the whole round, from the last released result (round 1: everyone in the middle tier).
      const previous = current.round > 0 ? new Map(ranking.map((e) => [e.participantId, e.score])) : null;
      settings.tiers = freezeTiers(previous, core.roster.activeIds(), rules.nosedive.tiers);
    }
  } else {
    // No ratings: the board keeps showing the last ranking, under the rules it was made with.
    rules = core.round.rules;
    norm = core.round.norm;
    settings = { ...base, boardRound: core.round.boardRound };
  }
  const rif = base.kind === "rif" && base.rif ? selectRifCases(core, base.rif, now) : null;
  return { title: item?.title ?? null, rules, norm, settings, rif, amendmentsAfter };
}

/** Applies a facilitator action (inside the command path). */
export async function act(core: HubCore, action: SessionAction, now: number): Promise<SessionState> {
  checkExpiry(core, now);
  const current = core.session.state;
  let effective = action;
  let next: NextRound | null = null;
  if (action.type === "open-round") {
    // The agenda's timer unless the facilitator chose one (0 = none).
    const item = agendaItemFor(core.session.agenda, current.round + 1);
    const duration = action.durationSeconds === 0 ? undefined : (action.durationSeconds ?? item?.durationSeconds ?? undefined);
    effective = { type: "open-round", ...(duration ? { durationSeconds: duration } : {}) };
    // The next round starts from the last released result (RIF selection, norm, Nosedive tiers): a close
    // just before released everything, and the board must include it now, not at the next snapshot.
    core.clock.computeNow();
    next = nextRound(core, current, now);
  } else if (action.type === "reopen-round" && action.durationSeconds === 0) {
    effective = { type: "reopen-round" };
  }
  const result = applyAction(current, effective, now);
  if (!result.ok) throw new AppError("conflict", result.message);
  const duration = effective.type === "open-round" ? effective.durationSeconds : undefined;
  if (next?.rif) await storeRifCases(core, result.state.round, next.rif);
  if (next?.amendmentsAfter) {
    await saveAmendments(core.session.id, next.amendmentsAfter);
    core.session = { ...core.session, amendments: next.amendmentsAfter };
  }
  const setup = next ? { title: next.title, rules: next.rules, norm: next.norm, settings: next.settings } : null;
  const stage = next?.rif?.stage ?? null;
  const endedAt = result.state.phase === "ended" && current.phase !== "ended" ? new Date(now) : undefined;
  await saveSessionState(core.session, result.state, { durationSeconds: duration, ...(setup ?? {}), ...(stage ? { stage } : {}), ...(endedAt ? { endedAt } : {}) });
  if (endedAt) core.session = { ...core.session, endedAt };
  // The new round's context: derived from its setup like a load would, with the previous round's norm.
  const context = setup ? deriveRound(result.state.round, setup, core.round.norm) : core.round;
  await switchState(core, result.state, context, stage);
  if (current.phase === "round_open" && result.state.phase !== "round_open") await decideConference(core, current.round);
  if (action.type === "reopen-round") await undoConference(core, result.state.round);
  return result.state;
}

/** After a stored state change: the new state in memory, a new round's context and ratings, timers, screens told. */
async function switchState(core: HubCore, next: SessionState, context: RoundContext, stage: RifStage | null): Promise<void> {
  const previous = core.session.state;
  const roundChanged = next.round !== previous.round;
  // The new board round's ratings are read before the switch.
  const ratings = roundChanged && context.boardRound > 0 ? await core.store.loadRound(core.session.id, context.boardRound) : roundChanged ? [] : undefined;
  core.session = { ...core.session, state: next };
  if (roundChanged) {
    // A new round starts from no ratings; movement arrows start afresh (a round without ratings keeps the last ranking's).
    await enterRound(core, context, JSON.stringify(stage ?? {}), { ratings, resetMovement: context.boardRound === next.round });
  }
  core.invalidate();
  scheduleExpiry(core);
  core.clock.syncRelease();
  core.publish({ kind: "phase" });
  core.markDirty();
}

/** A round timer ran out: applied in memory at once (ratings are refused from this instant), persisted in order. */
export function checkExpiry(core: HubCore, now: number): void {
  const current = core.session.state;
  const next = expireIfDue(current, now);
  if (next === current) return;
  core.session = { ...core.session, state: next };
  core.clock.syncRelease();
  void core
    .command(async () => {
      await saveSessionState({ ...core.session, state: current }, next);
      await decideConference(core, current.round);
      core.invalidate();
      core.publish({ kind: "phase" });
      core.markDirty();
    })
    .catch((error: unknown) => console.error("could not persist the round's automatic close:", error));
}

export function scheduleExpiry(core: HubCore): void {
  if (core.timers.expiry) clearTimeout(core.timers.expiry);
  core.timers.expiry = null;
  const { endsAt } = core.session.state;
  if (endsAt === null || core.disposed) return;
  const delay = Math.max(0, endsAt - Date.now());
  core.timers.expiry = setTimeout(() => checkExpiry(core, Date.now()), Math.min(delay + 5, 2 ** 31 - 1));
  core.timers.expiry.unref?.();
}

/** With auto-advance on, the projector moves to the next statement every N seconds. */
export function scheduleAutoAdvance(core: HubCore): void {
  if (core.timers.auto) clearTimeout(core.timers.auto);
  core.timers.auto = null;
  const settings = core.round.settings;
  const every = settings.kind === "rif" ? (settings.rif?.autoAdvanceSeconds ?? null) : null;
  const s = core.interactive.stage;
  if (every === null || s.stage !== "hearing" || core.disposed) return;
  const at = core.interactive.showingNow(Date.now(), every) ?? 0;
  if (at >= core.interactive.cases.length - 1) return;
  const since = s.showingSince ?? Date.now();
  const steps = Math.floor((Date.now() - since) / (every * 1000)) + 1;
  const delay = Math.max(0, since + steps * every * 1000 - Date.now());
  core.timers.auto = setTimeout(() => {
    core.timers.auto = null;
    core.invalidate();
    core.markDirty();
    scheduleAutoAdvance(core);
  }, delay + 5);
  core.timers.auto.unref?.();
}
