import { describe, expect, it } from "vitest";
import { DEFAULT_NORM, isStakhanovite, median, normForRound, percentOfNorm, topShareMean } from "./norm";

describe("norm arithmetic", () => {
  it.each([
    [[], null],
    [[3], 3],
    [[1, 5], 3],
    [[4, 1, 3], 3],
    [[1, 2, 3, 10], 2.5],
  ])("median(%j) = %s", (values, expected) => expect(median(values)).toBe(expected));

  it.each([
    [[], null],
    [[2], 2],
    [[1, 2, 3, 4, 5], 5], // ceil(5 × .2) = 1 person
    [[1, 2, 3, 4, 5, 6], 5.5], // ceil(6 × .2) = 2 → (6 + 5) / 2
    [[5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 4], 14 / 3], // 11 people → 3 best: 5, 5, 4
  ])("topShareMean(%j) = %s", (values, expected) => expect(topShareMean(values)).toBeCloseTo(expected as number, 10));

  it("Stakhanov's 102 tonnes against a norm of 7 is 1457%", () => {
    expect(percentOfNorm(102, 7)).toBe(1457);
    expect(isStakhanovite(1457, 125)).toBe(true);
    expect(isStakhanovite(percentOfNorm(3.74, 3), 125)).toBe(true); // 125%
    expect(isStakhanovite(percentOfNorm(3.7, 3), 125)).toBe(false); // 123%
  });

  it.each([
    ["first round, median mode: no norm yet", DEFAULT_NORM, [], null, null],
    ["median of the previous round", DEFAULT_NORM, [2, 3, 4.5], null, 3],
    ["fixed value", { ...DEFAULT_NORM, mode: "fixed" as const, fixedValue: 3.2 }, [1, 5], null, 3.2],
    ["ratchet: the mean of the previous top 20%", { ...DEFAULT_NORM, ratchet: true }, [1, 2, 3, 4, 5], 3, 5],
    ["ratchet never falls", { ...DEFAULT_NORM, ratchet: true }, [1, 2, 3, 3.5, 4], 4.5, 4.5],
    ["ratchet on a fixed first norm", { ...DEFAULT_NORM, mode: "fixed" as const, fixedValue: 3, ratchet: true }, [2, 3.9, 4.1, 2, 2, 2, 2, 2, 2, 2], 3, 4],
  ])("%s", (_label, config, previous, previousNorm, expected) => {
    expect(normForRound(config, previous, previousNorm)).toBe(expected);
  });
});
