import { describe, expect, it } from "vitest";
import { assignBands, bandSizes, DISTRIBUTION_PRESETS, validateBands, type Band } from "./forced-distribution";

const vitality = DISTRIBUTION_PRESETS[0]!.bands;
const civil = DISTRIBUTION_PRESETS[1]!.bands;

describe("bandSizes", () => {
  it.each([
    [1, [1, 0, 0]],
    [2, [1, 0, 1]],
    [3, [1, 1, 1]],
    [4, [1, 2, 1]],
    [5, [1, 3, 1]],
    [6, [1, 4, 1]],
    [7, [1, 5, 1]],
    [8, [1, 6, 1]], // quotas 1.6 / 5.6 / 0.8 → 1,5,1 (bottom raised to 1, nothing left of its quota); the last seat: top and middle both .6 short, the larger percentage (middle) wins
    [10, [2, 7, 1]],
    [20, [4, 14, 2]],
    [50, [10, 35, 5]],
  ])("vitality curve with %i people → %j", (n, expected) => {
    expect(bandSizes(n, vitality)).toEqual(expected);
  });

  it("always sums to n, never leaves a band empty once n ≥ bands, and stays within one seat of the quota for n = 1..50 under every preset", () => {
    const custom: Band[] = [
      { name: "A", percent: 5 },
      { name: "B", percent: 15 },
      { name: "C", percent: 60 },
      { name: "D", percent: 15 },
      { name: "E", percent: 5 },
    ];
    for (const bands of [vitality, civil, custom]) {
      for (let n = 1; n <= 50; n++) {
        const sizes = bandSizes(n, bands);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        if (n >= bands.length) expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
        sizes.forEach((size, i) => {
          const quota = (bands[i]!.percent * n) / 100;
          // One seat of slack for rounding, plus the guaranteed minimum of one.
          expect(size).toBeLessThanOrEqual(Math.max(1, Math.ceil(quota)) + 1);
          // Seats given to raise small bands to one come out of the others: at most one each.
          if (n >= bands.length) expect(size).toBeGreaterThanOrEqual(Math.floor(quota) - (bands.length - 1));
        });
      }
    }
  });

  it("fills the extremes first when there are fewer people than bands", () => {
    const five: Band[] = ["A", "B", "C", "D", "E"].map((name) => ({ name, percent: 20 }));
    expect(bandSizes(1, five)).toEqual([1, 0, 0, 0, 0]);
    expect(bandSizes(2, five)).toEqual([1, 0, 0, 0, 1]);
    expect(bandSizes(3, five)).toEqual([1, 1, 0, 0, 1]);
    expect(bandSizes(4, five)).toEqual([1, 1, 0, 1, 1]);
  });

  it("civil service 25/65/10 with 12 people", () => {
    // quotas 3 / 7.8 / 1.2 → floors 3,7,1 = 11; the remaining seat by largest remainder (.8) → middle
    expect(bandSizes(12, civil)).toEqual([3, 8, 1]);
  });

  it("gives nothing for an empty group", () => {
    expect(bandSizes(0, vitality)).toEqual([0, 0, 0]);
  });
});

describe("assignBands (ties go whole to the lower band)", () => {
  const names = (a: { band: number }[]) => a.map((x) => x.band);
  it.each([
    // 10 people, sizes 2/7/1
    ["no ties", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 0, 1, 1, 1, 1, 1, 1, 1, 2]],
    ["tie across the top boundary goes down", [1, 2, 2, 4, 5, 6, 7, 8, 9, 10], [0, 1, 1, 1, 1, 1, 1, 1, 1, 2]],
    ["tie across the bottom boundary goes down", [1, 2, 3, 4, 5, 6, 7, 8, 9, 9], [0, 0, 1, 1, 1, 1, 1, 1, 2, 2]],
    ["tie at the very top swallows the top band", [1, 1, 1, 4, 5, 6, 7, 8, 9, 10], [1, 1, 1, 1, 1, 1, 1, 1, 1, 2]],
    ["everybody tied: all in the bottom band", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]],
  ])("%s", (_label, ranks, expected) => {
    expect(names(assignBands(ranks, vitality))).toEqual(expected);
  });

  it("names each band", () => {
    expect(assignBands([1, 2, 3], vitality).map((a) => a.name)).toEqual(["Top 20%", "Vital 70%", "Bottom 10%"]);
  });
});

describe("validateBands", () => {
  it.each([
    [vitality, null],
    [[{ name: "A", percent: 50 }, { name: "B", percent: 50 }], null],
    [[{ name: "A", percent: 100 }], "A distribution needs 2 to 5 bands."],
    [[{ name: "A", percent: 50 }, { name: "B", percent: 40 }], "Band percentages must add up to 100."],
    [[{ name: " ", percent: 50 }, { name: "B", percent: 50 }], "Every band needs a name."],
    [[{ name: "A", percent: 99.5 }, { name: "B", percent: 0.5 }], "Band percentages must be whole numbers from 1 to 98."],
  ])("%j → %j", (bands, message) => {
    expect(validateBands(bands)).toBe(message);
  });
});
