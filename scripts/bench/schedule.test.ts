import { describe, expect, it } from "vitest";
import { dueCount, randomScores, randomTarget, RaterPool, scheduleCount, scheduledOffsetMs } from "./schedule";

/** A deterministic stand-in for Math.random. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("the open-loop schedule", () => {
  it("sends rate × duration requests at fixed intervals", () => {
    expect(scheduleCount(200, 60)).toBe(12_000);
    expect(scheduleCount(20, 10)).toBe(200);
    expect(scheduledOffsetMs(0, 200)).toBe(0);
    expect(scheduledOffsetMs(1, 200)).toBe(5);
    expect(scheduledOffsetMs(11_999, 200)).toBe(59_995);
  });

  it("says how many are due by now, independent of answers", () => {
    expect(dueCount(-1, 200, 100)).toBe(0);
    expect(dueCount(0, 200, 100)).toBe(1); // request 0 at t = 0
    expect(dueCount(4.9, 200, 100)).toBe(1);
    expect(dueCount(5, 200, 100)).toBe(2);
    expect(dueCount(1000, 200, 12_000)).toBe(201);
  });

  it("catches up at once after a late timer, and never passes the total", () => {
    // A timer that fires 300 ms late must release every request due meanwhile.
    expect(dueCount(300, 200, 12_000) - dueCount(0, 200, 12_000)).toBe(60);
    expect(dueCount(60_000, 200, 12_000)).toBe(12_000);
    expect(dueCount(1e9, 200, 12_000)).toBe(12_000);
  });

  it("is exact for rates that are not whole divisors of a second", () => {
    // 3/s: requests at 0, 333.3, 666.7 ms
    expect(dueCount(333, 3, 10)).toBe(1);
    expect(dueCount(333.34, 3, 10)).toBe(2);
    expect(dueCount(1000, 3, 10)).toBe(4);
  });
});

describe("RaterPool", () => {
  it("keeps every rater under its budget per sliding window", () => {
    const pool = new RaterPool(3, 2, 10_000);
    const picks = Array.from({ length: 6 }, () => pool.roundRobin(0));
    expect(picks).toEqual([0, 1, 2, 0, 1, 2]);
    expect(pool.roundRobin(100)).toBe(-1); // everybody used 2 of 2
    expect(pool.roundRobin(10_000)).toBe(0); // the window moved on
  });

  it("random picks spread over raters and skip the full ones", () => {
    const pool = new RaterPool(4, 1, 1_000);
    const random = seeded(7);
    const picks = new Set(Array.from({ length: 4 }, () => pool.random(0, random)));
    expect(picks).toEqual(new Set([0, 1, 2, 3]));
    expect(pool.random(1, random)).toBe(-1);
    expect(pool.skipped).toBeGreaterThan(0);
  });

  it("needs two people", () => {
    expect(() => new RaterPool(1, 1, 1)).toThrow(RangeError);
  });
});

describe("randomTarget", () => {
  it("never picks the rater and reaches everybody else", () => {
    const random = seeded(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(randomTarget(3, 6, random));
    expect(seen).toEqual(new Set([0, 1, 2, 4, 5]));
  });

  it("copes with random() at its edges", () => {
    expect(randomTarget(0, 2, () => 0)).toBe(1);
    expect(randomTarget(1, 2, () => 0.9999999)).toBe(0);
  });
});

describe("randomScores", () => {
  const dims = ["potential", "talent", "creativity", "innovation", "passion-commitment", "continuous-learning", "personal-growth"];

  it("scores 1 to 3 distinct known dimensions with whole numbers in the scale", () => {
    const random = seeded(42);
    const sizes = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const scores = randomScores(dims, random, 1, 5);
      const keys = Object.keys(scores);
      sizes.add(keys.length);
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(keys.length).toBeLessThanOrEqual(3);
      for (const k of keys) expect(dims).toContain(k);
      for (const v of Object.values(scores)) {
        expect(Number.isInteger(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(1);
        expect(v).toBeLessThanOrEqual(5);
      }
    }
    expect(sizes).toEqual(new Set([1, 2, 3]));
  });

  it("uses fewer dimensions when the session has fewer", () => {
    expect(Object.keys(randomScores(["only"], () => 0.99))).toEqual(["only"]);
  });
});
