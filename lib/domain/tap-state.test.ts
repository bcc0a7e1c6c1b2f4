import { describe, expect, it } from "vitest";
import { acknowledged, EMPTY_TAPS, loaded, queued, refused, reset, shown, takeQueued, tap, waitingCount, type TapState } from "./tap-state";

const T = "ana";

describe("the phone's own stars", () => {
  it("shows a tap at once and keeps it after the server confirms it", () => {
    const a = tap(EMPTY_TAPS, T, "talent", 4, "k1");
    expect(shown(a.state)).toEqual({ ana: { talent: 4 } });
    expect(shown(acknowledged(a.state, a.tap))).toEqual({ ana: { talent: 4 } });
  });

  // The bug of issue 15: a reload of "what I gave" asked before the taps were stored answered after them.
  it.each([
    { name: "answer after both taps, none confirmed yet", ack: [] as number[] },
    { name: "answer after the first tap was confirmed", ack: [0] },
    { name: "answer after both were confirmed", ack: [0, 1] },
  ])("a stale reload never wipes a tap: $name", ({ ack }) => {
    const askedAt = EMPTY_TAPS.seq;
    const first = tap(EMPTY_TAPS, T, "talent", 4, "k1");
    const second = tap(first.state, T, "potential", 2, "k2");
    let state: TapState = second.state;
    const taps = [first.tap, second.tap];
    for (const i of ack) state = acknowledged(state, taps[i]!);
    state = loaded(state, {}, askedAt);
    expect(shown(state)).toEqual({ ana: { talent: 4, potential: 2 } });
  });

  it("a fresh reload replaces what was confirmed before it was asked", () => {
    const a = tap(EMPTY_TAPS, T, "talent", 4, "k1");
    const state = acknowledged(a.state, a.tap);
    expect(shown(loaded(state, { ana: { talent: 5 }, boris: { talent: 1 } }, state.seq))).toEqual({ ana: { talent: 5 }, boris: { talent: 1 } });
  });

  it.each([
    { name: "a refused tap falls back to the last confirmed value", order: ["tap1", "ack1", "tap2", "refuse2"], expected: 3, news: true },
    { name: "an older refusal after a newer tap changes nothing", order: ["tap1", "tap2", "refuse1", "ack2"], expected: 5, news: false },
    { name: "an older confirmation after a newer one changes nothing", order: ["tap1", "tap2", "ack2", "ack1"], expected: 5, news: false },
    { name: "a refused first tap on a fresh star shows nothing", order: ["tap1", "refuse1"], expected: undefined, news: true },
  ])("$name", ({ order, expected, news }) => {
    let state: TapState = EMPTY_TAPS;
    const taps: Record<string, ReturnType<typeof tap>["tap"]> = {};
    let lastNews: boolean | null = null;
    for (const step of order) {
      const n = step.slice(-1);
      if (step.startsWith("tap")) {
        const r = tap(state, T, "talent", n === "1" ? 3 : 5, `k${n}`);
        state = r.state;
        taps[n] = r.tap;
      } else if (step.startsWith("ack")) state = acknowledged(state, taps[n]!);
      else {
        const r = refused(state, taps[n]!);
        state = r.state;
        lastNews = r.current;
      }
    }
    expect(shown(state).ana?.talent).toBe(expected);
    if (lastNews !== null) expect(lastNews).toBe(news);
  });

  it("keeps taps made offline, newest per star, and sends them again with the same key", () => {
    let state: TapState = EMPTY_TAPS;
    const a = tap(state, T, "talent", 2, "k1");
    state = queued(a.state, a.tap);
    const b = tap(state, T, "talent", 4, "k2");
    state = queued(b.state, b.tap);
    const c = tap(state, "boris", "talent", 1, "k3");
    state = queued(c.state, c.tap);
    expect(waitingCount(state)).toBe(2);
    expect(shown(state)).toEqual({ ana: { talent: 4 }, boris: { talent: 1 } });
    const taken = takeQueued(state);
    expect(taken.taps.map((t) => [t.targetId, t.score, t.key])).toEqual([
      ["ana", 4, "k2"],
      ["boris", 1, "k3"],
    ]);
    expect(waitingCount(taken.state)).toBe(0);
    let after = taken.state;
    for (const t of taken.taps) after = acknowledged(after, t);
    expect(after.taps).toEqual({});
    expect(after.confirmed).toEqual({ ana: { talent: 4 }, boris: { talent: 1 } });
  });

  it("a new round starts empty", () => {
    const a = tap(EMPTY_TAPS, T, "talent", 2, "k1");
    expect(shown(reset(acknowledged(a.state, a.tap)))).toEqual({});
  });
});
