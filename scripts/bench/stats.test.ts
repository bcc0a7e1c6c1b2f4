import { describe, expect, it } from "vitest";
import { percentile, perSecond, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

  it("picks the smallest sample with at least p% of the samples at or below it", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0.5)).toBe(1);
  });

  it("never interpolates: small samples answer with one of their values", () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
  });

  it("a single slow request out of 100 is not the p99, two are", () => {
    const one = [...Array.from({ length: 99 }, () => 10), 1000];
    expect(percentile(one, 99)).toBe(10);
    const two = [...Array.from({ length: 98 }, () => 10), 1000, 1000];
    expect(percentile(two, 99)).toBe(1000);
  });

  it("is null for no samples and refuses nonsense", () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("sorts, rounds to 0.1 ms and reports the usual figures", () => {
    const s = summarize([3.14159, 1, 2, 100, 4]);
    expect(s).toEqual({ count: 5, min: 1, mean: 22, p50: 3.1, p95: 100, p99: 100, max: 100 });
  });

  it("handles no samples", () => {
    expect(summarize([])).toEqual({ count: 0, min: null, mean: null, p50: null, p95: null, p99: null, max: null });
  });
});

describe("perSecond", () => {
  it("rates a count over milliseconds", () => {
    expect(perSecond(12_000, 60_000)).toBe(200);
    expect(perSecond(1, 3)).toBe(333.3);
    expect(perSecond(5, 0)).toBe(0);
  });
});
