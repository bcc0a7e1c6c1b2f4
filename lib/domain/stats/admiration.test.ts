import { describe, expect, it } from "vitest";
import { admirationGraph, cliques, mutualAdmirationPairs } from "./admiration";
import type { RatingRow } from "./rows";

/** One round, one dimension: given("A", { B: 5 }) → A gave B 5. */
function given(raterId: string, scores: Record<string, number>): RatingRow[] {
  return Object.entries(scores).map(([targetId, score]) => ({ round: 1, raterId, targetId, dimension: "d", score }));
}

// A, B, C admire each other; D and E admire each other; everyone rated everyone.
const session = [
  ...given("A", { B: 5, C: 4, D: 1, E: 2 }), // mean 12/4 = 3 → B +2, C +1 (exactly the margin)
  ...given("B", { A: 5, C: 5, D: 2, E: 2 }), // mean 14/4 = 3.5 → A +1.5, C +1.5
  ...given("C", { A: 4, B: 5, D: 1, E: 2 }), // mean 12/4 = 3 → A +1, B +2
  ...given("D", { A: 2, B: 2, C: 2, E: 5 }), // mean 11/4 = 2.75 → E +2.25
  ...given("E", { A: 3, B: 2, C: 2, D: 5 }), // mean 12/4 = 3 → D +2, A +0: E likes A only as much as usual
];

describe("mutualAdmirationPairs", () => {
  it("lists pairs who each rate the other at least the margin above their own mean", () => {
    expect(mutualAdmirationPairs(session)).toEqual([
      { a: "A", b: "B", ab: 5, ba: 5 },
      { a: "A", b: "C", ab: 4, ba: 4 }, // +1 and +1: on the margin counts
      { a: "B", b: "C", ab: 5, ba: 5 },
      { a: "D", b: "E", ab: 5, ba: 5 },
    ]);
  });

  it.each([
    [1.5, ["A-B", "B-C", "D-E"]], // A–C: +1 < 1.5
    [2, ["D-E"]], // A–B: B gives A +1.5; B–C: B gives C +1.5; D–E: +2.25 and +2
    [2.5, []],
    [0, ["A-B", "A-C", "B-C", "D-E"]], // A–E: E gives A +0 but A gives E 2 − 3 = −1
    // A–E: A gives 2 − 3 = −1, E gives 3 − 3 = 0; C–E: −1 and −1; B–D, B–E: B gives 2 − 3.5 = −1.5 no; A–D, C–D: 1 − 3 = −2 no
    [-1, ["A-B", "A-C", "A-E", "B-C", "C-E", "D-E"]],
  ])("margin %d → %j", (margin, expected) => {
    expect(mutualAdmirationPairs(session, { margin }).map((p) => `${p.a}-${p.b}`)).toEqual(expected);
  });

  it("averages each direction over dimensions and uses the rater's mean over all rows", () => {
    const rows: RatingRow[] = [
      { round: 1, raterId: "P", targetId: "Q", dimension: "x", score: 5 },
      { round: 1, raterId: "P", targetId: "Q", dimension: "y", score: 4 }, // P→Q (5 + 4)/2 = 4.5
      { round: 1, raterId: "P", targetId: "R", dimension: "x", score: 2 },
      { round: 1, raterId: "P", targetId: "R", dimension: "y", score: 1 }, // P's mean (5+4+2+1)/4 = 3 → Q +1.5
      { round: 1, raterId: "Q", targetId: "P", dimension: "x", score: 3 }, // Q→P 3
      { round: 1, raterId: "Q", targetId: "R", dimension: "x", score: 1 }, // Q's mean (3 + 1)/2 = 2 → P +1
      { round: 1, raterId: "Q", targetId: "Q", dimension: "x", score: 5 }, // self-rating: ignored, else Q's mean would be 3
    ];
    expect(mutualAdmirationPairs(rows)).toEqual([{ a: "P", b: "Q", ab: 4.5, ba: 3 }]);
  });

  it("needs both directions", () => {
    expect(mutualAdmirationPairs([...given("A", { B: 5, C: 1 }), ...given("C", { A: 1, B: 1 })])).toEqual([]);
  });

  it("refuses a non-finite margin", () => {
    expect(() => mutualAdmirationPairs(session, { margin: Number.NaN })).toThrow(RangeError);
  });
});

describe("admirationGraph", () => {
  it("has every person as a node and each mutual pair as an edge weighted by the mean excess", () => {
    expect(admirationGraph(session)).toEqual({
      nodes: ["A", "B", "C", "D", "E"],
      edges: [
        { a: "A", b: "B", weight: 1.75 }, // (2 + 1.5)/2
        { a: "A", b: "C", weight: 1 }, // (1 + 1)/2
        { a: "B", b: "C", weight: 1.75 }, // (1.5 + 2)/2
        { a: "D", b: "E", weight: 2.125 }, // (2.25 + 2)/2
      ],
    });
  });

  it("keeps people who only gave or only received ratings", () => {
    expect(admirationGraph(given("Z", { Y: 3, X: 4 }))).toEqual({ nodes: ["X", "Y", "Z"], edges: [] });
  });
});

describe("cliques", () => {
  it("finds the three admirers and leaves the outsiders out", () => {
    expect(cliques(session)).toEqual([
      {
        members: ["A", "B", "C"],
        meanInside: 28 / 6, // A→B 5, A→C 4, B→A 5, B→C 5, C→A 4, C→B 5 = 28 over 6
        meanOutside: 10 / 6, // A→D 1, A→E 2, B→D 2, B→E 2, C→D 1, C→E 2 = 10 over 6
      },
    ]);
  });

  it("includes pairs with minSize 2, larger cliques first", () => {
    expect(cliques(session, { minSize: 2 })).toEqual([
      { members: ["A", "B", "C"], meanInside: 28 / 6, meanOutside: 10 / 6 },
      { members: ["D", "E"], meanInside: 5, meanOutside: 13 / 6 }, // outside: D→A,B,C 2,2,2 + E→A,B,C 3,2,2 = 13 over 6
    ]);
  });

  it("lets one person sit in several cliques when the triangle breaks", () => {
    // margin 1.5 drops A–C: {A,B,C} is no longer a clique; B is in both remaining pairs
    expect(cliques(session, { minSize: 2, margin: 1.5 }).map((c) => c.members)).toEqual([
      ["A", "B"],
      ["B", "C"],
      ["D", "E"],
    ]);
  });

  /**
   * Everyone rates everyone: 5 to friends, 1 to the rest. With m targets and f
   * friends a rater's mean is 1 + 4f/m, so a friend is 4(m − f)/m above it:
   * at least 1 while f ≤ 3m/4; everyone else is below it.
   */
  function friendships(people: string[], pairs: string[]): RatingRow[] {
    const friends = new Set(pairs.flatMap((p) => [p, [...p].reverse().join("")]));
    return people.flatMap((rater) =>
      given(rater, Object.fromEntries(people.filter((t) => t !== rater).map((t) => [t, friends.has(rater + t) ? 5 : 1]))),
    );
  }

  it.each([
    // m = 4: A and B have 3 friends, 4·1/4 = 1 above their mean: on the margin
    ["two triangles sharing an edge", "ABCDE", ["AB", "AC", "BC", "AD", "BD"], [["A", "B", "C"], ["A", "B", "D"]]],
    // only the maximal clique, not its four triangles
    ["a clique of four", "ABCDE", ["AB", "AC", "AD", "BC", "BD", "CD"], [["A", "B", "C", "D"]]],
    // m = 6, f = 2: 4·4/6 ≈ 2.67 above
    ["two separate triangles", "ABCDEFG", ["AB", "AC", "BC", "DE", "DF", "EF"], [["A", "B", "C"], ["D", "E", "F"]]],
    // D has 5 friends: with m = 6 that is 4·1/6 ≈ 0.67 above, too few; with H in the room m = 7 → 4·2/7 ≈ 1.14
    ["a four and a three sharing one person", "ABCDEFGH", ["AB", "AC", "AD", "BC", "BD", "CD", "DE", "DF", "EF"], [["A", "B", "C", "D"], ["D", "E", "F"]]],
    // the same without H: D's 5 of 6 are only ≈ 0.67 above D's mean, so D admires nobody; E–F is only a pair
    ["admiring nearly everyone is admiring no one", "ABCDEFG", ["AB", "AC", "AD", "BC", "BD", "CD", "DE", "DF", "EF"], [["A", "B", "C"]]],
    ["a path has no triangle", "ABCDE", ["AB", "BC", "CD"], []],
  ])("%s", (_label, people, pairs, expected) => {
    const rows = friendships([...people], pairs);
    expect(cliques(rows).map((c) => c.members)).toEqual(expected);
    for (const c of cliques(rows)) {
      expect(c.meanInside).toBe(5);
    }
  });

  it("finds nothing when everyone rates everyone the same", () => {
    expect(cliques([...given("A", { B: 3, C: 3 }), ...given("B", { A: 3, C: 3 }), ...given("C", { A: 3, B: 3 })])).toEqual([]);
  });

  it("gives null outside when members rated nobody else", () => {
    const rows = [...given("A", { B: 5, C: 5 }), ...given("B", { A: 5, C: 5 }), ...given("C", { A: 5, B: 5 })];
    // everyone's mean is 5, so nobody is above it with margin 1; with margin 0 they are
    expect(cliques(rows)).toEqual([]);
    expect(cliques(rows, { margin: 0 })).toEqual([{ members: ["A", "B", "C"], meanInside: 5, meanOutside: null }]);
  });

  it.each([1, 2.5])("refuses minSize %d", (minSize) => {
    expect(() => cliques(session, { minSize })).toThrow(RangeError);
  });
});
