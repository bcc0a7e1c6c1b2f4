import { describe, expect, it } from "vitest";
import { SignInGate } from "./sign-in-gate";

function gate() {
  let t = 0;
  const g = new SignInGate(undefined, () => t);
  return { g, advance: (ms: number) => (t += ms) };
}

describe("SignInGate", () => {
  it("20 parallel attempts for one account: at most 2 are checked, none after the 5th count", () => {
    const { g } = gate();
    const admitted = Array.from({ length: 20 }, () => g.admit("a@x.test", "10.0.0.1")).filter((d) => d.allowed);
    expect(admitted.length).toBe(2);
    expect(g.running("a@x.test")).toBe(2);
  });

  it("attempts count when they start: a 6th sequential wrong attempt is refused before any check", () => {
    const { g } = gate();
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = g.admit("a@x.test", "10.0.0.1");
      if (!d.allowed) throw new Error(`attempt ${i} refused`);
      remaining.push(d.remaining);
      d.release(false);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const sixth = g.admit("a@x.test", "10.0.0.1");
    expect(sixth.allowed).toBe(false);
    if (!sixth.allowed) expect(sixth.retryAfterMs).toBe(15 * 60 * 1000);
  });

  it("a success forgets the address's failures for that account", () => {
    const { g } = gate();
    for (let i = 0; i < 4; i++) (g.admit("a@x.test", "10.0.0.1") as { release: (ok: boolean) => void }).release(false);
    (g.admit("a@x.test", "10.0.0.1") as { release: (ok: boolean) => void }).release(true);
    const next = g.admit("a@x.test", "10.0.0.1");
    expect(next.allowed && next.remaining).toBe(4);
  });

  it("a guesser from one address does not lock the owner out from another", () => {
    const { g } = gate();
    for (let i = 0; i < 5; i++) (g.admit("a@x.test", "6.6.6.6") as { release: (ok: boolean) => void }).release(false);
    expect(g.admit("a@x.test", "6.6.6.6").allowed).toBe(false);
    expect(g.admit("a@x.test", "10.0.0.1").allowed).toBe(true);
  });

  it("unknown and known emails are counted alike, and the lock ends with the window", () => {
    const { g, advance } = gate();
    for (let i = 0; i < 5; i++) (g.admit("nobody@x.test", "10.0.0.1") as { release: (ok: boolean) => void }).release(false);
    expect(g.admit("nobody@x.test", "10.0.0.1").allowed).toBe(false);
    advance(15 * 60 * 1000);
    expect(g.admit("nobody@x.test", "10.0.0.1").allowed).toBe(true);
  });

  it("one address may fail 30 times across accounts", () => {
    const { g } = gate();
    for (let i = 0; i < 30; i++) (g.admit(`p${i}@x.test`, "10.0.0.1") as { release: (ok: boolean) => void }).release(false);
    expect(g.admit("p99@x.test", "10.0.0.1").allowed).toBe(false);
  });
});
