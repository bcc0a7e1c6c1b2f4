import { describe, expect, it } from "vitest";
import { averageRanks, kendallTau, pearson, spearman } from "./correlation";

/** A ranking from a compact spec: ranking("A1 B2 C2") → A → 1, B → 2, C → 2. */
function ranking(spec: string): Map<string, number | null> {
  return new Map(
    spec.split(" ").map((token) => {
      const value = token.slice(1);
      return [token.slice(0, 1), value === "-" ? null : Number(value)];
    }),
  );
}

describe("pearson", () => {
  it.each([
    ["perfect", [1, 2, 3], [2, 4, 6], 1],
    ["perfect negative", [1, 2, 3], [3, 2, 1], -1],
    // dx −1,0,1; dy −1,1,0 → sxy 1, sxx 2, syy 2 → 1/2
    ["one swap of three", [1, 2, 3], [1, 3, 2], 0.5],
    // dx −1.5,−.5,.5,1.5; dy −1.5,.5,−.5,1.5 → sxy 2.25−.25−.25+2.25 = 4; sxx = syy = 5 → 4/5
    ["one swap of four", [1, 2, 3, 4], [1, 3, 2, 4], 0.8],
    // dx 2,1,−1,−2; dy −1,1,1,−1 → sxy −2+1−1+2 = 0
    ["unrelated", [5, 4, 2, 1], [1, 3, 3, 1], 0],
  ])("%s", (_label, xs, ys, expected) => {
    expect(pearson(xs, ys)).toBeCloseTo(expected, 12);
  });

  it.each([
    ["no pairs", [], []],
    ["two pairs", [1, 2], [2, 1]],
    ["x constant", [3, 3, 3], [1, 2, 3]],
    ["y constant", [1, 2, 3], [4, 4, 4]],
  ])("%s → null", (_label, xs, ys) => {
    expect(pearson(xs, ys)).toBeNull();
  });

  it("never leaves [−1, 1] through rounding", () => {
    const xs = [0.1, 0.2, 0.3, 0.7, 1.1];
    expect(pearson(xs, xs)).toBe(1);
    expect(pearson(xs, xs.map((x) => -3 * x))).toBe(-1);
  });

  it("refuses lists of different length", () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe("averageRanks", () => {
  it.each([
    [[], []],
    [[3, 1, 2], [3, 1, 2]],
    [[10, 20, 20, 30], [1, 2.5, 2.5, 4]], // positions 2 and 3 → (2 + 3)/2
    [[5, 5, 5], [2, 2, 2]], // (1 + 2 + 3)/3
    [[2, 1, 2, 1], [3.5, 1.5, 3.5, 1.5]],
  ])("%j → %j", (values, expected) => {
    expect(averageRanks(values)).toEqual(expected);
  });
});

describe("spearman", () => {
  it.each([
    ["identical rankings", "A1 B2 C3 D4", "A1 B2 C3 D4", 1],
    ["reversed", "A1 B2 C3 D4", "A4 B3 C2 D1", -1],
    // d = 1,1,1,1,0 → Σd² = 4; 1 − 6·4/(5·24) = 1 − 0.2
    ["two swaps of five", "A1 B2 C3 D4 E5", "A2 B1 C4 D3 E5", 0.8],
    // ranks a: 1, 2.5, 2.5, 4; b: 2, 1, 3.5, 3.5; both mean 2.5
    // dx −1.5,0,0,1.5; dy −.5,−1.5,1,1 → sxy .75+0+0+1.5 = 2.25; sxx 4.5; syy .25+2.25+1+1 = 4.5 → 0.5
    ["ties on both sides", "A1 B2 C2 D4", "A2 B1 C3 D3", 0.5],
    ["scores are re-ranked, so any monotone change is 1", "A1 B2 C100", "A1 B2 C3", 1],
    // common ids A, B, C, D only: identical there
    ["only ids in both count", "A1 B2 C3 D4 E9", "A1 B2 C3 D4 F0", 1],
    // C is null on one side: A, B, D remain, same order
    ["null counts as absent", "A1 B2 C- D4", "A1 B2 C1 D3", 1],
  ])("%s", (_label, a, b, expected) => {
    expect(spearman(ranking(a), ranking(b))).toBeCloseTo(expected, 12);
  });

  it.each([
    ["fewer than 3 common ids", "A1 B2 C3", "A1 B2 D3"],
    ["no variance on one side", "A1 B2 C3", "A1 B1 C1"],
    ["empty", "", ""],
  ])("%s → null", (_label, a, b) => {
    const parse = (s: string) => (s === "" ? new Map<string, number>() : ranking(s));
    expect(spearman(parse(a), parse(b))).toBeNull();
  });

  it("is symmetric", () => {
    const a = ranking("A1 B2 C2 D4 E5");
    const b = ranking("A3 B1 C2 D5 E4");
    expect(spearman(a, b)).toBe(spearman(b, a));
  });
});

describe("kendallTau (tau-b)", () => {
  it.each([
    ["identical rankings", "A1 B2 C3 D4", "A1 B2 C3 D4", 1],
    ["reversed", "A1 B2 C3 D4", "A4 B3 C2 D1", -1],
    // 6 pairs, only AB discordant: (5 − 1)/6
    ["one swap of four", "A1 B2 C3 D4", "A2 B1 C3 D4", 2 / 3],
    // AB C, AC C, AD C, BC tied in a, BD C, CD C → C 5, D 0, tiesA 1, tiesB 0; n0 6 → 5/√(5·6)
    ["tie on one side", "A1 B2 C2 D4", "A1 B3 C2 D4", 5 / Math.sqrt(30)],
    // AB D (1<2 vs 2>1), AC C, AD C, BC tied in a, BD C, CD tied in b → C 3, D 1, tiesA 1, tiesB 1 → 2/√(5·5)
    ["ties on both sides", "A1 B2 C2 D4", "A2 B1 C3 D3", 0.4],
    // a tie shared by both sides is in neither C nor D: AB tied both, AC C, BC C → 2/√(2·2)
    ["a pair tied on both sides", "A1 B1 C2", "A5 B5 C9", 1],
  ])("%s", (_label, a, b, expected) => {
    expect(kendallTau(ranking(a), ranking(b))).toBeCloseTo(expected, 12);
  });

  it.each([
    ["fewer than 3 common ids", "A1 B2 C3", "A1 B2 D3"],
    ["all tied on one side", "A1 B2 C3", "A2 B2 C2"],
  ])("%s → null", (_label, a, b) => {
    expect(kendallTau(ranking(a), ranking(b))).toBeNull();
  });
});
