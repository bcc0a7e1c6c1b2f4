import { describe, expect, it } from "vitest";
import { nextReleaseDelay, ReleaseGate } from "./release";

const r = (raterId: string, targetId: string, score: number, dimension = "d") => ({ raterId, targetId, dimension, score });
const mean = (gate: ReleaseGate, target: string) => {
  const d = gate.released.aggregate(target, target).dimensions.d;
  return d ? d.sum / d.count : null;
};

describe("ReleaseGate", () => {
  it("holds a single new rater back and releases a colleague once two new raters contributed", () => {
    const gate = new ReleaseGate(2);
    for (const rater of ["a", "b", "c"]) gate.seed(r(rater, "ana", 2));
    gate.apply(r("x", "ana", 5));
    expect(gate.release()).toEqual([]);
    expect(mean(gate, "ana")).toBe(2);
    // The rater's own board has it at once (quota checks, their own screen).
    expect(gate.live.givenBy("x")).toEqual({ ana: { d: 5 } });
    gate.apply(r("y", "ana", 1));
    expect(gate.release()).toEqual(["ana"]);
    expect(mean(gate, "ana")).toBe((2 * 3 + 5 + 1) / 5);
    expect(gate.hasPending).toBe(false);
  });

  it("counts raters, not ratings: one rater changing their mind twice is still one", () => {
    const gate = new ReleaseGate(2);
    gate.apply(r("x", "ana", 5));
    gate.apply(r("x", "ana", 4));
    gate.apply(r("x", "ana", 3, "e"));
    expect(gate.release()).toEqual([]);
    expect(gate.waiting("ana")).toBe(1);
  });

  it("decides per colleague: ratings of different colleagues do not make a batch", () => {
    const gate = new ReleaseGate(2);
    gate.apply(r("x", "ana", 5));
    gate.apply(r("y", "bo", 5));
    expect(gate.release()).toEqual([]);
    gate.apply(r("z", "bo", 3));
    expect(gate.release()).toEqual(["bo"]);
    expect(gate.waiting("ana")).toBe(1);
  });

  it("releases everything at the round's close, however few raters", () => {
    const gate = new ReleaseGate(3);
    gate.apply(r("x", "ana", 5));
    gate.apply(r("y", "bo", 4));
    expect(gate.releaseAll().sort()).toEqual(["ana", "bo"]);
    expect(mean(gate, "ana")).toBe(5);
    expect(gate.hasPending).toBe(false);
  });

  it("releases the latest score of a rater who changed it after an earlier release (a re-rating is a new contribution)", () => {
    const gate = new ReleaseGate(2);
    gate.apply(r("x", "ana", 5));
    gate.apply(r("y", "ana", 5));
    gate.release();
    gate.apply(r("x", "ana", 1));
    expect(gate.release()).toEqual([]);
    expect(mean(gate, "ana")).toBe(5);
    gate.apply(r("y", "ana", 1));
    gate.release();
    expect(mean(gate, "ana")).toBe(1);
    expect(gate.released.aggregate("ana", "ana").distinctRaters).toBe(2);
  });

  it("follows a threshold raised up to k", () => {
    const gate = new ReleaseGate(2);
    gate.setMinNewRaters(3);
    gate.apply(r("x", "ana", 5));
    gate.apply(r("y", "ana", 5));
    expect(gate.release()).toEqual([]);
    gate.apply(r("z", "ana", 5));
    expect(gate.release()).toEqual(["ana"]);
  });
});

describe("nextReleaseDelay", () => {
  it("is the period plus up to a second of jitter, clamped to 1–10 s", () => {
    expect(nextReleaseDelay(2, () => 0)).toBe(2000);
    expect(nextReleaseDelay(2, () => 0.999)).toBeCloseTo(2999, 0);
    expect(nextReleaseDelay(1, () => 0.999)).toBeLessThan(1500);
    expect(nextReleaseDelay(60, () => 0)).toBe(10_000);
    expect(nextReleaseDelay(0, () => 0)).toBe(1000);
  });
});
