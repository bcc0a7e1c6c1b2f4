// The live stream's roster over a real hub: the whole roster on connect, then only what changed
// (roster-delta, the same bytes for every connection at one revision); a connection that is behind
// gets, once it caught up, one delta from the revision it has (held frames are coalesced, so a delta
// made earlier would be lost); one too far behind gets the whole roster.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSession, withTempDatabase } from "../live/test-session";
import type { SseSender } from "../live/sse";
import { applyRosterDelta, type RosterDelta, type RosterSnapshot } from "../live/roster-delta";

withTempDatabase("events");

let code: string;
let ids: Record<string, string>;
let openEvents: typeof import("./events").openEvents;
let getHub: typeof import("../live/hub").getHub;

beforeAll(async () => {
  ({ openEvents } = await import("./events"));
  ({ getHub } = await import("../live/hub"));
  ({ code, ids } = await createTestSession({ title: "Roster deltas", names: ["Ana", "Boris", "Chen", "Dmitri"], k: 2 }));
}, 60_000);

const decoder = new TextDecoder();

/** A stream's receiving end: the events in order, and a switch that says the client is behind. */
function client() {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  const state = { behind: false };
  let waiting: (() => Uint8Array | null) | null = null;
  const record = (frame: Uint8Array) => {
    const text = decoder.decode(frame);
    events.push({ event: /event: (.*)\n/.exec(text)![1]!, data: JSON.parse(/\ndata: (.*)\n/.exec(text)![1]!) });
  };
  const sender: SseSender = {
    send: (event, data) => events.push({ event, data: JSON.parse(data) }),
    sendFrame: (_event, frame) => record(frame),
    sendWhenReady: (_kind, produce) => {
      if (state.behind) waiting = produce;
      else {
        const frame = produce();
        if (frame) record(frame);
      }
    },
    close: () => undefined,
  };
  const catchUp = () => {
    state.behind = false;
    const frame = waiting?.();
    waiting = null;
    if (frame) record(frame);
  };
  return { events, state, sender, catchUp, of: (name: string) => events.filter((e) => e.event === name).map((e) => e.data) };
}

/** The roster a browser would show after these events (components/live/use-live.ts). */
function shown(c: ReturnType<typeof client>) {
  let roster: RosterSnapshot | null = null;
  for (const e of c.events) {
    if (e.event === "roster") roster = e.data as unknown as RosterSnapshot;
    if (e.event === "roster-delta") roster = applyRosterDelta(roster, e.data as unknown as RosterDelta);
  }
  return roster?.participants.map((p) => p.displayName);
}

async function open(c: ReturnType<typeof client>) {
  const abort = new AbortController();
  const start = await openEvents({ headers: new Headers(), url: `http://localhost/api/sessions/${code}/events?view=screen` }, code, abort.signal, false);
  const cleanup = start!(c.sender);
  return () => {
    cleanup();
    abort.abort();
  };
}

describe("the roster on a live stream", { timeout: 20_000 }, () => {
  it("sends the whole roster once, then deltas; a client that was behind gets one delta for all it missed", async () => {
    const keepsUp = client();
    const fallsBehind = client();
    const closeA = await open(keepsUp);
    const closeB = await open(fallsBehind);
    for (const c of [keepsUp, fallsBehind]) {
      expect(c.of("roster")).toHaveLength(1);
      expect(c.of("roster")[0]!.participants).toHaveLength(4);
    }
    const hub = (await getHub(code))!;
    const first = keepsUp.of("roster")[0]!.rev as number;
    fallsBehind.state.behind = true;
    await hub.rename(ids.Boris!, "Synergy Gecko", "synergy gecko");
    await vi.waitFor(() => expect(keepsUp.of("roster-delta")).toHaveLength(1), { timeout: 5_000, interval: 20 });
    expect(keepsUp.of("roster-delta")[0]).toEqual({
      from: first,
      rev: first + 1,
      count: 4,
      added: [],
      renamed: [{ id: ids.Boris, displayName: "Synergy Gecko" }],
      removed: [],
    });
    await hub.removeParticipant(ids.Chen!, "kicked");
    await vi.waitFor(() => expect(keepsUp.of("roster-delta")).toHaveLength(2), { timeout: 5_000, interval: 20 });
    expect(keepsUp.of("roster-delta")[1]).toMatchObject({ from: first + 1, rev: first + 2, count: 3, removed: [ids.Chen] });
    // Behind: nothing yet; caught up: one delta from the revision it has, covering both changes.
    expect(fallsBehind.events.filter((e) => e.event.startsWith("roster"))).toHaveLength(1);
    fallsBehind.catchUp();
    expect(fallsBehind.of("roster-delta")).toEqual([
      { from: first, rev: first + 2, count: 3, added: [], renamed: [{ id: ids.Boris, displayName: "Synergy Gecko" }], removed: [ids.Chen] },
    ]);
    for (const c of [keepsUp, fallsBehind]) expect(shown(c)).toEqual(["Ana", "Synergy Gecko", "Dmitri"]);

    // Further behind than the kept revisions: the whole roster again.
    fallsBehind.state.behind = true;
    for (let i = 0; i < 10; i++) {
      await hub.rename(ids.Dmitri!, `Dmitri ${i}`, `dmitri ${i}`);
      await vi.waitFor(() => expect(keepsUp.of("roster-delta").at(-1)!.renamed).toEqual([{ id: ids.Dmitri, displayName: `Dmitri ${i}` }]), { timeout: 5_000, interval: 20 });
    }
    fallsBehind.catchUp();
    expect(fallsBehind.events.at(-1)!.event).toBe("roster");
    for (const c of [keepsUp, fallsBehind]) expect(shown(c)).toEqual(["Ana", "Synergy Gecko", "Dmitri 9"]);
    closeA();
    closeB();
  });
});
