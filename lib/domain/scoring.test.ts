import { describe, expect, it } from "vitest";
import {
  type LeaderboardEntry,
  type TargetAggregate,
  computeLeaderboard,
  computeScore,
  dimensionScores,
  movement,
  movementBase,
  percentile,
  relativeWindow,
} from "./scoring";

/** A target whose dimensions are given as lists of ratings, e.g. { a: [5, 5, 2] }. */
function target(displayName: string, distinctRaters: number, ratings: Record<string, number[]>): TargetAggregate {
  const dimensions: TargetAggregate["dimensions"] = {};
  for (const [key, list] of Object.entries(ratings)) {
    dimensions[key] = { sum: list.reduce((a, b) => a + b, 0), count: list.length };
  }
  return { participantId: `id-${displayName}`, displayName, distinctRaters, dimensions };
}

/** A target with one dimension holding an exact mean, for rounding cases. */
function withMean(displayName: string, sum: number, count: number, distinctRaters = 3): TargetAggregate {
  return { participantId: `id-${displayName}`, displayName, distinctRaters, dimensions: { a: { sum, count } } };
}

describe("computeScore", () => {
  it.each([
    ["mean of dimension means, uneven counts", { a: [5, 5, 2], b: [1] }, 2.5],
    ["one dimension", { a: [4, 5] }, 4.5],
    ["equal weight per dimension, not per rating", { a: [5, 5, 5, 5, 5, 5, 5, 5, 5], b: [1] }, 3],
    ["empty dimension is left out", { a: [3, 4], b: [] }, 3.5],
    ["all dimensions empty", { a: [], b: [] }, null],
    ["no dimensions at all", {}, null],
    ["three dimensions", { a: [1], b: [2, 2], c: [3, 3, 3] }, 2],
  ])("%s", (_label, ratings, expected) => {
    // k = 1 here: these cases are about the arithmetic, not the threshold.
    expect(computeScore(target("Ada", 3, ratings), 1)).toBe(expected);
  });

  it.each([
    ["a dimension with fewer than k raters is left out of the mean", { a: [5, 5, 2], b: [1] }, 4],
    ["only dimensions reaching k count", { a: [4, 4, 4], b: [1, 1], c: [2, 2, 2] }, 3],
    ["no dimension reaches k: no score, even with k raters overall", { a: [5, 5], b: [1, 1] }, null],
  ])("with k = 3: %s", (_label, ratings, expected) => {
    // Otherwise B's single potential rating could be recovered as 2 × score − talent.
    expect(computeScore(target("Ada", 3, ratings), 3)).toBe(expected);
  });

  it("keeps full precision", () => {
    // (10/3 + 4) / 2 = 11/3
    expect(computeScore(target("Ada", 3, { a: [3, 3, 4], b: [4] }), 1)).toBeCloseTo(11 / 3, 12);
  });

  it.each([
    [3, 0, null],
    [3, 1, null],
    [3, 2, null], // k - 1
    [3, 3, 4], // k
    [3, 4, 4],
    [1, 0, null],
    [1, 1, 4],
    [5, 4, null],
    [5, 5, 4],
  ])("k = %i with %i distinct raters → %j", (k, raters, expected) => {
    expect(computeScore(target("Ada", raters, { a: [4, 4, 4, 4, 4] }), k)).toBe(expected);
  });
});

describe("computeLeaderboard", () => {
  const row = (e: LeaderboardEntry) => [e.rank, e.displayName, e.score, e.raters];

  it("uses standard competition ranking with ties ordered by name", () => {
    const board = computeLeaderboard(
      [target("Dan", 3, { a: [3, 3, 3] }), target("Cy", 3, { a: [4, 4, 4] }), target("Bo", 3, { a: [4, 4, 4] }), target("Al", 3, { a: [5, 5, 5] })],
      3,
    );
    expect(board.map(row)).toEqual([
      [1, "Al", 5, 3],
      [2, "Bo", 4, 3],
      [2, "Cy", 4, 3],
      [4, "Dan", 3, 3],
    ]);
  });

  it.each([
    [[5, 5, 5], [1, 1, 1]],
    [[5, 4, 4, 4], [1, 2, 2, 2]],
    [[4, 4, 3, 3, 2], [1, 1, 3, 3, 5]],
    [[2, 3, 4], [1, 2, 3]], // input order does not matter
  ])("scores %j rank as %j", (scores, ranks) => {
    const names = ["A", "B", "C", "D", "E"];
    const targets = scores.map((s, i) => target(names[i] ?? "?", 3, { a: [s, s, s] }));
    expect(computeLeaderboard(targets, 3).map((e) => e.rank)).toEqual(ranks);
  });

  it("ties on the rounded score people see, not the hidden precision", () => {
    const board = computeLeaderboard(
      [withMean("Zed", 1001, 250), withMean("Amy", 4001, 1000), withMean("Top", 4006, 1000)], // 4.004, 4.001, 4.006
      3,
    );
    expect(board.map(row)).toEqual([
      [1, "Top", 4.01, 3],
      [2, "Amy", 4, 3],
      [2, "Zed", 4, 3], // 4.004 > 4.001, but both show 4.00: a tie, ordered by name
    ]);
  });

  it.each([
    [10, 3, 3.33],
    [11, 3, 3.67],
    [2, 3, 0.67],
    [9, 2, 4.5],
  ])("score %i/%i is shown as %d", (sum, count, shown) => {
    expect(computeLeaderboard([withMean("Ada", sum, count)], Math.min(3, count))[0]?.score).toBe(shown);
  });

  it("puts unrated people after everyone ranked, by name, with no number", () => {
    const board = computeLeaderboard(
      [
        target("Zoe", 2, { a: [5, 5] }), // below k: a high score must not leak
        target("Mia", 3, { a: [1, 1, 1] }),
        target("Bea", 0, {}),
        target("Eve", 5, { a: [3, 3, 3, 3, 3] }),
        target("Ann", 3, { a: [] }), // raters but no ratings
      ],
      3,
    );
    expect(board.map(row)).toEqual([
      [1, "Eve", 3, 5],
      [2, "Mia", 1, 3],
      [null, "Ann", null, 3],
      [null, "Bea", null, 0],
      [null, "Zoe", null, 2],
    ]);
  });

  it("orders names numerically and keeps participant ids", () => {
    const board = computeLeaderboard([target("Ada 10", 1, {}), target("Ada 2", 1, {}), target("ada 3", 1, {})], 3);
    expect(board.map((e) => [e.displayName, e.participantId])).toEqual([
      ["Ada 2", "id-Ada 2"],
      ["ada 3", "id-ada 3"],
      ["Ada 10", "id-Ada 10"],
    ]);
  });

  it("handles an empty session", () => {
    expect(computeLeaderboard([], 3)).toEqual([]);
  });

  it("does not mutate its input", () => {
    const targets = [target("B", 3, { a: [1] }), target("A", 3, { a: [5] })];
    const copy = structuredClone(targets);
    computeLeaderboard(targets, 3);
    expect(targets).toEqual(copy);
  });
});

describe("percentile", () => {
  it.each([
    [1, 10, 100],
    [10, 10, 10],
    [5, 10, 60],
    [2, 10, 90],
    [1, 1, 100],
    [1, 3, 100],
    [2, 3, 67],
    [3, 3, 33],
    [2, 2, 50],
    [7, 8, 25],
  ])("rank %i of %i → %i", (rank, count, expected) => {
    expect(percentile(rank, count)).toBe(expected);
  });

  it.each([
    [0, 10],
    [11, 10],
    [1, 0],
    [1.5, 10],
  ])("refuses rank %d of %d", (rank, count) => {
    expect(() => percentile(rank, count)).toThrow(RangeError);
  });
});

describe("relativeWindow", () => {
  const list = Array.from({ length: 20 }, (_, i) => i);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it.each([
    [0, [], [1, 2, 3, 4, 5]],
    [1, [0], range(2, 6)],
    [5, range(0, 4), range(6, 10)],
    [10, range(5, 9), range(11, 15)],
    [17, range(12, 16), [18, 19]],
    [19, range(14, 18), []],
  ])("index %i → above %j, below %j", (index, above, below) => {
    expect(relativeWindow(list, index)).toEqual({ above, self: index, below });
  });

  it("honours a custom width", () => {
    expect(relativeWindow(list, 10, 2)).toEqual({ above: [8, 9], self: 10, below: [11, 12] });
    expect(relativeWindow(list, 10, 0)).toEqual({ above: [], self: 10, below: [] });
  });

  it("works for a list of one", () => {
    expect(relativeWindow(["me"], 0)).toEqual({ above: [], self: "me", below: [] });
  });

  it.each([-1, 20, 0.5])("refuses index %d", (index) => {
    expect(() => relativeWindow(list, index)).toThrow(RangeError);
  });
});

describe("dimensionScores", () => {
  const perDimension = {
    clarity: { sum: 11, count: 3, distinctRaters: 3 }, // 3.666… → 3.67
    impact: { sum: 8, count: 2, distinctRaters: 2 }, // k - 1 raters
    teamwork: { sum: 0, count: 0, distinctRaters: 0 },
    extra: { sum: 20, count: 4, distinctRaters: 4 }, // not asked for
    vision: { sum: 4, count: 1, distinctRaters: 1 },
  };

  it("shows a dimension only from k distinct raters, in the order asked", () => {
    expect(dimensionScores(perDimension, ["impact", "clarity", "teamwork", "missing"], 3)).toEqual([
      { key: "impact", score: null },
      { key: "clarity", score: 3.67 },
      { key: "teamwork", score: null },
      { key: "missing", score: null },
    ]);
  });

  it.each([
    ["impact", 2, 4],
    ["impact", 3, null],
    ["vision", 1, 4],
    ["vision", 2, null],
    ["teamwork", 0, null], // no ratings is never a number
  ])("%s with k = %i → %j", (key, k, expected) => {
    expect(dimensionScores(perDimension, [key], k)).toEqual([{ key, score: expected }]);
  });
});

describe("movement against the previous ranking (movementBase)", () => {
  const entry = (participantId: string, rank: number | null): LeaderboardEntry => ({ participantId, rank, displayName: participantId, score: rank === null ? null : 5 - rank, raters: 3 });
  // "was" = rank at the end of the previous round; "snapshot" = this round's last snapshot (null: not ranked yet).
  it.each([
    ["#1 last round, #1 again at the first release of the new round: not NEW", 1, null, 1, "same"],
    ["#1 last round, 3rd now", 1, null, 3, "down"],
    ["4th last round, 2nd now", 4, null, 2, "up"],
    ["not ranked last round, ranked now", null, null, 2, "new"],
    ["absent last round (joined since), ranked now", undefined, null, 2, "new"],
    ["ranked earlier in this round: this round's snapshot counts", 1, 4, 2, "up"],
  ] as const)("%s", (_label, was, snapshot, now, expected) => {
    const baseline = new Map<string, number | null>();
    if (was !== undefined) baseline.set("p", was);
    const previous = new Map<string, number | null>([["p", snapshot]]);
    expect(movement(movementBase(previous, baseline), [entry("p", now)]).get("p")).toBe(expected);
  });
});

describe("movement", () => {
  const entry = (participantId: string, rank: number | null): LeaderboardEntry => ({
    participantId,
    rank,
    displayName: participantId,
    score: rank === null ? null : 5 - rank,
    raters: 3,
  });

  it.each([
    ["better rank", 3, 1, "up"],
    ["worse rank", 1, 2, "down"],
    ["same rank", 2, 2, "same"],
    ["previously unranked, now ranked", null, 4, "new"],
    ["absent before, now ranked", undefined, 4, "new"],
    ["ranked before, unranked now", 2, null, "same"],
    ["unranked both times", null, null, "same"],
    ["absent before, unranked now", undefined, null, "same"],
  ] as const)("%s → %s", (_label, before, now, expected) => {
    const previous = new Map<string, number | null>();
    if (before !== undefined) previous.set("p", before);
    expect(movement(previous, [entry("p", now)]).get("p")).toBe(expected);
  });

  it("returns one verdict per current entry and ignores people who left", () => {
    const previous = new Map<string, number | null>([
      ["a", 1],
      ["b", 2],
      ["gone", 3],
    ]);
    const result = movement(previous, [entry("b", 1), entry("a", 2), entry("c", 3)]);
    expect([...result]).toEqual([
      ["b", "up"],
      ["a", "down"],
      ["c", "new"],
    ]);
  });
});
