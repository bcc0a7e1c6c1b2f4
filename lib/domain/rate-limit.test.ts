import { describe, expect, it } from "vitest";
import { RateLimiter, retryAfterSeconds } from "./rate-limit";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("allows `limit` hits per window, then refuses with the time left", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, c.now);
    expect(limiter.hit("k")).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(limiter.hit("k").remaining).toBe(1);
    expect(limiter.hit("k").remaining).toBe(0);
    c.advance(20_000);
    expect(limiter.hit("k")).toEqual({ allowed: false, remaining: 0, retryAfterMs: 40_000 });
  });

  it("opens again when the window has passed", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_000 }, c.now);
    expect(limiter.hit("k").allowed).toBe(true);
    expect(limiter.hit("k").allowed).toBe(false);
    c.advance(999);
    expect(limiter.hit("k").allowed).toBe(false);
    c.advance(1);
    expect(limiter.hit("k").allowed).toBe(true);
  });

  it("keeps keys apart", () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_000 }, clock().now);
    expect(limiter.hit("a").allowed).toBe(true);
    expect(limiter.hit("b").allowed).toBe(true);
    expect(limiter.hit("a").allowed).toBe(false);
  });

  it("peek does not count an attempt", () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000 }, clock().now);
    limiter.peek("k");
    limiter.peek("k");
    expect(limiter.peek("k")).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    limiter.hit("k");
    limiter.hit("k");
    expect(limiter.peek("k").allowed).toBe(false);
  });

  it("reset forgets a key", () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_000 }, clock().now);
    limiter.hit("k");
    limiter.reset("k");
    expect(limiter.hit("k").allowed).toBe(true);
  });

  it("drops expired buckets so memory stays bounded", () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 5, windowMs: 1_000 }, c.now);
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`);
    expect(limiter.size).toBe(100);
    c.advance(1_000);
    limiter.hit("fresh");
    expect(limiter.size).toBe(1);
  });

  it("rejects nonsense rules", () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1 })).toThrow();
    expect(() => new RateLimiter({ limit: 1, windowMs: 0 })).toThrow();
  });
});

describe("retryAfterSeconds", () => {
  it.each([
    [0, 1],
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [90_000, 90],
  ])("%i ms → %i s", (ms, s) => {
    expect(retryAfterSeconds(ms)).toBe(s);
  });
});
