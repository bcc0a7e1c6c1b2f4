import { describe, expect, it } from "vitest";
import { checkQuota, topScoreLimit, topScoresUsed } from "./quota";

describe("quota ballots", () => {
  it.each([
    [1, 0.2, 1],
    [4, 0.2, 1],
    [5, 0.2, 1],
    [9, 0.2, 1],
    [10, 0.2, 2],
    [24, 0.2, 4],
    [10, 0.5, 5],
  ])("%i colleagues, share %s → at most %i top scores", (colleagues, share, limit) => {
    expect(topScoreLimit(colleagues, share)).toBe(limit);
  });

  const given = new Map([
    ["a", 5],
    ["b", 5],
    ["c", 3],
  ]);

  it("counts top scores, except for the colleague being re-rated", () => {
    expect(topScoresUsed(given, 5)).toBe(2);
    expect(topScoresUsed(given, 5, "a")).toBe(1);
  });

  it("refuses a top score over the limit, allows others and re-rating within it", () => {
    expect(checkQuota(given, "c", 5, 5, 2)).toEqual({ ok: false, used: 2 });
    expect(checkQuota(given, "c", 4, 5, 2)).toEqual({ ok: true });
    expect(checkQuota(given, "a", 5, 5, 2)).toEqual({ ok: true }); // a already had a 5
    expect(checkQuota(given, "d", 5, 5, 3)).toEqual({ ok: true });
  });
});
