import { describe, expect, it } from "vitest";
import { reciprocity, revengeDrops } from "./reciprocity";
import type { RatingEventRow, RatingRow } from "./rows";

/** rows("A>B 1 a5 b5") → A rated B in round 1: 5 on a, 5 on b. */
function rows(...specs: string[]): RatingRow[] {
  return specs.flatMap((spec) => {
    const [pair = "", round = "", ...scores] = spec.split(" ");
    const [raterId = "", targetId = ""] = pair.split(">");
    return scores.map((s) => ({ round: Number(round), raterId, targetId, dimension: s.slice(0, 1), score: Number(s.slice(1)) }));
  });
}

describe("reciprocity", () => {
  const session = rows(
    "A>B 1 a5 b5", // 5
    "B>A 1 a3 b5", // (3 + 5)/2 = 4
    "A>C 1 a2 b2", // 2
    "C>A 1 a1 b1", // 1
    "B>C 1 a3 b3", // 3
    "C>B 1 a4 b2", // (4 + 2)/2 = 3
    "A>D 1 a5 b5", // one way: D never rated A
    "D>D 1 a1", // a self-rating is ignored
    "B>A 2 a1 b1", // another round
  );

  it("correlates what each gave the other, each pair in both orders", () => {
    // pairs (5,4) (2,1) (3,3) → x = 5,4,2,1,3,3; y = 4,5,1,2,3,3; both mean 18/6 = 3
    // dx 2,1,−1,−2,0,0; dy 1,2,−2,−1,0,0 → sxy 2+2+2+2 = 8; sxx = syy = 4+1+1+4 = 10 → 0.8
    const result = reciprocity(session, 1);
    expect(result.pairs).toBe(3);
    expect(result.correlation).toBeCloseTo(0.8, 12);
  });

  it("pools rounds when no round is given", () => {
    // B→A now (3 + 5 + 1 + 1)/4 = 2.5: pairs (5,2.5) (2,1) (3,3) → x = 5,2.5,2,1,3,3; mean 16.5/6 = 2.75
    // dx 2.25,−.25,−.75,−1.75,.25,.25; dy −.25,2.25,−1.75,−.75,.25,.25
    // sxy −.5625−.5625+1.3125+1.3125+.0625+.0625 = 1.625 = 13/8; sxx 5.0625+.0625+.5625+3.0625+.0625+.0625 = 8.875 = 71/8 → 13/71
    const result = reciprocity(session);
    expect(result.pairs).toBe(3);
    expect(result.correlation).toBeCloseTo(13 / 71, 12);
  });

  it.each([
    ["perfect reciprocity", ["A>B 1 a5", "B>A 1 a5", "A>C 1 a3", "C>A 1 a3", "B>C 1 a1", "C>B 1 a1"], 3, 1],
    // x = 5,1,1,5,3,3 against y = 1,5,5,1,3,3: every deviation flips sign → −1
    ["tit for tat inverted", ["A>B 1 a5", "B>A 1 a1", "A>C 1 a1", "C>A 1 a5", "B>C 1 a3", "C>B 1 a3"], 3, -1],
    ["fewer than 3 pairs", ["A>B 1 a5", "B>A 1 a4", "A>C 1 a1", "C>A 1 a2"], 2, null],
    ["no variance", ["A>B 1 a4", "B>A 1 a4", "A>C 1 a4", "C>A 1 a4", "B>C 1 a4", "C>B 1 a4"], 3, null],
    ["only one-way ratings", ["A>B 1 a5", "B>C 1 a4", "C>A 1 a3"], 0, null],
    ["nothing", [], 0, null],
  ] as [string, string[], number, number | null][])("%s", (_label, specs, pairs, correlation) => {
    const result = reciprocity(rows(...specs), 1);
    expect(result.pairs).toBe(pairs);
    if (correlation === null) expect(result.correlation).toBeNull();
    else expect(result.correlation).toBeCloseTo(correlation, 12);
  });

  it("counts a round with only one direction as no pair", () => {
    expect(reciprocity(session, 2)).toEqual({ pairs: 0, correlation: null });
  });
});

describe("revengeDrops", () => {
  const t0 = 1_700_000_000_000;
  const s = 1000;
  const ev = (atSeconds: number, round: number, pair: string, dimension: string, score: number): RatingEventRow => {
    const [raterId = "", targetId = ""] = pair.split(">");
    return { at: t0 + atSeconds * s, round, raterId, targetId, dimension, score };
  };
  const scenario = [
    ev(0, 1, "A>B", "d1", 4), // first score: never a drop
    ev(0, 1, "A>B", "d2", 4),
    ev(10, 1, "B>A", "d1", 5),
    ev(30, 1, "C>A", "d1", 2), // C's low score to A: no bearing on A's drops on B
    ev(40, 1, "C>A", "d1", 3), // a raise
    ev(45, 1, "C>A", "d1", 3), // the same score again: not a drop
    ev(60, 1, "B>A", "d1", 1), // drop 5 → 1; A never gave B ≤ 2 → plain drop (and a low score for A)
    ev(90, 1, "A>B", "d2", 2), // drop 4 → 2; B gave A 1 at 60 s, 30 s before → revenge (another dimension counts)
    ev(180, 1, "A>B", "d2", 1), // drop 2 → 1; B's 1 at 60 s is exactly 120 s before → revenge (window inclusive)
    ev(195, 2, "B>A", "d1", 1), // round 2: a low score, but in another round
    ev(200, 1, "A>B", "d1", 3), // drop 4 → 3; B's round-1 low is 140 s before, the round-2 one does not count → plain
  ];

  it("finds drops and the revenge ones among them, whatever the input order", () => {
    const expected = { drops: 4, revengeDrops: 2, share: 0.5 }; // drops at 60, 90, 180, 200 s; revenge at 90, 180 → 2/4
    expect(revengeDrops(scenario)).toEqual(expected);
    expect(revengeDrops([...scenario].reverse())).toEqual(expected);
    const shuffled = scenario.map((e, i) => ({ e, key: (i * 7) % scenario.length })).sort((a, b) => a.key - b.key);
    expect(revengeDrops(shuffled.map((x) => x.e))).toEqual(expected);
  });

  it.each([
    ["a window 1 ms shorter loses the boundary case", { windowMs: 119_999 }, { drops: 4, revengeDrops: 1, share: 0.25 }], // only 90 s
    // 200 s − 60 s = 140 s ≤ 200 s: the d1 drop now follows B's round-1 low too → 90, 180, 200 s = 3/4
    ["a longer window", { windowMs: 200_000 }, { drops: 4, revengeDrops: 3, share: 0.75 }],
    ["nothing counts as low", { lowThreshold: 0 }, { drops: 4, revengeDrops: 0, share: 0 }],
    // B's 1 at 60 s is the only provocation ≤ 1 for A; unchanged: 90, 180 s
    ["only ones count as low", { lowThreshold: 1 }, { drops: 4, revengeDrops: 2, share: 0.5 }],
  ])("%s", (_label, opts, expected) => {
    expect(revengeDrops(scenario, opts)).toEqual(expected);
  });

  it.each([
    ["provocation listed first", [ev(0, 1, "A>B", "d", 5), ev(100, 1, "B>A", "d", 1), ev(100, 1, "A>B", "d", 3)]],
    ["provocation listed after", [ev(0, 1, "A>B", "d", 5), ev(100, 1, "A>B", "d", 3), ev(100, 1, "B>A", "d", 1)]],
  ])("a provocation at the same millisecond is not before the drop (%s)", (_label, events) => {
    expect(revengeDrops(events)).toEqual({ drops: 1, revengeDrops: 0, share: 0 });
  });

  it("does not count a provocation that came after the drop", () => {
    const events = [ev(0, 1, "A>B", "d", 5), ev(10, 1, "A>B", "d", 2), ev(20, 1, "B>A", "d", 1)];
    expect(revengeDrops(events)).toEqual({ drops: 1, revengeDrops: 0, share: 0 });
  });

  it.each([
    ["no events", []],
    ["only first scores and raises", [ev(0, 1, "A>B", "d", 1), ev(5, 1, "B>A", "d", 1), ev(9, 1, "A>B", "d", 4)]],
    ["a drop that is a self-rating", [ev(0, 1, "A>A", "d", 5), ev(5, 1, "A>A", "d", 1)]],
    ["the same key in another round is a first score", [ev(0, 1, "A>B", "d", 5), ev(5, 2, "A>B", "d", 1)]],
  ])("%s → no drops, share null", (_label, events) => {
    expect(revengeDrops(events)).toEqual({ drops: 0, revengeDrops: 0, share: null });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses windowMs %d", (windowMs) => {
    expect(() => revengeDrops(scenario, { windowMs })).toThrow(RangeError);
  });
});
