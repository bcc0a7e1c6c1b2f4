import { describe, expect, it } from "vitest";
import { blindSpots } from "./blind-spots";

describe("blindSpots", () => {
  const scale = { min: 1, max: 5 }; // a third of the range: 4/3 ≈ 1.33

  it("flags differences of more than a third of the range, in self's order", () => {
    expect(
      blindSpots(
        { a: 5, b: 1, c: 3, d: 5, e: 4, f: 2 },
        { a: 11 / 3, b: 3, c: null, d: 3.6, f: 2.2 }, // no e
        scale,
      ),
    ).toEqual([
      // a: 5 − 11/3 = 4/3 exactly (in floats a hair more): on the boundary, not flagged
      { dimension: "b", self: 1, others: 3, kind: "hidden-strength" }, // 1 − 3 = −2
      // c: others null; e: others missing → skipped
      { dimension: "d", self: 5, others: 3.6, kind: "blind-spot" }, // 5 − 3.6 = 1.4 > 1.33
      // f: 2 − 2.2 = −0.2
    ]);
  });

  it.each([
    // 1–4: a third of the range is exactly 1
    [4, 3, []],
    [4, 2.99, [{ dimension: "x", self: 4, others: 2.99, kind: "blind-spot" }]],
    [1, 2, []],
    [1, 2.01, [{ dimension: "x", self: 1, others: 2.01, kind: "hidden-strength" }]],
  ] as const)("on 1–4, self %d vs others %d", (self, others, expected) => {
    expect(blindSpots({ x: self }, { x: others }, { min: 1, max: 4 })).toEqual(expected);
  });

  it("uses the scale given: on 0–10 the threshold is 10/3 ≈ 3.33", () => {
    expect(blindSpots({ x: 8, y: 8 }, { x: 4.7, y: 4.6 }, { min: 0, max: 10 }).map((s) => s.dimension)).toEqual(["y"]); // 3.3 vs 3.4
  });

  it("returns nothing without common dimensions", () => {
    expect(blindSpots({}, { a: 3 }, scale)).toEqual([]);
    expect(blindSpots({ a: 5 }, {}, scale)).toEqual([]);
  });

  it.each([
    [{ min: 5, max: 5 }],
    [{ min: 5, max: 1 }],
    [{ min: Number.NaN, max: 5 }],
  ])("refuses scale %j", (bad) => {
    expect(() => blindSpots({ a: 5 }, { a: 1 }, bad)).toThrow(RangeError);
  });
});
