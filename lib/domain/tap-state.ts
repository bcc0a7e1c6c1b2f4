// The phone's own stars: what the server confirmed, and the taps still on their way. Pure, so the
// races that made a saved star disappear are table-tested (docs/decisions/0019-run-mode.md):
// - a reload of "what I gave" that left before a tap was stored must not wipe that tap;
// - a failed tap falls back to the last value the server confirmed, never to a stale "before";
// - an older answer never overrides a newer tap on the same star;
// - a tap that could not reach the server (offline) stays queued, shown, and is sent again.

export type Given = Record<string, Record<string, number>>;

export interface Tap {
  seq: number;
  targetId: string;
  dimension: string;
  score: number;
  /** sending: a request is on its way; queued: no connection, waits to be sent again. */
  status: "sending" | "queued";
  /** Sent with every attempt of this tap, so a repeat is applied once (Idempotency-Key). */
  key: string;
}

export interface TapState {
  seq: number;
  confirmed: Given;
  /** Sequence number of the last confirmation per star (`target\u0000dimension`). */
  confirmedAt: Record<string, number>;
  /** The newest unconfirmed tap per star. */
  taps: Record<string, Tap>;
}

export const EMPTY_TAPS: TapState = { seq: 0, confirmed: {}, confirmedAt: {}, taps: {} };

export const starKey = (targetId: string, dimension: string) => `${targetId}\u0000${dimension}`;

function setGiven(given: Given, targetId: string, dimension: string, score: number | undefined): Given {
  const row = { ...given[targetId] };
  if (score === undefined) delete row[dimension];
  else row[dimension] = score;
  return { ...given, [targetId]: row };
}

/** A new tap: shown at once, newest per star wins. */
export function tap(state: TapState, targetId: string, dimension: string, score: number, key: string): { state: TapState; tap: Tap } {
  const seq = state.seq + 1;
  const t: Tap = { seq, targetId, dimension, score, status: "sending", key };
  return { state: { ...state, seq, taps: { ...state.taps, [starKey(targetId, dimension)]: t } }, tap: t };
}

/** The server stored this tap. */
export function acknowledged(state: TapState, t: Tap): TapState {
  const k = starKey(t.targetId, t.dimension);
  // An older answer arriving after a newer confirmation changes nothing.
  if ((state.confirmedAt[k] ?? 0) > t.seq) return state;
  const taps = { ...state.taps };
  if (taps[k]?.seq === t.seq) delete taps[k];
  return {
    ...state,
    confirmed: setGiven(state.confirmed, t.targetId, t.dimension, t.score),
    confirmedAt: { ...state.confirmedAt, [k]: t.seq },
    taps,
  };
}

/** The server refused this tap: the star falls back to what the server last confirmed. Returns whether it was the newest tap on that star (only then is the refusal news). */
export function refused(state: TapState, t: Tap): { state: TapState; current: boolean } {
  const k = starKey(t.targetId, t.dimension);
  if (state.taps[k]?.seq !== t.seq) return { state, current: false };
  const taps = { ...state.taps };
  delete taps[k];
  return { state: { ...state, taps }, current: true };
}

/** No connection: the tap stays shown and waits (only the newest per star is kept). */
export function queued(state: TapState, t: Tap): TapState {
  const k = starKey(t.targetId, t.dimension);
  if (state.taps[k]?.seq !== t.seq) return state;
  return { ...state, taps: { ...state.taps, [k]: { ...t, status: "queued" } } };
}

/** Taps waiting for the connection, oldest first; they are marked as sending again. */
export function takeQueued(state: TapState): { state: TapState; taps: Tap[] } {
  const waiting = Object.values(state.taps)
    .filter((t) => t.status === "queued")
    .sort((a, b) => a.seq - b.seq);
  if (waiting.length === 0) return { state, taps: [] };
  const taps = { ...state.taps };
  for (const t of waiting) taps[starKey(t.targetId, t.dimension)] = { ...t, status: "sending" };
  return { state: { ...state, taps }, taps: waiting.map((t) => ({ ...t, status: "sending" })) };
}

/**
 * What the server says I gave, read by a request that left when the state's `seq` was `askedAt`:
 * stars confirmed after that keep their newer value; unconfirmed taps stay on top.
 */
export function loaded(state: TapState, server: Given, askedAt: number): TapState {
  let confirmed: Given = {};
  for (const [targetId, row] of Object.entries(server)) confirmed[targetId] = { ...row };
  for (const [k, at] of Object.entries(state.confirmedAt)) {
    if (at <= askedAt) continue;
    const [targetId, dimension] = k.split("\u0000") as [string, string];
    confirmed = setGiven(confirmed, targetId, dimension, state.confirmed[targetId]?.[dimension]);
  }
  return { ...state, confirmed };
}

/** A new round: nothing given yet; the waiting taps belonged to the old round. */
export function reset(state: TapState): TapState {
  return { ...EMPTY_TAPS, seq: state.seq };
}

/** The stars as the phone shows them: the newest tap, else the confirmed value. */
export function shown(state: TapState): Given {
  let given = state.confirmed;
  for (const t of Object.values(state.taps)) given = setGiven(given, t.targetId, t.dimension, t.score);
  return given;
}

export function waitingCount(state: TapState): number {
  return Object.values(state.taps).filter((t) => t.status === "queued").length;
}
