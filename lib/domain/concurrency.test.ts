import { describe, expect, it } from "vitest";
import { acquireAll, ConcurrencyLimiter } from "./concurrency";

describe("ConcurrencyLimiter", () => {
  it.each([
    [1, 3, 1],
    [3, 40, 3],
    [5, 2, 2],
  ])("limit %i, %i attempts → %i open", (limit, attempts, expected) => {
    const l = new ConcurrencyLimiter(limit);
    const got = Array.from({ length: attempts }, () => l.tryAcquire("k")).filter(Boolean);
    expect(got.length).toBe(expected);
    expect(l.count("k")).toBe(expected);
  });

  it("a released slot can be taken again; double release gives back one slot", () => {
    const l = new ConcurrencyLimiter(1);
    const release = l.tryAcquire("k")!;
    expect(l.tryAcquire("k")).toBeNull();
    release();
    release();
    expect(l.count("k")).toBe(0);
    expect(l.size).toBe(0);
    expect(l.tryAcquire("k")).not.toBeNull();
    expect(l.tryAcquire("k")).toBeNull();
  });

  it("keys are independent", () => {
    const l = new ConcurrencyLimiter(1);
    expect(l.tryAcquire("a")).not.toBeNull();
    expect(l.tryAcquire("b")).not.toBeNull();
  });
});

describe("acquireAll", () => {
  it("takes all slots or none", () => {
    const perIdentity = new ConcurrencyLimiter(3);
    const perAddress = new ConcurrencyLimiter(1);
    const first = acquireAll([[perIdentity, "p1"], [perAddress, "10.0.0.1"]]);
    expect(first).not.toBeNull();
    expect(acquireAll([[perIdentity, "p1"], [perAddress, "10.0.0.1"]])).toBeNull();
    expect(perIdentity.count("p1")).toBe(1); // the refused attempt gave its identity slot back
    first!();
    expect(perIdentity.count("p1")).toBe(0);
    expect(perAddress.count("10.0.0.1")).toBe(0);
  });
});
