// Reduction in Force: who is at risk when the round opens, statements,
// keep/let-go votes, and the facilitator's hearing and reveal. Each function
// runs inside the hub's command path (lib/live/hub.ts wraps it).
import { selectAtRisk, STATEMENT_MAX_CHARS, type Vote } from "../../domain/rounds/rif";
import type { RoundSettings } from "../../domain/rounds/kinds";
import { AppError } from "../../errors";
import { createRifCases, saveRifVote, saveRoundStage, saveStatement, saveVerdicts, setStatementHidden } from "../../db/interactive";
import type { HubCore } from "../core";
import { NO_STAGE, STATEMENT_GRACE_MS, type RifStage } from "../interactive";
import type { HubParticipant } from "../roster";
import { requireInteractive } from "./guards";

/** What the facilitator does during a Reduction in Force round. */
export type RifControl =
  | { type: "start-hearing" }
  | { type: "show"; index: number }
  | { type: "next" }
  | { type: "previous" }
  | { type: "hide"; participantId: string; hidden: boolean }
  | { type: "reveal" };

export interface RifOpening {
  atRisk: { participantId: string; position: number; rank: number | null }[];
  stage: RifStage;
}

/** When a RIF round opens: who is at risk, from the last released ranking of active people. */
export function selectRifCases(core: HubCore, rif: NonNullable<RoundSettings["rif"]>, now: number): RifOpening {
  const people = core.board.ranking.filter((e) => core.roster.status(e.participantId) === "active");
  const selection = selectAtRisk(people, rif.selection);
  if (!selection.ok) throw new AppError("conflict", selection.message);
  const rankOf = new Map(people.map((e) => [e.participantId, e.rank]));
  return {
    atRisk: selection.atRisk.map((participantId, position) => ({ participantId, position, rank: rankOf.get(participantId) ?? null })),
    stage: { ...NO_STAGE, statementEndsAt: now + rif.statementSeconds * 1000 },
  };
}

export async function storeRifCases(core: HubCore, round: number, opening: RifOpening): Promise<void> {
  await createRifCases(core.session.id, round, opening.atRisk);
}

/** Someone at risk writes (or rewrites) their public statement, until the countdown ends. */
export async function submitStatement(core: HubCore, p: HubParticipant, text: string, now: number): Promise<void> {
  requireInteractive(core, p, "rif");
  const mine = core.interactive.caseOf(p.id);
  if (!mine) throw new AppError("forbidden", "You are not at risk in this Reduction in Force: only people at risk write a statement.");
  const stage = core.interactive.stage;
  if (stage.stage !== "statements" || (stage.statementEndsAt !== null && now > stage.statementEndsAt + STATEMENT_GRACE_MS)) {
    throw new AppError("conflict", "Time is up: statements are closed and the hearing has begun.");
  }
  const clean = text.trim();
  if (clean.length > STATEMENT_MAX_CHARS) {
    throw new AppError("validation_failed", `A statement has at most ${STATEMENT_MAX_CHARS} characters.`, { field: "text" });
  }
  await saveStatement(core.session.id, core.session.state.round, p.id, clean, new Date(now));
  mine.statement = clean;
  mine.statementAt = new Date(now);
  core.markDirty();
}

/** An anonymous keep/let-go vote on someone at risk whose statement has been heard; it can be changed until the reveal. */
export async function voteRif(core: HubCore, p: HubParticipant, targetId: string, vote: Vote, now: number): Promise<void> {
  requireInteractive(core, p, "rif");
  const s = core.interactive;
  if (s.stage.stage === "revealed") throw new AppError("conflict", "The result has been revealed: votes are closed.");
  if (s.stage.stage !== "hearing") throw new AppError("conflict", "Voting opens when the hearing starts on the projector.");
  if (s.isAtRisk(p.id)) throw new AppError("forbidden", "People at risk do not vote in this Reduction in Force.");
  const index = s.cases.findIndex((c) => c.participantId === targetId);
  if (index < 0) throw new AppError("not_found", "That colleague is not at risk in this round.");
  if (index > s.maxShownNow(now, core.round.settings.rif?.autoAdvanceSeconds ?? null)) {
    throw new AppError("conflict", "Wait until this colleague's statement has been on the projector.");
  }
  await saveRifVote(core.session.id, core.session.state.round, p.id, targetId, vote, new Date(now));
  s.setRifVote(p.id, targetId, vote);
  core.markDirty();
}

/** The facilitator drives the Reduction in Force: hearing, statement on screen, moderation, the reveal. Returns whether the stage moved. */
export async function controlRif(core: HubCore, action: RifControl, now: number): Promise<boolean> {
  core.requireWritable();
  const settings = core.round.settings;
  if (settings.kind !== "rif" || !settings.rif) throw new AppError("conflict", "The current round is not a Reduction in Force.");
  const s = core.interactive;
  const round = core.session.state.round;
  const auto = settings.rif.autoAdvanceSeconds;
  const count = s.cases.length;
  let next: RifStage = s.stage;
  switch (action.type) {
    case "start-hearing":
      if (s.stage.stage !== "statements") throw new AppError("conflict", "The hearing has already started.");
      next = { ...s.stage, stage: "hearing", statementEndsAt: Math.min(s.stage.statementEndsAt ?? now, now), showing: 0, showingSince: now, maxShown: 0 };
      break;
    case "show":
    case "next":
    case "previous": {
      if (s.stage.stage !== "hearing") throw new AppError("conflict", s.stage.stage === "statements" ? "Start the hearing first." : "The result has been revealed.");
      const at = s.showingNow(now, auto) ?? 0;
      const target = action.type === "show" ? action.index : action.type === "next" ? at + 1 : at - 1;
      if (!Number.isInteger(target) || target < 0 || target >= count) {
        throw new AppError("conflict", action.type === "next" ? "This is the last statement." : action.type === "previous" ? "This is the first statement." : "No such statement.");
      }
      const i = Math.max(0, Math.min(count - 1, target));
      next = { ...s.stage, showing: i, showingSince: now, maxShown: Math.max(s.maxShownNow(now, auto), i) };
      break;
    }
    case "hide": {
      const c = s.caseOf(action.participantId);
      if (!c) throw new AppError("not_found", "That person is not at risk in this round.");
      await setStatementHidden(core.session.id, round, c.participantId, action.hidden);
      c.hidden = action.hidden;
      core.markDirty();
      return false;
    }
    case "reveal": {
      if (s.stage.stage === "revealed") throw new AppError("conflict", "The result has already been revealed.");
      if (s.stage.stage === "statements") throw new AppError("conflict", "Hear the statements before revealing the result.");
      const verdicts = s.verdicts(new Set(core.roster.activeIds()));
      await saveVerdicts(core.session.id, round, verdicts);
      for (const v of verdicts) {
        const c = s.caseOf(v.participantId)!;
        c.outcome = v.outcome;
        c.keepVotes = v.keep;
        c.letGoVotes = v.letGo;
        if (v.outcome === "let_go" && core.roster.status(v.participantId) === "active") core.roster.setStatus(v.participantId, "observer");
      }
      next = { ...s.stage, stage: "revealed", maxShown: count - 1 };
      break;
    }
  }
  await saveRoundStage(core.session.id, round, next);
  s.stage = next;
  core.markDirty();
  return true;
}
