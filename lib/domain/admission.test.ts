import { describe, expect, it } from "vitest";
import { capAllowed, seatAvailable, SESSION_JOIN_RATE, sessionRejoinRate, TokenBucket } from "./admission";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TokenBucket", () => {
  it("lets a burst through at once, then refuses with the time to the next token", () => {
    const c = clock();
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, c.now);
    expect([1, 2, 3].map(() => bucket.take("s").allowed)).toEqual([true, true, true]);
    expect(bucket.take("s")).toEqual({ allowed: false, remaining: 0, retryAfterMs: 500 });
    c.advance(250);
    expect(bucket.take("s")).toEqual({ allowed: false, remaining: 0, retryAfterMs: 250 });
    c.advance(250);
    expect(bucket.take("s").allowed).toBe(true);
  });

  it.each([
    // [what, arrivals per second, seconds, refused]
    ["a hall at twice the sustained rate for 2 s: the burst absorbs it", 2, 2, 0],
    // 10 arrivals 0.1 s apart: the burst of 3, then 0.9 s of refill is less than one more token
    ["a flood at 10× for 1 s: the burst and the refill, nothing more", 10, 1, 7],
    ["a flood at 10× for 3 s: the burst plus 2.9 s of refill", 10, 3, 30 - 3 - 2],
  ])("%s", (_what, perSecond, seconds, refused) => {
    const c = clock();
    const bucket = new TokenBucket({ burst: 3, perSecond: 1 }, c.now);
    let no = 0;
    for (let i = 0; i < perSecond * seconds; i++) {
      c.advance(1000 / perSecond);
      if (!bucket.take("s").allowed) no += 1;
    }
    expect(no).toBe(refused);
  });

  it("keeps keys (sessions) apart", () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, clock().now);
    expect(bucket.take("a").allowed).toBe(true);
    expect(bucket.take("b").allowed).toBe(true);
    expect(bucket.take("a").allowed).toBe(false);
  });

  it("refund gives a token back, never above the burst", () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 0.001 }, clock().now);
    bucket.refund("a");
    expect(bucket.take("a").allowed).toBe(true);
    expect(bucket.take("a").allowed).toBe(false);
    bucket.refund("a");
    bucket.refund("a");
    expect(bucket.take("a").allowed).toBe(true);
    expect(bucket.take("a").allowed).toBe(false);
  });

  it("drops refilled buckets so memory stays bounded", () => {
    const c = clock();
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, c.now);
    for (let i = 0; i < 50; i++) bucket.take(`k${i}`);
    expect(bucket.size).toBe(50);
    c.advance(2_000);
    bucket.take("other");
    expect(bucket.size).toBe(1);
  });

  it("the session join rate admits 2,000 phones in well under 60 s and holds a flood to the rate", () => {
    const c = clock();
    const bucket = new TokenBucket(SESSION_JOIN_RATE, c.now);
    // 2,000 phones arriving evenly over 30 s (67 a second): none refused.
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      c.advance(15);
      if (!bucket.take("hall").allowed) refused += 1;
    }
    expect(refused).toBe(0);
    // 10,000 requests within one second: the burst plus one second of refill.
    c.advance(60_000);
    let admitted = 0;
    for (let i = 0; i < 10_000; i++) {
      c.advance(0.1);
      if (bucket.take("hall").allowed) admitted += 1;
    }
    // (floating-point refill may leave the very last token a hair short)
    expect(admitted).toBeGreaterThanOrEqual(SESSION_JOIN_RATE.burst + SESSION_JOIN_RATE.perSecond - 1);
    expect(admitted).toBeLessThanOrEqual(SESSION_JOIN_RATE.burst + SESSION_JOIN_RATE.perSecond);
  });

  it.each([
    [{ burst: 0, perSecond: 1 }],
    [{ burst: 1, perSecond: 0 }],
    [{ burst: Number.NaN, perSecond: 1 }],
  ])("refuses a rule that admits nothing: %o", (rule) => {
    expect(() => new TokenBucket(rule)).toThrow();
  });
});

describe("seatAvailable", () => {
  it.each([
    // [seated, pending, cap, ok]
    [0, 0, 5_000, true],
    [4_999, 0, 5_000, true],
    [5_000, 0, 5_000, false],
    [4_990, 10, 5_000, false],
    [4_989, 10, 5_000, true],
    [2, 0, 2, false],
  ])("%i seated + %i joining, cap %i → %s", (seated, pending, cap, ok) => {
    const decision = seatAvailable(seated, pending, cap);
    expect(decision.ok).toBe(ok);
    if (!decision.ok) expect(decision.message).toContain(cap.toLocaleString("en-US"));
  });
});

describe("capAllowed", () => {
  it.each([
    [10, 3, true],
    [3, 3, true],
    [2, 3, false],
  ])("cap %i with %i seated → %s", (cap, seated, ok) => {
    expect(capAllowed(cap, seated).ok).toBe(ok);
  });
});

describe("sessionRejoinRate", () => {
  it("lets a whole room of 2,000 rejoin after a blip even when the server answers 300 a second", () => {
    let t = 0;
    const bucket = new TokenBucket(sessionRejoinRate(), () => t);
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      t += 1000 / 300;
      if (!bucket.take("hall").allowed) refused += 1;
    }
    expect(refused).toBe(0);
  });
});
