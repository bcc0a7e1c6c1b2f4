import { describe, expect, it } from "vitest";
import { reflectionSchema, REFLECTION_ITEMS, summarizeReflections } from "./reflection";

const all = (v: number) => Object.fromEntries(REFLECTION_ITEMS.map((i) => [i.key, v]));

describe("reflection", () => {
  it.each([
    [{ answers: all(3), text: "" }, true],
    [{ answers: all(3) }, true],
    [{ answers: all(0), text: "" }, false],
    [{ answers: all(6), text: "" }, false],
    [{ answers: { ...all(3), extra: 2 }, text: "" }, false],
    [{ answers: { "never-good-enough": 4 }, text: "" }, false],
    [{ answers: all(2), text: "x".repeat(501) }, false],
    [{ answers: all(2), text: "bell\u0007" }, false],
  ])("%# valid=%s", (input, valid) => {
    expect(reflectionSchema.safeParse(input).success).toBe(valid);
  });

  it("summarises each statement: counts, mean and share agreeing", () => {
    const summary = summarizeReflections([all(5), all(4), all(1), { ...all(2), "never-good-enough": 5 }]);
    const first = summary[0]!;
    // never-good-enough: 5, 4, 1, 5 → mean 3.75; agree (≥4): 3 of 4
    expect(first).toMatchObject({ key: "never-good-enough", count: 4, counts: [1, 0, 0, 1, 2], mean: 3.75, agreeShare: 0.75 });
    expect(summary[1]).toMatchObject({ counts: [1, 1, 0, 1, 1], mean: 3, agreeShare: 0.5 });
    expect(summarizeReflections([])[0]).toMatchObject({ count: 0, mean: null, agreeShare: null });
  });
});
