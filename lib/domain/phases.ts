// The session state machine a facilitator drives: lobby → rounds → ended.
// Pure: the clock is passed in as `now` (epoch ms), states are never mutated,
// and every refusal is a sentence the facilitator sees as an HTTP 409 message.
import { z } from "zod";

export type Phase = "lobby" | "round_open" | "round_closed" | "ended";

export interface SessionState {
  phase: Phase;
  /** Rounds opened so far; the open or last closed round's number, 0 in the lobby. */
  round: number;
  joiningOpen: boolean;
  leaderboardVisible: boolean;
  /** Epoch ms when the running round's timer hits zero; null with no timer or while paused. */
  endsAt: number | null;
  /** True while an open round is paused; a separate flag because untimed rounds can pause too. */
  paused: boolean;
  /** Time left when the round was paused; null when not paused or the round has no timer. */
  pausedRemainingMs: number | null;
}

export type SessionAction =
  | { type: "open-joining" }
  | { type: "close-joining" }
  | { type: "open-round"; durationSeconds?: number }
  | { type: "close-round" }
  | { type: "reopen-round"; durationSeconds?: number }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "end" }
  | { type: "show-leaderboard" }
  | { type: "hide-leaderboard" };

export type ActionResult = { ok: true; state: SessionState } | { ok: false; message: string };
export type Check = { ok: true } | { ok: false; message: string };

export const ROUND_MIN_SECONDS = 10;
export const ROUND_MAX_SECONDS = 3600;

// A record rather than a list so the compiler fails when an action type is added but not listed.
const ACTION_TYPES: Record<SessionAction["type"], true> = {
  "open-joining": true,
  "close-joining": true,
  "open-round": true,
  "close-round": true,
  "reopen-round": true,
  pause: true,
  resume: true,
  end: true,
  "show-leaderboard": true,
  "hide-leaderboard": true,
};

export const SESSION_ACTIONS: readonly SessionAction["type"][] = Object.keys(ACTION_TYPES) as SessionAction["type"][];

const durationSeconds = z.number().optional();

/** Parses a request body into an action; the duration's range is checked by applyAction so its message is the same everywhere. */
export const sessionActionSchema: z.ZodType<SessionAction> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("open-joining") }),
  z.object({ type: z.literal("close-joining") }),
  z.object({ type: z.literal("open-round"), durationSeconds }),
  z.object({ type: z.literal("close-round") }),
  z.object({ type: z.literal("reopen-round"), durationSeconds }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("end") }),
  z.object({ type: z.literal("show-leaderboard") }),
  z.object({ type: z.literal("hide-leaderboard") }),
]);

export function initialState(): SessionState {
  return {
    phase: "lobby",
    round: 0,
    joiningOpen: true,
    leaderboardVisible: true,
    endsAt: null,
    paused: false,
    pausedRemainingMs: null,
  };
}

const TIMER_CLEARED = { endsAt: null, paused: false, pausedRemainingMs: null } as const;

function ok(state: SessionState): ActionResult {
  return { ok: true, state };
}

function refuse(message: string): ActionResult {
  return { ok: false, message };
}

/** Turns an optional duration into a deadline, or a refusal when it is out of range. */
function deadline(seconds: number | undefined, now: number): { ok: true; endsAt: number | null } | { ok: false; message: string } {
  if (seconds === undefined) return { ok: true, endsAt: null };
  if (!Number.isInteger(seconds) || seconds < ROUND_MIN_SECONDS || seconds > ROUND_MAX_SECONDS) {
    return {
      ok: false,
      message: `A round timer must be a whole number of seconds from ${ROUND_MIN_SECONDS} to ${ROUND_MAX_SECONDS}, or leave it out for a round without a timer.`,
    };
  }
  return { ok: true, endsAt: now + seconds * 1000 };
}

const ENDED = "The session has ended, so nothing more can be changed.";

/**
 * Applies one facilitator action at time `now`. A round whose timer ran out is
 * treated as closed first, so e.g. "reopen" works straight after the timer hits zero.
 */
export function applyAction(state: SessionState, action: SessionAction, now: number): ActionResult {
  const s = expireIfDue(state, now);
  switch (action.type) {
    case "open-joining":
      if (s.phase === "ended") return refuse("The session has ended, so joining cannot be opened again.");
      if (s.joiningOpen) return refuse("Joining is already open.");
      return ok({ ...s, joiningOpen: true });

    case "close-joining":
      if (s.phase === "ended") return refuse("The session has ended, so joining is already closed.");
      if (!s.joiningOpen) return refuse("Joining is already closed.");
      return ok({ ...s, joiningOpen: false });

    case "show-leaderboard":
      if (s.phase === "ended") return refuse(ENDED);
      if (s.leaderboardVisible) return refuse("The leaderboard is already visible.");
      return ok({ ...s, leaderboardVisible: true });

    case "hide-leaderboard":
      if (s.phase === "ended") return refuse(ENDED);
      if (!s.leaderboardVisible) return refuse("The leaderboard is already hidden.");
      return ok({ ...s, leaderboardVisible: false });

    case "open-round": {
      if (s.phase === "round_open") return refuse("A round is already open. Close it before opening the next one.");
      if (s.phase === "ended") return refuse("The session has ended, so no more rounds can be opened.");
      const timer = deadline(action.durationSeconds, now);
      if (!timer.ok) return timer;
      // Joining closes when the first round opens (the facilitator may reopen it): someone joining during a
      // round is a new rater the room cannot vouch for, and k−1 new identities could push one real rating over k.
      const joiningOpen = s.round === 0 ? false : s.joiningOpen;
      return ok({ ...s, ...TIMER_CLEARED, phase: "round_open", round: s.round + 1, endsAt: timer.endsAt, joiningOpen });
    }

    case "close-round":
      if (s.phase === "round_open") return ok({ ...s, ...TIMER_CLEARED, phase: "round_closed" });
      if (s.phase === "round_closed") return refuse("This round is already closed. You can reopen it or open the next round.");
      if (s.phase === "ended") return refuse(ENDED);
      return refuse("You can only close a round while one is open. Open a round first.");

    case "reopen-round": {
      if (s.phase === "round_open") return refuse("This round is still open. You can only reopen a round after closing it.");
      if (s.phase === "ended") return refuse("The session has ended, so rounds cannot be reopened.");
      if (s.phase !== "round_closed" || s.round < 1) return refuse("There is no closed round to reopen yet. Open the first round instead.");
      const timer = deadline(action.durationSeconds, now);
      if (!timer.ok) return timer;
      return ok({ ...s, ...TIMER_CLEARED, phase: "round_open", endsAt: timer.endsAt });
    }

    case "pause":
      if (s.phase !== "round_open") return refuse("You can only pause a round while one is open.");
      if (s.paused) return refuse("The round is already paused. You can resume it or close it.");
      return ok({
        ...s,
        paused: true,
        endsAt: null,
        pausedRemainingMs: s.endsAt === null ? null : Math.max(0, s.endsAt - now),
      });

    case "resume":
      if (s.phase !== "round_open" || !s.paused) return refuse("You can only resume a round that is paused.");
      return ok({
        ...s,
        paused: false,
        endsAt: s.pausedRemainingMs === null ? null : now + s.pausedRemainingMs,
        pausedRemainingMs: null,
      });

    case "end":
      if (s.phase === "ended") return refuse("The session has already ended.");
      return ok({ ...s, ...TIMER_CLEARED, phase: "ended", joiningOpen: false });
  }
}

/** Closes a running round whose timer has run out; returns the same object when nothing changes. */
export function expireIfDue(state: SessionState, now: number): SessionState {
  if (state.phase !== "round_open" || state.paused || state.endsAt === null || state.endsAt > now) return state;
  return { ...state, ...TIMER_CLEARED, phase: "round_closed" };
}

/** Whether a participant may submit ratings right now, with the reason shown to them if not. */
export function canRate(state: SessionState, now: number): Check {
  switch (state.phase) {
    case "lobby":
      return { ok: false, message: "Rating has not started yet. Wait for the facilitator to open the first round." };
    case "round_closed":
      return { ok: false, message: "This round is closed. Wait for the facilitator to open the next one." };
    case "ended":
      return { ok: false, message: "The session has ended, so ratings can no longer be given." };
    case "round_open":
      if (state.paused) return { ok: false, message: "The round is paused. You can rate again when the facilitator resumes it." };
      if (state.endsAt !== null && state.endsAt <= now) {
        return { ok: false, message: "Time is up for this round. Wait for the facilitator to open the next one." };
      }
      return { ok: true };
  }
}

/** Whether a new participant may join, with the reason shown to them if not. */
export function canJoin(state: SessionState): Check {
  if (state.phase === "ended") return { ok: false, message: "This session has ended, so it can no longer be joined." };
  if (!state.joiningOpen) return { ok: false, message: "Joining is closed for this session. Ask the facilitator to open it." };
  return { ok: true };
}

/** Milliseconds left on the round timer (frozen while paused, never negative), or null when no timer runs. */
export function remainingMs(state: SessionState, now: number): number | null {
  if (state.phase !== "round_open") return null;
  if (state.paused) return state.pausedRemainingMs;
  return state.endsAt === null ? null : Math.max(0, state.endsAt - now);
}
