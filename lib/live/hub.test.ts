// Integration test of the session hub against a real temporary SQLite file:
// the publish cadence, removed raters, and recovery from the database.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSession, withTempDatabase } from "./test-session";

withTempDatabase("hub");

type HubModule = typeof import("./hub");
let hubModule: HubModule;
let code: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  hubModule = await import("./hub");
  const session = await createTestSession({
    title: "Hub test",
    names: ["P1", "P2", "P3", "P4"],
    k: 2,
    dimensions: [
      { key: "a", label: "A" },
      { key: "b", label: "B" },
    ],
  });
  code = session.code;
  Object.assign(ids, session.ids);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SessionHub", () => {
  it("publishes coalesced leaderboard snapshots at most every 250 ms, never one per rating", async () => {
    const hub = (await hubModule.getHub(code))!;
    await hub.act({ type: "open-round" });
    const boards: number[] = [];
    const off = hubModule.publisher().subscribe(hub.channel, (e) => {
      if (e.kind === "board") boards.push(Date.now());
    });
    const p = (name: string) => hub.participant(ids[name]!)!;
    const started = Date.now();
    let last = 0;
    for (let i = 0; i < 200; i++) {
      const rater = p(["P1", "P2", "P3"][i % 3]!);
      const target = rater.id === ids.P4 ? ids.P1! : ids.P4!;
      last = (await hub.rate(rater, target, { a: 1 + (i % 5) })).version;
      if (i % 20 === 0) await sleep(20);
    }
    // Released on the release clock's next tick (1–1.5 s here), not per rating.
    await vi.waitFor(() => expect(hub.boardPayload("full").version).toBeGreaterThanOrEqual(last), { timeout: 4000, interval: 50 });
    off();
    const elapsed = Date.now() - started;
    expect(boards.length).toBeGreaterThan(0);
    expect(boards.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    for (let i = 1; i < boards.length; i++) expect(boards[i]! - boards[i - 1]!).toBeGreaterThanOrEqual(240);
    // The version promised to the last rater has been published.
    expect(hub.boardPayload("full").version).toBeGreaterThanOrEqual(last);
  });

  it("scores P4 from three raters; a removed rater's ratings keep counting until the round ends", async () => {
    const hub = (await hubModule.getHub(code))!;
    const entry = () => hub.boardPayload("full").entries.find((e) => e.participantId === ids.P4);
    // Last scores: P1, P2, P3 each rated P4 on "a"; the loop ended with i=199 → P2 gave 5, i=198 → P1 gave 4, i=197 → P3 gave 3.
    // Three new raters: released on the next tick of the release clock.
    await vi.waitFor(() => expect(entry()?.score).toBe(4), { timeout: 4000, interval: 100 });
    await hub.removeParticipant(ids.P3!, "kicked");
    await sleep(300);
    // Taking P3's ratings out now would move exactly the scores P3 gave, telling the room whom P3 rated.
    expect(entry()?.score).toBe(4);
    expect(hub.boardPayload("full").entries.find((e) => e.participantId === ids.P3)).toBeUndefined();
  });

  it("rebuilds the same state from the database after a restart", async () => {
    const before = (await hubModule.getHub(code))!.boardPayload("full").entries.map((e) => [e.participantId, e.score]);
    await hubModule.dropHub(code);
    const reloaded = (await hubModule.getHub(code))!;
    expect(reloaded.state().phase).toBe("round_open");
    expect(reloaded.boardPayload("full").entries.map((e) => [e.participantId, e.score])).toEqual(before);
  });

  it("refuses ratings outside an open round and for unknown targets", async () => {
    const hub = (await hubModule.getHub(code))!;
    const p1 = hub.participant(ids.P1!)!;
    await expect(hub.rate(p1, "nobody", { a: 3 })).rejects.toThrow(/not in this session/);
    await expect(hub.rate(p1, ids.P2!, { zz: 3 })).rejects.toThrow(/Unknown dimension/);
    await hub.act({ type: "close-round" });
    await expect(hub.rate(p1, ids.P2!, { a: 3 })).rejects.toThrow(/closed/);
    await expect(hub.act({ type: "close-round" })).rejects.toThrow(/already closed/);
  });
});
