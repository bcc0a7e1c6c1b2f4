import { describe, expect, it } from "vitest";
import { rankChanges } from "./ranks";
import { type ReplayRule, plainMeanRule, replay, targetAggregate, thresholdRule } from "./replay";
import type { RatingRow } from "./rows";

/** received("A", { B: 5, C: 5 }) → B and C each gave A 5 on dimension d, round 1. */
function received(targetId: string, scores: Record<string, number>, dimension = "d"): RatingRow[] {
  return Object.entries(scores).map(([raterId, score]) => ({ round: 1, raterId, targetId, dimension, score }));
}

const people = [
  { id: "E", displayName: "Eve" },
  { id: "A", displayName: "Ann" },
  { id: "B", displayName: "Bob" },
  { id: "C", displayName: "Cy" },
  { id: "D", displayName: "Dee" },
];

const session = [
  ...received("A", { B: 5, C: 5 }), // 5, but only 2 raters
  ...received("B", { A: 4, C: 4, D: 4 }), // 4
  ...received("C", { A: 5, B: 4, D: 3 }), // 12/3 = 4
  ...received("D", { A: 2, B: 3, C: 4 }), // 9/3 = 3
  ...received("E", { A: 5, B: 5, C: 5 }), // 5
];

describe("targetAggregate", () => {
  it("sums per dimension and counts distinct raters of that target only", () => {
    const rows = [...received("T", { R1: 5, R2: 5, R3: 2 }, "a"), ...received("T", { R1: 1 }, "b"), ...received("U", { R9: 4 }, "a")];
    expect(targetAggregate(rows, "T", "Tess")).toEqual({
      participantId: "T",
      displayName: "Tess",
      distinctRaters: 3, // R1 rated both dimensions but counts once
      dimensions: { a: { sum: 12, count: 3 }, b: { sum: 1, count: 1 } },
    });
  });
});

describe("plainMeanRule", () => {
  const rows = [...received("T", { R1: 5, R2: 5, R3: 2 }, "a"), ...received("T", { R1: 1 }, "b")];

  it.each([
    [3, 4], // a (5 + 5 + 2)/3 = 4 has 3 raters; b (1 rater < k) is left out, or it could be recovered from the mean
    [2, 4], // b still has only 1 rater
    [1, 2.5],
    [4, null], // 3 distinct raters < 4
  ])("k = %i → %s", (k, expected) => {
    expect(plainMeanRule(k).score(rows, "T")).toBe(expected);
  });

  it("gives nobody-rated people null", () => {
    expect(plainMeanRule(1).score(rows, "nobody")).toBeNull();
  });

  it("names itself after k, and thresholdRule is the same rule under a short name", () => {
    expect(plainMeanRule(3).name).toBe("plain mean, k = 3");
    expect(thresholdRule(2).name).toBe("k = 2");
    expect(thresholdRule(2).score(rows, "T")).toBe(plainMeanRule(2).score(rows, "T"));
  });

  it.each([0, -1, 2.5])("refuses k = %d", (k) => {
    expect(() => plainMeanRule(k)).toThrow(RangeError);
    expect(() => thresholdRule(k)).toThrow(RangeError);
  });
});

describe("replay", () => {
  it("ranks differently when k changes", () => {
    const [k2, k3] = replay(session, people, ["d"], [thresholdRule(2), thresholdRule(3)]);
    // k = 2: Ann 5 and Eve 5 tie at 1 (by name), Bob 4 and Cy 4 at 3, Dee 3 at 5
    expect(k2?.rule).toBe("k = 2");
    expect([...(k2?.ranks ?? [])]).toEqual([
      ["A", 1],
      ["E", 1],
      ["B", 3],
      ["C", 3],
      ["D", 5],
    ]);
    // k = 3: Ann has only 2 raters and drops out; everyone else moves up
    expect([...(k3?.ranks ?? [])]).toEqual([
      ["E", 1],
      ["B", 2],
      ["C", 2],
      ["D", 4],
      ["A", null],
    ]);
    // A 1 → null, B 3 → 2, C 3 → 2, D 5 → 4; E stays 1
    expect(rankChanges(k2?.ranks ?? new Map(), k3?.ranks ?? new Map())).toBe(4);
  });

  it("ignores ratings by or of non-participants, on unknown dimensions, and self-ratings", () => {
    const noise = [
      ...received("D", { X: 5, Y: 5 }), // X and Y are not among the participants passed in: their ratings do not count
      ...received("X", { A: 1, B: 1, C: 1 }), // X is not ranked at all
      ...received("D", { A: 5, B: 5, C: 5 }, "retired"), // not a session dimension
      ...received("D", { D: 5 }), // rating oneself
    ];
    const clean = replay(session, people, ["d"], [thresholdRule(3)]);
    const noisy = replay([...session, ...noise], people, ["d"], [thresholdRule(3)]);
    expect([...(noisy[0]?.ranks ?? [])]).toEqual([...(clean[0]?.ranks ?? [])]);
  });

  it("takes any rule: here the harshest single rating received", () => {
    const harshest: ReplayRule = {
      name: "harshest rating",
      score: (rows, targetId) => {
        const mine = rows.filter((r) => r.targetId === targetId).map((r) => r.score);
        return mine.length === 0 ? null : Math.min(...mine);
      },
    };
    const [result] = replay(session, people, ["d"], [harshest]);
    // minimum received: Ann 5, Eve 5, Bob 4, Cy 3, Dee 2
    expect(result?.rule).toBe("harshest rating");
    expect([...(result?.ranks ?? [])]).toEqual([
      ["A", 1],
      ["E", 1],
      ["B", 3],
      ["C", 4],
      ["D", 5],
    ]);
  });

  it("orders tied and unranked people by name, numerically", () => {
    const named = [
      { id: "p10", displayName: "Ada 10" },
      { id: "p2", displayName: "Ada 2" },
      { id: "q", displayName: "Zoe" },
      { id: "r", displayName: "Bea" },
    ];
    const rows = [...received("p10", { q: 4 }), ...received("p2", { q: 4 })];
    const [result] = replay(rows, named, ["d"], [thresholdRule(1)]);
    expect([...(result?.ranks ?? [])]).toEqual([
      ["p2", 1],
      ["p10", 1],
      ["r", null],
      ["q", null],
    ]);
  });

  it("returns one result per rule, in order, and nothing for no rules", () => {
    expect(replay(session, people, ["d"], []).length).toBe(0);
    expect(replay(session, people, ["d"], [thresholdRule(3), plainMeanRule(2)]).map((r) => r.rule)).toEqual(["k = 3", "plain mean, k = 2"]);
  });
});
