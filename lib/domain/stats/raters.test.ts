import { describe, expect, it } from "vitest";
import { classifyRater, haloCorrelation, leniency } from "./raters";
import type { RatingRow } from "./rows";

/** sheet(1, "R1", "T1", { talent: 5 }) → the rows of one rater's sheet about one target. */
function sheet(round: number, raterId: string, targetId: string, scores: Record<string, number>): RatingRow[] {
  return Object.entries(scores).map(([dimension, score]) => ({ round, raterId, targetId, dimension, score }));
}

/** Compares a matrix cell by cell, nulls exactly and numbers to 12 decimals. */
function expectMatrix(actual: (number | null)[][], expected: (number | null)[][]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => {
    expect(actual[i]?.length).toBe(row.length);
    row.forEach((cell, j) => {
      const got = actual[i]?.[j];
      if (cell === null) expect(got, `[${i}][${j}]`).toBeNull();
      else expect(got, `[${i}][${j}]`).toBeCloseTo(cell, 12);
    });
  });
}

describe("haloCorrelation", () => {
  const rows = [
    ...sheet(1, "R1", "T1", { talent: 5, passion: 5, height: 1 }),
    ...sheet(1, "R1", "T2", { talent: 4, passion: 4, height: 3 }),
    ...sheet(1, "R2", "T1", { talent: 2, passion: 2, height: 3 }),
    ...sheet(1, "R2", "T2", { talent: 1, passion: 1, height: 1 }),
    ...sheet(1, "R3", "T1", { talent: 3, passion: 3 }), // no height: counts for talent–passion only
    ...sheet(1, "R3", "T2", { shoe: 4 }), // a dimension nobody asked about
    ...sheet(1, "R3", "R3", { talent: 1, passion: 5, height: 5 }), // self-rating: ignored
  ];

  it("shows identical dimensions at 1 and an unrelated one at 0", () => {
    // talent = passion on all 5 sheets → 1.
    // talent vs height on the 4 sheets with both: talent 5,4,2,1 (mean 3), height 1,3,3,1 (mean 2)
    // dx 2,1,−1,−2; dy −1,1,1,−1 → sxy −2+1−1+2 = 0 → 0; passion is the same as talent → 0.
    const { matrix, meanOffDiagonal } = haloCorrelation(rows, ["talent", "passion", "height"]);
    expectMatrix(matrix, [
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(meanOffDiagonal).toBeCloseTo(1 / 3, 12); // (1 + 0 + 0)/3
  });

  it("follows the order asked for", () => {
    expectMatrix(haloCorrelation(rows, ["height", "talent"]).matrix, [
      [1, 0],
      [0, 1],
    ]);
  });

  it.each([
    ["a dimension with one sheet", ["talent", "shoe"], [[1, null], [null, null]], null],
    ["a dimension nobody scored", ["talent", "missing"], [[1, null], [null, null]], null],
    ["one dimension", ["talent"], [[1]], null],
    ["none", [], [], null],
  ] as [string, string[], (number | null)[][], number | null][])("%s → null cells, no headline", (_label, dimensions, matrix, mean) => {
    const result = haloCorrelation(rows, dimensions);
    expectMatrix(result.matrix, matrix);
    expect(result.meanOffDiagonal).toBe(mean);
  });

  it("treats the same rater and target in another round as another sheet", () => {
    // a 1,2,3 vs b 1,3,2: dx −1,0,1; dy −1,1,0 → sxy 1; sxx = syy = 2 → 0.5
    const rounds = [...sheet(1, "R", "T", { a: 1, b: 1 }), ...sheet(2, "R", "T", { a: 2, b: 3 }), ...sheet(3, "R", "T", { a: 3, b: 2 })];
    const { matrix, meanOffDiagonal } = haloCorrelation(rounds, ["a", "b"]);
    expectMatrix(matrix, [
      [1, 0.5],
      [0.5, 1],
    ]);
    expect(meanOffDiagonal).toBeCloseTo(0.5, 12);
  });

  it("averages only the cells it could compute", () => {
    // a = b on 3 sheets (r = 1); c on only 2 sheets (null): the headline is 1, not (1 + null + null)/3
    const some = [...sheet(1, "R", "T1", { a: 1, b: 1, c: 5 }), ...sheet(1, "R", "T2", { a: 2, b: 2, c: 4 }), ...sheet(1, "R", "T3", { a: 5, b: 5 })];
    expect(haloCorrelation(some, ["a", "b", "c"]).meanOffDiagonal).toBeCloseTo(1, 12);
  });
});

describe("leniency", () => {
  const rows = [
    ...sheet(1, "R1", "T1", { a: 5, b: 5 }),
    ...sheet(1, "R1", "T2", { a: 5, b: 3 }), // R1: (5+5+5+3)/4 = 4.5
    ...sheet(1, "R2", "T1", { a: 3, b: 3 }), // R2: 3
    ...sheet(1, "R3", "T1", { a: 2 }),
    ...sheet(1, "R3", "T2", { a: 1 }), // R3: (2+1)/2 = 1.5
    ...sheet(1, "R3", "R3", { a: 5 }), // self-rating: ignored
  ];

  it("gives each rater's mean, the spread and the SD of rater means", () => {
    expect(leniency(rows)).toEqual({
      raters: [
        { raterId: "R1", meanGiven: 4.5, count: 4 },
        { raterId: "R2", meanGiven: 3, count: 2 },
        { raterId: "R3", meanGiven: 1.5, count: 2 },
      ],
      spread: 3, // 4.5 − 1.5
      groupMean: 3, // (4.5 + 3 + 1.5)/3, each rater once (per row it would be 27/8 = 3.375)
      sd: Math.sqrt(1.5), // deviations 1.5, 0, −1.5 → (2.25 + 0 + 2.25)/3 = 1.5
    });
  });

  it("orders equal means by id", () => {
    const tied = [...sheet(1, "Zed", "T", { a: 4 }), ...sheet(1, "Amy", "T", { a: 4 }), ...sheet(1, "Bo", "T", { a: 2 })];
    expect(leniency(tied).raters.map((r) => r.raterId)).toEqual(["Amy", "Zed", "Bo"]);
  });

  it.each([
    ["one rater: no spread or SD", sheet(1, "R", "T", { a: 4, b: 2 }), { spread: null, sd: null, groupMean: 3 }],
    ["two equal raters", [...sheet(1, "R", "T", { a: 4 }), ...sheet(1, "S", "T", { a: 4 })], { spread: 0, sd: 0, groupMean: 4 }],
    ["nobody", [], { spread: null, sd: null, groupMean: null }],
  ] as [string, RatingRow[], object][])("%s", (_label, input, expected) => {
    expect(leniency(input)).toMatchObject(expected);
  });
});

describe("classifyRater", () => {
  it.each([
    [4.5, 3, Math.sqrt(1.5), "lenient"], // 4.5 > 3 + 1.22
    [3, 3, Math.sqrt(1.5), "typical"],
    [1.5, 3, Math.sqrt(1.5), "severe"], // 1.5 < 3 − 1.22
    [4, 3, 1, "typical"], // exactly +1 SD is not beyond
    [4.01, 3, 1, "lenient"],
    [2, 3, 1, "typical"], // exactly −1 SD
    [1.99, 3, 1, "severe"],
    [11 / 3, 10 / 3, 1 / 3, "typical"], // 10/3 + 1/3 in floats still equals 11/3
    [3, 3, 0, "typical"],
    [3.5, 3, 0, "lenient"], // no spread at all: any difference is beyond
    [5, null, 1, "typical"],
    [5, 3, null, "typical"],
  ] as const)("mean %d, group %s ± %s → %s", (meanGiven, groupMean, sd, expected) => {
    expect(classifyRater(meanGiven, groupMean, sd)).toBe(expected);
  });
});
