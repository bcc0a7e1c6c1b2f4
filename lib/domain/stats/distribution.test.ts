import { describe, expect, it } from "vitest";
import { gini, histogram } from "./distribution";

describe("gini", () => {
  it.each([
    ["empty", [], 0],
    ["all zero", [0, 0, 0], 0],
    ["one person", [7], 0],
    ["perfect equality", [1, 1, 1, 1], 0],
    // Σ|xi − xj| = 3 zeros × 2 orders × 4 = 24; 2 n² μ = 2 · 16 · 1 = 32 → 24/32
    ["one has everything", [0, 0, 0, 4], 0.75],
    // 2 · |1 − 3| = 4; 2 · 4 · 2 = 16 → 4/16
    ["two people", [1, 3], 0.25],
    // 2 · |0 − 10| = 20; 2 · 4 · 5 = 40 → 0.5, the maximum (n − 1)/n for n = 2
    ["two people, one has all", [0, 10], 0.5],
    // 3 ones vs the 5: 3 · 2 · 4 = 24; 2 · 16 · 2 = 64 → 24/64
    ["one stands out", [1, 1, 1, 5], 0.375],
  ])("%s: %j → %d", (_label, values, expected) => {
    expect(gini(values)).toBe(expected);
  });

  it.each([
    // pairs |1−2| + |1−3| + |2−3| = 4, both orders 8; 2 · 9 · 2 = 36 → 8/36 = 2/9
    [[1, 2, 3], 2 / 9],
    [[3, 1, 2], 2 / 9], // order does not matter
    [[2, 4, 6], 2 / 9], // scaling does not matter
    // pairs 0 + 3 + 3 = 6, both orders 12; μ = 6/3 = 2; 2 · 9 · 2 = 36 → 12/36
    [[1, 1, 4], 1 / 3],
  ])("%j → %d", (values, expected) => {
    expect(gini(values)).toBeCloseTo(expected, 12);
  });

  it.each([[[1, -1]], [[Number.NaN]], [[Number.POSITIVE_INFINITY, 1]]])("refuses %j", (values) => {
    expect(() => gini(values)).toThrow(RangeError);
  });
});

describe("histogram", () => {
  const counts = (values: number[], bins: { min: number; max: number; count: number }) => histogram(values, bins).map((b) => b.count);

  it("reports equal-width edges, the last one being max", () => {
    expect(histogram([], { min: 1, max: 5, count: 4 })).toEqual([
      { from: 1, to: 2, count: 0 },
      { from: 2, to: 3, count: 0 },
      { from: 3, to: 4, count: 0 },
      { from: 4, to: 5, count: 0 },
    ]);
  });

  it.each([
    // [1,2) [2,3) [3,4) [4,5]: 5 is max, so it joins 4 in the last bin
    ["max falls in the last bin", [1, 2, 3, 4, 5], { min: 1, max: 5, count: 4 }, [1, 1, 1, 2]],
    // star ratings centred in bins of width 1: [0.5,1.5) [1.5,2.5) … [4.5,5.5]
    ["one bin per star", [1, 1, 2, 5, 5, 5], { min: 0.5, max: 5.5, count: 5 }, [2, 1, 0, 0, 3]],
    // [1,3) [3,5]: an inner edge belongs to the bin above
    ["inner edge goes up", [3], { min: 1, max: 5, count: 2 }, [0, 1]],
    ["min goes to the first bin", [1], { min: 1, max: 5, count: 2 }, [1, 0]],
    ["outside values and NaN are not counted", [0, 6, Number.NaN, 3, 2.999], { min: 1, max: 5, count: 2 }, [1, 1]],
    ["a float just past max is outside", [0.1 + 0.2], { min: 0, max: 0.3, count: 3 }, [0, 0, 0]], // 0.30000000000000004
    ["a single bin takes everything in range", [1, 2.5, 5], { min: 1, max: 5, count: 1 }, [3]],
    // width 0.8: [1,1.8) [1.8,2.6) [2.6,3.4) [3.4,4.2) [4.2,5]: each whole star in its own bin
    ["five bins over 1..5", [1, 2, 3, 4, 5, 5], { min: 1, max: 5, count: 5 }, [1, 1, 1, 1, 2]],
  ])("%s", (_label, values, bins, expected) => {
    expect(counts(values, bins)).toEqual(expected);
  });

  it("puts every value in the bin whose reported edges hold it, even where float division lands off by one", () => {
    // Edges are 0.7·i/7: edge 3 is 0.29999999999999993 and floor(0.29999999999999993 · 7 / 0.7) = 2 would miss it.
    const bins = { min: 0, max: 0.7, count: 7 };
    const values = Array.from({ length: 8 }, (_, i) => [(0.7 * i) / 7, i / 10, i * 0.1, 0.05 + i / 10]).flat().filter((v) => v <= 0.7);
    for (const v of values) {
      const result = histogram([v], bins);
      const hit = result.findIndex((b) => b.count === 1);
      const bin = result[hit];
      expect(bin, `value ${v}`).toBeDefined();
      expect(v).toBeGreaterThanOrEqual(bin?.from ?? Number.NaN);
      if (hit === result.length - 1) expect(v).toBeLessThanOrEqual(bin?.to ?? Number.NaN);
      else expect(v).toBeLessThan(bin?.to ?? Number.NaN);
    }
  });

  it.each([
    [{ min: 1, max: 5, count: 0 }],
    [{ min: 1, max: 5, count: 1.5 }],
    [{ min: 5, max: 5, count: 2 }],
    [{ min: 5, max: 1, count: 2 }],
    [{ min: Number.NaN, max: 5, count: 2 }],
  ])("refuses %j", (bins) => {
    expect(() => histogram([1], bins)).toThrow(RangeError);
  });
});
