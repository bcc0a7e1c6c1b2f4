import { describe, expect, it } from "vitest";
import { RevengeTracker } from "./revenge";

const e = (participantId: string, rank: number | null, score: number | null) => ({ participantId, rank, score });

describe("RevengeTracker", () => {
  it("holds no grudge on first sight", () => {
    const t = new RevengeTracker("me");
    expect(t.observe([e("a", 1, 4.5), e("b", 2, 4)])).toEqual([]);
    expect(t.grudge("a")).toBe(0);
  });

  it("resents a colleague whose rank or score rose", () => {
    const t = new RevengeTracker("me");
    t.observe([e("a", 3, 3.5), e("b", 2, 4)]);
    expect(t.observe([e("a", 2, 3.5), e("b", 3, 4)])).toEqual(["a"]);
    expect(t.grudge("a")).toBe(1);
    expect(t.grudge("b")).toBe(0);
    t.observe([e("a", 2, 3.9)]); // same rank, higher score
    expect(t.grudge("a")).toBe(2);
  });

  it("resents more a colleague who overtook it", () => {
    const t = new RevengeTracker("me");
    t.observe([e("a", 5, 3), e("me", 3, 3.5)], 3);
    t.observe([e("a", 2, 3.8), e("me", 3, 3.5)], 3);
    expect(t.grudge("a")).toBe(2);
  });

  it("softens when a colleague falls, and caps the grudge", () => {
    const t = new RevengeTracker("me", 3);
    t.observe([e("a", 9, 2)]);
    for (let rank = 8; rank >= 1; rank--) t.observe([e("a", rank, 2 + (9 - rank) * 0.1)]);
    expect(t.grudge("a")).toBe(3);
    t.observe([e("a", 4, 2.1)]);
    expect(t.grudge("a")).toBe(2);
    expect(t.resented()).toEqual([{ participantId: "a", grudge: 2 }]);
  });

  it("ignores itself, unranked entries and repeated snapshots", () => {
    const t = new RevengeTracker("me");
    t.observe([e("me", 4, 3), e("a", null, null)]);
    t.observe([e("me", 1, 5), e("a", null, null)]);
    t.observe([e("a", 3, 4)]); // first ranked sight is not a rise
    t.observe([e("a", 3, 4)]);
    expect(t.grudge("me")).toBe(0);
    expect(t.grudge("a")).toBe(0);
    expect(t.resented()).toEqual([]);
  });
});
