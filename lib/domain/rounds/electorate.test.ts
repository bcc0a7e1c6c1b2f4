import { describe, expect, it } from "vitest";
import { describeSplit, MIN_PUBLISHED_VOTERS, publishedSplit, tallyPublishable } from "./electorate";

describe("small electorates", () => {
  it("publishes a split only from three voters up", () => {
    expect(MIN_PUBLISHED_VOTERS).toBe(3);
    const cases: [number, boolean][] = [
      [0, false],
      [1, false],
      [2, false],
      [3, true],
      [10, true],
    ];
    for (const [voters, ok] of cases) expect(tallyPublishable(voters), `${voters} voters`).toBe(ok);
  });

  it.each([
    // yes, no → published
    [0, 0, { yes: null, no: null }],
    [1, 0, { yes: null, no: null }],
    [0, 2, { yes: null, no: null }],
    [1, 1, { yes: null, no: null }],
    [2, 1, { yes: 2, no: 1 }],
    [0, 3, { yes: 0, no: 3 }],
    [5, 4, { yes: 5, no: 4 }],
  ])("%i yes and %i no publish %o", (yes, no, expected) => {
    expect(publishedSplit(yes, no)).toEqual(expected);
  });

  it("keeps an unknown split unknown", () => {
    expect(publishedSplit(null, 3)).toEqual({ yes: null, no: null });
    expect(publishedSplit(null, null)).toEqual({ yes: null, no: null });
  });
});

describe("describeSplit", () => {
  it("words a published split and a hidden one", () => {
    expect(describeSplit({ yes: 2, no: 1 }, "keep", "let go")).toBe("2 keep / 1 let go");
    expect(describeSplit({ yes: 4, no: 0 }, "for", "against", ", ")).toBe("4 for, 0 against");
    expect(describeSplit({ yes: null, no: null }, "keep", "let go")).toBe("fewer than 3 voters: count not shown");
  });
});
