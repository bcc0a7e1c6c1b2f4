import { describe, expect, it } from "vitest";
import { rankByScore, rankChanges, risersAndFallers } from "./ranks";

const scores = (entries: [string, number | null][]) => new Map(entries);

describe("rankByScore", () => {
  it.each([
    ["competition ranking", [["a", 5], ["b", 4], ["c", 4], ["d", 3]], [["a", 1], ["b", 2], ["c", 2], ["d", 4]]],
    ["input order does not matter", [["d", 3], ["c", 4], ["a", 5]], [["a", 1], ["c", 2], ["d", 3]]],
    ["everyone tied", [["a", 2], ["b", 2], ["c", 2]], [["a", 1], ["b", 1], ["c", 1]]],
    // 4.006 → 4.01; 4.004 and 4.001 both show 4.00: a tie, kept in input order
    ["ties on the 2-decimal score", [["x", 4.004], ["y", 4.001], ["z", 4.006]], [["z", 1], ["x", 2], ["y", 2]]],
    ["nulls last, unranked, input order", [["a", null], ["b", 3], ["c", null], ["d", 5]], [["d", 1], ["b", 2], ["a", null], ["c", null]]],
    ["nobody scored", [["a", null]], [["a", null]]],
    ["empty", [], []],
  ] as [string, [string, number | null][], [string, number | null][]][])("%s", (_label, input, expected) => {
    expect([...rankByScore(scores(input))]).toEqual(expected);
  });
});

describe("rankChanges", () => {
  it.each([
    ["identical", [["a", 1], ["b", 2]], [["a", 1], ["b", 2]], 0],
    ["one swap moves two people", [["a", 1], ["b", 2], ["c", 3]], [["a", 2], ["b", 1], ["c", 3]], 2],
    ["ranked → unranked", [["a", 1]], [["a", null]], 1],
    ["absent and null are the same", [["a", null]], [], 0],
    ["absent before, ranked now", [], [["a", 3]], 1],
    ["a tie forming", [["a", 1], ["b", 2]], [["a", 1], ["b", 1]], 1],
  ] as [string, [string, number | null][], [string, number | null][], number][])("%s → %i", (_label, a, b, expected) => {
    expect(rankChanges(scores(a), scores(b))).toBe(expected);
    expect(rankChanges(scores(b), scores(a))).toBe(expected);
  });
});

describe("risersAndFallers", () => {
  const prev = scores([["A", 1], ["B", 2], ["C", 3], ["D", 4], ["E", 5], ["F", 6], ["G", null]]);
  const next = scores([["A", 4], ["B", 1], ["C", 2], ["D", 6], ["E", 3], ["F", 5], ["G", 1], ["H", 2]]);
  // delta = from − to: A 1−4 = −3, B 2−1 = +1, C 3−2 = +1, D 4−6 = −2, E 5−3 = +2, F 6−5 = +1;
  // G was unranked and H absent before: neither is a move.

  it("takes the biggest climbs and falls, equal moves by better new rank", () => {
    expect(risersAndFallers(prev, next)).toEqual({
      risers: [
        { id: "E", from: 5, to: 3, delta: 2 },
        { id: "B", from: 2, to: 1, delta: 1 }, // B, C and F all +1: new ranks 1, 2, 5; F is cut
        { id: "C", from: 3, to: 2, delta: 1 },
      ],
      fallers: [
        { id: "A", from: 1, to: 4, delta: -3 },
        { id: "D", from: 4, to: 6, delta: -2 },
      ],
    });
  });

  it.each([
    [1, ["E"], ["A"]],
    [0, [], []],
    [10, ["E", "B", "C", "F"], ["A", "D"]],
  ])("n = %i → risers %j, fallers %j", (n, risers, fallers) => {
    const result = risersAndFallers(prev, next, n);
    expect(result.risers.map((m) => m.id)).toEqual(risers);
    expect(result.fallers.map((m) => m.id)).toEqual(fallers);
  });

  it("breaks a full tie (same move, same new rank) by id", () => {
    const result = risersAndFallers(scores([["Y", 3], ["X", 3], ["Z", 1]]), scores([["Y", 1], ["X", 1], ["Z", 3]]), 1);
    expect(result.risers).toEqual([{ id: "X", from: 3, to: 1, delta: 2 }]);
    expect(result.fallers).toEqual([{ id: "Z", from: 1, to: 3, delta: -2 }]);
  });

  it("finds nothing when nobody moved", () => {
    expect(risersAndFallers(prev, prev)).toEqual({ risers: [], fallers: [] });
  });

  it.each([-1, 1.5])("refuses n = %d", (n) => {
    expect(() => risersAndFallers(prev, next, n)).toThrow(RangeError);
  });
});
