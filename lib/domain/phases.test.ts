import { describe, expect, it } from "vitest";
import {
  SESSION_ACTIONS,
  type SessionAction,
  type SessionState,
  applyAction,
  canJoin,
  canRate,
  expireIfDue,
  initialState,
  remainingMs,
  sessionActionSchema,
} from "./phases";

const NOW = 1_000_000;

const STATES = {
  lobby: initialState(),
  open: { ...initialState(), phase: "round_open", round: 1, endsAt: NOW + 60_000 },
  untimed: { ...initialState(), phase: "round_open", round: 1 },
  paused: { ...initialState(), phase: "round_open", round: 1, paused: true, pausedRemainingMs: 30_000 },
  closed: { ...initialState(), phase: "round_closed", round: 1 },
  ended: { ...initialState(), phase: "ended", round: 1, joiningOpen: false },
} satisfies Record<string, SessionState>;
type StateName = keyof typeof STATES;

function act(state: SessionState, action: SessionAction | SessionAction["type"], now = NOW) {
  return applyAction(state, typeof action === "string" ? ({ type: action } as SessionAction) : action, now);
}

/** The resulting state, or the refusal message, for compact assertions. */
function outcome(state: SessionState, action: SessionAction | SessionAction["type"], now = NOW): SessionState | string {
  const result = act(state, action, now);
  return result.ok ? result.state : result.message;
}

const REFUSED = null;
type Expected = Partial<SessionState> | typeof REFUSED;

describe("initialState", () => {
  it("starts in the lobby with joining open and the leaderboard visible", () => {
    expect(initialState()).toEqual({
      phase: "lobby",
      round: 0,
      joiningOpen: true,
      leaderboardVisible: true,
      endsAt: null,
      paused: false,
      pausedRemainingMs: null,
    });
  });

  it("returns a fresh object each time", () => {
    expect(initialState()).not.toBe(initialState());
  });
});

describe("applyAction: every action from every state", () => {
  const table: [StateName, SessionAction["type"], Expected][] = [
    ["lobby", "open-joining", REFUSED],
    ["lobby", "close-joining", { joiningOpen: false }],
    // Joining closes when the first round opens.
    ["lobby", "open-round", { phase: "round_open", round: 1, joiningOpen: false }],
    ["lobby", "close-round", REFUSED],
    ["lobby", "reopen-round", REFUSED],
    ["lobby", "pause", REFUSED],
    ["lobby", "resume", REFUSED],
    ["lobby", "end", { phase: "ended", joiningOpen: false }],
    ["lobby", "show-leaderboard", REFUSED],
    ["lobby", "hide-leaderboard", { leaderboardVisible: false }],

    ["open", "open-joining", REFUSED],
    ["open", "close-joining", { joiningOpen: false }], // the timer keeps running
    ["open", "open-round", REFUSED],
    ["open", "close-round", { phase: "round_closed", endsAt: null }],
    ["open", "reopen-round", REFUSED],
    ["open", "pause", { paused: true, endsAt: null, pausedRemainingMs: 60_000 }],
    ["open", "resume", REFUSED],
    ["open", "end", { phase: "ended", joiningOpen: false, endsAt: null }],
    ["open", "show-leaderboard", REFUSED],
    ["open", "hide-leaderboard", { leaderboardVisible: false }],

    ["untimed", "open-joining", REFUSED],
    ["untimed", "close-joining", { joiningOpen: false }],
    ["untimed", "open-round", REFUSED],
    ["untimed", "close-round", { phase: "round_closed" }],
    ["untimed", "reopen-round", REFUSED],
    ["untimed", "pause", { paused: true, pausedRemainingMs: null }],
    ["untimed", "resume", REFUSED],
    ["untimed", "end", { phase: "ended", joiningOpen: false }],
    ["untimed", "show-leaderboard", REFUSED],
    ["untimed", "hide-leaderboard", { leaderboardVisible: false }],

    ["paused", "open-joining", REFUSED],
    ["paused", "close-joining", { joiningOpen: false }], // stays paused
    ["paused", "open-round", REFUSED],
    ["paused", "close-round", { phase: "round_closed", paused: false, pausedRemainingMs: null }],
    ["paused", "reopen-round", REFUSED],
    ["paused", "pause", REFUSED],
    ["paused", "resume", { paused: false, endsAt: NOW + 30_000, pausedRemainingMs: null }],
    ["paused", "end", { phase: "ended", joiningOpen: false, paused: false, pausedRemainingMs: null }],
    ["paused", "show-leaderboard", REFUSED],
    ["paused", "hide-leaderboard", { leaderboardVisible: false }],

    ["closed", "open-joining", REFUSED],
    ["closed", "close-joining", { joiningOpen: false }],
    ["closed", "open-round", { phase: "round_open", round: 2 }],
    ["closed", "close-round", REFUSED],
    ["closed", "reopen-round", { phase: "round_open", round: 1 }],
    ["closed", "pause", REFUSED],
    ["closed", "resume", REFUSED],
    ["closed", "end", { phase: "ended", joiningOpen: false }],
    ["closed", "show-leaderboard", REFUSED],
    ["closed", "hide-leaderboard", { leaderboardVisible: false }],

    ["ended", "open-joining", REFUSED],
    ["ended", "close-joining", REFUSED],
    ["ended", "open-round", REFUSED],
    ["ended", "close-round", REFUSED],
    ["ended", "reopen-round", REFUSED],
    ["ended", "pause", REFUSED],
    ["ended", "resume", REFUSED],
    ["ended", "end", REFUSED],
    ["ended", "show-leaderboard", REFUSED],
    ["ended", "hide-leaderboard", REFUSED],
  ];

  it("covers every state and action", () => {
    expect(new Set(table.map(([s, a]) => `${s}/${a}`)).size).toBe(Object.keys(STATES).length * SESSION_ACTIONS.length);
  });

  it.each(table)("%s + %s", (name, type, expected) => {
    const before = STATES[name];
    const result = act(before, type);
    if (expected === REFUSED) {
      expect(result.ok).toBe(false);
      // Refusals reach the facilitator verbatim, so they must be full sentences.
      if (!result.ok) expect(result.message).toMatch(/^[A-Z].*\.$/);
    } else {
      expect(result).toEqual({ ok: true, state: { ...before, ...expected } });
    }
  });

  it.each([
    ["lobby", "open-joining", "Joining is already open."],
    ["lobby", "close-round", "You can only close a round while one is open. Open a round first."],
    ["closed", "close-round", "This round is already closed. You can reopen it or open the next round."],
    ["open", "open-round", "A round is already open. Close it before opening the next one."],
    ["lobby", "reopen-round", "There is no closed round to reopen yet. Open the first round instead."],
    ["lobby", "pause", "You can only pause a round while one is open."],
    ["paused", "pause", "The round is already paused. You can resume it or close it."],
    ["open", "resume", "You can only resume a round that is paused."],
    ["ended", "end", "The session has already ended."],
    ["lobby", "show-leaderboard", "The leaderboard is already visible."],
    ["ended", "open-joining", "The session has ended, so joining cannot be opened again."],
  ] as const)("%s + %s says %j", (name, type, message) => {
    expect(outcome(STATES[name], type)).toBe(message);
  });

  it("refuses reopening when no round has run even if the phase says closed", () => {
    expect(act({ ...STATES.closed, round: 0 }, "reopen-round").ok).toBe(false);
  });

  it("hides the leaderboard, then shows it again", () => {
    const hidden = outcome(STATES.lobby, "hide-leaderboard") as SessionState;
    expect(outcome(hidden, "hide-leaderboard")).toBe("The leaderboard is already hidden.");
    expect(outcome(hidden, "show-leaderboard")).toEqual(STATES.lobby);
  });

  it("closes joining, then opens it again", () => {
    const closed = outcome(STATES.lobby, "close-joining") as SessionState;
    expect(outcome(closed, "close-joining")).toBe("Joining is already closed.");
    expect(outcome(closed, "open-joining")).toEqual(STATES.lobby);
  });

  it("keeps the leaderboard setting when the session ends", () => {
    const hidden = { ...STATES.open, leaderboardVisible: false };
    expect(outcome(hidden, "end")).toMatchObject({ phase: "ended", leaderboardVisible: false });
  });
});

describe("applyAction: round timers", () => {
  it.each([
    ["open-round", "lobby", 10, NOW + 10_000],
    ["open-round", "lobby", 60, NOW + 60_000],
    ["open-round", "closed", 3600, NOW + 3_600_000],
    ["reopen-round", "closed", 90, NOW + 90_000],
  ] as const)("%s from %s with %i s ends at %i", (type, from, durationSeconds, endsAt) => {
    expect(outcome(STATES[from], { type, durationSeconds })).toMatchObject({ phase: "round_open", endsAt, paused: false });
  });

  it.each([9, 3601, 0, -30, 10.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses a %d s timer", (durationSeconds) => {
    for (const type of ["open-round", "reopen-round"] as const) {
      expect(outcome(STATES.closed, { type, durationSeconds })).toBe(
        "A round timer must be a whole number of seconds from 10 to 3600, or leave it out for a round without a timer.",
      );
    }
  });

  it("checks the phase before the duration", () => {
    expect(outcome(STATES.open, { type: "open-round", durationSeconds: 5 })).toBe(
      "A round is already open. Close it before opening the next one.",
    );
  });

  it("freezes the remaining time across pause and resume", () => {
    const t0 = NOW;
    let s = outcome(initialState(), { type: "open-round", durationSeconds: 60 }, t0) as SessionState;
    expect(remainingMs(s, t0 + 20_000)).toBe(40_000);

    s = outcome(s, "pause", t0 + 20_000) as SessionState;
    expect(s).toMatchObject({ paused: true, endsAt: null, pausedRemainingMs: 40_000 });
    expect(remainingMs(s, t0 + 20_000)).toBe(40_000);
    expect(remainingMs(s, t0 + 500_000)).toBe(40_000); // a long pause does not eat the clock
    expect(expireIfDue(s, t0 + 500_000)).toBe(s);

    s = outcome(s, "resume", t0 + 100_000) as SessionState;
    expect(s).toMatchObject({ paused: false, endsAt: t0 + 140_000, pausedRemainingMs: null });
    expect(remainingMs(s, t0 + 110_000)).toBe(30_000);

    s = outcome(s, "pause", t0 + 130_000) as SessionState;
    expect(s.pausedRemainingMs).toBe(10_000);
    s = outcome(s, "resume", t0 + 200_000) as SessionState;
    expect(s.endsAt).toBe(t0 + 210_000);

    expect(expireIfDue(s, t0 + 209_999)).toBe(s);
    expect(expireIfDue(s, t0 + 210_000)).toMatchObject({ phase: "round_closed", round: 1, endsAt: null });
  });

  it("pauses and resumes a round without a timer", () => {
    const open = outcome(initialState(), "open-round") as SessionState;
    const paused = outcome(open, "pause", NOW + 5_000) as SessionState;
    expect(paused).toMatchObject({ paused: true, endsAt: null, pausedRemainingMs: null });
    expect(remainingMs(paused, NOW)).toBeNull();
    const resumed = outcome(paused, "resume", NOW + 9_000) as SessionState;
    expect(resumed).toEqual(open);
  });

  it("treats a round whose timer ran out as closed", () => {
    const expired = NOW + 60_000;
    expect(outcome(STATES.open, "pause", expired)).toBe("You can only pause a round while one is open.");
    expect(outcome(STATES.open, "close-round", expired)).toBe(
      "This round is already closed. You can reopen it or open the next round.",
    );
    expect(outcome(STATES.open, "reopen-round", expired)).toMatchObject({ phase: "round_open", round: 1, endsAt: null });
    expect(outcome(STATES.open, "open-round", expired)).toMatchObject({ phase: "round_open", round: 2 });
  });

  it("pauses one millisecond before the end with one millisecond left", () => {
    expect(outcome(STATES.open, "pause", NOW + 59_999)).toMatchObject({ pausedRemainingMs: 1 });
  });
});

describe("applyAction: purity", () => {
  it.each(Object.keys(STATES) as StateName[])("never mutates a %s state", (name) => {
    const actions: SessionAction[] = [
      ...SESSION_ACTIONS.map((type) => ({ type }) as SessionAction),
      { type: "open-round", durationSeconds: 30 },
      { type: "reopen-round", durationSeconds: 30 },
    ];
    for (const action of actions) {
      const state = Object.freeze({ ...STATES[name] }); // flat, so a shallow freeze catches any write
      const copy = structuredClone(state);
      const result = applyAction(state, action, NOW + 120_000); // past the timer, so expiry runs too
      expect(state).toEqual(copy);
      if (result.ok) expect(result.state).not.toBe(state);
    }
  });
});

describe("expireIfDue", () => {
  it.each([
    ["lobby", STATES.lobby, NOW + 1e9],
    ["closed", STATES.closed, NOW + 1e9],
    ["ended", STATES.ended, NOW + 1e9],
    ["untimed", STATES.untimed, NOW + 1e9],
    ["paused", STATES.paused, NOW + 1e9],
    ["timer not yet due", STATES.open, NOW + 59_999],
  ] as const)("leaves %s untouched (same object)", (_label, state, now) => {
    expect(expireIfDue(state, now)).toBe(state);
  });

  it.each([NOW + 60_000, NOW + 60_001, NOW + 1e9])("closes a running round at %i", (now) => {
    expect(expireIfDue(STATES.open, now)).toEqual({ ...STATES.open, phase: "round_closed", endsAt: null });
  });
});

describe("canRate", () => {
  it.each([
    ["lobby", STATES.lobby, NOW, "Rating has not started yet. Wait for the facilitator to open the first round."],
    ["open", STATES.open, NOW, null],
    ["open, 1 ms left", STATES.open, NOW + 59_999, null],
    ["open, timer at zero", STATES.open, NOW + 60_000, "Time is up for this round. Wait for the facilitator to open the next one."],
    ["open, timer long gone", STATES.open, NOW + 1e9, "Time is up for this round. Wait for the facilitator to open the next one."],
    ["untimed", STATES.untimed, NOW + 1e9, null],
    ["paused", STATES.paused, NOW, "The round is paused. You can rate again when the facilitator resumes it."],
    ["closed", STATES.closed, NOW, "This round is closed. Wait for the facilitator to open the next one."],
    ["ended", STATES.ended, NOW, "The session has ended, so ratings can no longer be given."],
  ] as const)("%s", (_label, state, now, message) => {
    expect(canRate(state, now)).toEqual(message === null ? { ok: true } : { ok: false, message });
  });
});

describe("canJoin", () => {
  it.each([
    ["lobby", STATES.lobby, null],
    ["open round", STATES.open, null],
    ["closed round", STATES.closed, null],
    ["joining closed", { ...STATES.open, joiningOpen: false }, "Joining is closed for this session. Ask the facilitator to open it."],
    ["ended", STATES.ended, "This session has ended, so it can no longer be joined."],
    ["ended with a stale open flag", { ...STATES.ended, joiningOpen: true }, "This session has ended, so it can no longer be joined."],
  ] as const)("%s", (_label, state, message) => {
    expect(canJoin(state)).toEqual(message === null ? { ok: true } : { ok: false, message });
  });
});

describe("remainingMs", () => {
  it.each([
    ["lobby", STATES.lobby, NOW, null],
    ["open", STATES.open, NOW, 60_000],
    ["open, later", STATES.open, NOW + 45_500, 14_500],
    ["open, past the end", STATES.open, NOW + 90_000, 0],
    ["untimed", STATES.untimed, NOW, null],
    ["paused", STATES.paused, NOW + 1e9, 30_000],
    ["paused, untimed", { ...STATES.untimed, paused: true }, NOW, null],
    ["closed", STATES.closed, NOW, null],
    ["ended", STATES.ended, NOW, null],
  ] as const)("%s → %j", (_label, state, now, expected) => {
    expect(remainingMs(state, now)).toBe(expected);
  });
});

describe("SESSION_ACTIONS and sessionActionSchema", () => {
  it("lists the ten action types once each", () => {
    expect(SESSION_ACTIONS).toHaveLength(10);
    expect(new Set(SESSION_ACTIONS).size).toBe(10);
  });

  it.each([...SESSION_ACTIONS])("parses %s", (type) => {
    expect(sessionActionSchema.parse({ type })).toEqual({ type });
  });

  it.each([
    [{ type: "open-round", durationSeconds: 60 }, true],
    [{ type: "reopen-round", durationSeconds: 5 }, true], // range is applyAction's job, with its sentence
    [{ type: "open-round", durationSeconds: "60" }, false],
    [{ type: "launch" }, false],
    [{}, false],
    ["pause", false],
  ])("%j parses: %s", (input, success) => {
    expect(sessionActionSchema.safeParse(input).success).toBe(success);
  });
});
