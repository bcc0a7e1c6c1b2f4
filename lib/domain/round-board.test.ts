import { describe, expect, it } from "vitest";
import { RoundBoard } from "./round-board";

describe("RoundBoard", () => {
  it("sums first ratings and replaces changed ones", () => {
    const b = new RoundBoard();
    b.apply({ raterId: "r1", targetId: "t", dimension: "a", score: 5 });
    b.apply({ raterId: "r2", targetId: "t", dimension: "a", score: 3 });
    b.apply({ raterId: "r1", targetId: "t", dimension: "b", score: 1 });
    expect(b.aggregate("t", "T")).toEqual({
      participantId: "t",
      displayName: "T",
      distinctRaters: 2,
      dimensions: { a: { sum: 8, count: 2 }, b: { sum: 1, count: 1 } },
    });
    b.apply({ raterId: "r1", targetId: "t", dimension: "a", score: 2 }); // change: latest counts
    expect(b.aggregate("t", "T").dimensions.a).toEqual({ sum: 5, count: 2 });
    expect(b.totalRatings).toBe(3);
  });

  it("counts distinct raters, not ratings", () => {
    const b = new RoundBoard();
    for (const dimension of ["a", "b", "c"]) b.apply({ raterId: "r1", targetId: "t", dimension, score: 4 });
    expect(b.aggregate("t", "T").distinctRaters).toBe(1);
  });

  it("removing a rater takes back everything they gave", () => {
    const b = new RoundBoard();
    b.apply({ raterId: "r1", targetId: "t", dimension: "a", score: 5 });
    b.apply({ raterId: "r1", targetId: "u", dimension: "a", score: 1 });
    b.apply({ raterId: "r2", targetId: "t", dimension: "a", score: 3 });
    b.removeRater("r1");
    expect(b.aggregate("t", "T")).toMatchObject({ distinctRaters: 1, dimensions: { a: { sum: 3, count: 1 } } });
    expect(b.aggregate("u", "U")).toMatchObject({ distinctRaters: 0, dimensions: {} });
    expect(b.totalRatings).toBe(1);
    expect(b.givenBy("r1")).toEqual({});
  });

  it("reports what a rater gave and how many colleagues they rated", () => {
    const b = new RoundBoard();
    b.apply({ raterId: "r", targetId: "t", dimension: "a", score: 5 });
    b.apply({ raterId: "r", targetId: "t", dimension: "b", score: 4 });
    b.apply({ raterId: "r", targetId: "u", dimension: "a", score: 2 });
    expect(b.givenBy("r")).toEqual({ t: { a: 5, b: 4 }, u: { a: 2 } });
    expect(b.ratedCount("r")).toBe(2);
    expect(b.ratedCount("nobody")).toBe(0);
  });

  it("an unknown target aggregates to nothing", () => {
    expect(new RoundBoard().aggregate("x", "X")).toEqual({ participantId: "x", displayName: "X", distinctRaters: 0, dimensions: {} });
  });
});
