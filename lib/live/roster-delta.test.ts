import { describe, expect, it } from "vitest";
import { applyRosterDelta, rosterDelta, type RosterSnapshot } from "./roster-delta";

const roster = (rev: number, people: [string, string][]): RosterSnapshot => ({
  rev,
  count: people.length,
  participants: people.map(([id, displayName]) => ({ id, displayName })),
});

describe("roster deltas", () => {
  it("carries newcomers, renames and removals, and nothing about the people who did not change", () => {
    const before = roster(3, [["a", "Ana"], ["b", "Boris"], ["c", "Chen"]]);
    const after = roster(4, [["a", "Ana"], ["c", "Synergy Gecko"], ["d", "Dmitri"], ["e", "Elena"]]);
    const delta = rosterDelta(before, after);
    expect(delta).toEqual({
      from: 3,
      rev: 4,
      count: 4,
      added: [{ id: "d", displayName: "Dmitri" }, { id: "e", displayName: "Elena" }],
      renamed: [{ id: "c", displayName: "Synergy Gecko" }],
      removed: ["b"],
    });
    expect(applyRosterDelta(before, delta!)).toEqual(after);
  });

  it("gives up (null: send the whole roster) when someone comes back to their old place in the join order", () => {
    const before = roster(1, [["a", "Ana"], ["c", "Chen"]]);
    const after = roster(2, [["a", "Ana"], ["b", "Boris"], ["c", "Chen"]]);
    expect(rosterDelta(before, after)).toBeNull();
  });

  it("refuses a delta that does not start from the roster the screen has", () => {
    const r1 = roster(1, [["a", "Ana"]]);
    const r2 = roster(2, [["a", "Ana"], ["b", "Boris"]]);
    const r3 = roster(3, [["a", "Ana"], ["b", "Boris"], ["c", "Chen"]]);
    expect(applyRosterDelta(r1, rosterDelta(r2, r3)!)).toBeNull();
    expect(applyRosterDelta(null, rosterDelta(r1, r2)!)).toBeNull();
  });

  it("rebuilds every roster of a random room filling up, renaming and losing people, from the first and the deltas", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let people: [string, string][] = [];
    let next = 0;
    let server = roster(1, people);
    let screen: RosterSnapshot | null = server;
    let fulls = 0;
    for (let rev = 2; rev < 400; rev++) {
      const r = random();
      if (r < 0.6 || people.length === 0) people = [...people, [`p${next}`, `Person ${next++}`]];
      else if (r < 0.8) {
        const i = Math.floor(random() * people.length);
        people = people.map((p, j) => (j === i ? [p[0], `${p[1]}'`] : p));
      } else if (r < 0.95) people = people.filter((_, j) => j !== Math.floor(random() * people.length));
      else {
        // Someone restored to their old place: not expressible as appends.
        const i = Math.floor(random() * (people.length + 1));
        people = [...people.slice(0, i), [`p${next}`, `Person ${next++}`], ...people.slice(i)];
      }
      const after = roster(rev, people);
      const delta = rosterDelta(server, after);
      if (delta) screen = applyRosterDelta(screen, delta);
      else {
        fulls += 1;
        screen = after;
      }
      expect(screen).toEqual(after);
      server = after;
    }
    expect(fulls).toBeGreaterThan(0);
    expect(fulls).toBeLessThan(50);
  });
});
