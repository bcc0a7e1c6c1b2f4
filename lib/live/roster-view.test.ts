import { describe, expect, it } from "vitest";
import { mergeRoster, rosterPayload, type ControlPerson } from "./roster-view";

const person = (id: string, displayName: string, status = "active"): ControlPerson => ({
  id,
  displayName,
  status,
  connected: true,
  ratedCount: 2,
  joinedDuringRound: null,
  joinedAt: "2026-01-01T00:00:00.000Z",
});

describe("the live roster", () => {
  it("carries ids and names only, in order, with the count", () => {
    expect(rosterPayload([{ id: "a", displayName: "Ana", tokenHash: "secret" } as { id: string; displayName: string }], 4)).toEqual({
      rev: 4,
      count: 1,
      participants: [{ id: "a", displayName: "Ana" }],
    });
  });

  it.each([
    { name: "no roster yet: the control payload as it is", roster: null, expected: [["a", "Ana", "active", 2]] },
    { name: "a rename", roster: [["a", "Synergy Gecko"]], expected: [["a", "Synergy Gecko", "active", 2]] },
    { name: "a newcomer, no count yet", roster: [["a", "Ana"], ["b", "Boris"]], expected: [["a", "Ana", "active", 2], ["b", "Boris", "active", null]] },
    { name: "someone removed", roster: [], expected: [["a", "Ana", "kicked", 2]] },
  ])("$name", ({ roster, expected }) => {
    const merged = mergeRoster([person("a", "Ana")], roster ? { rev: 1, count: roster.length, participants: roster.map(([id, displayName]) => ({ id: id!, displayName: displayName! })) } : null, null);
    expect(merged.map((p) => [p.id, p.displayName, p.status, p.ratedCount])).toEqual(expected);
  });

  it("marks a newcomer during an open round as joined in that round, and keeps the removed as they were", () => {
    const merged = mergeRoster([person("x", "Xena", "banned")], { rev: 2, count: 1, participants: [{ id: "n", displayName: "Nina" }] }, 3);
    expect(merged.map((p) => [p.id, p.status, p.joinedDuringRound])).toEqual([
      ["x", "banned", null],
      ["n", "active", 3],
    ]);
  });
});
