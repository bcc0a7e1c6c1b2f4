// The hub registry against a real temporary SQLite file: idle hubs are
// disposed and dropped, hubs in use are kept, and participants leave the hub
// only as read-only snapshots.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestSession, withTempDatabase } from "./test-session";

withTempDatabase("registry");

type Registry = typeof import("./registry");
let registry: Registry;
let code: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  registry = await import("./registry");
  const session = await createTestSession({ title: "Registry test", names: ["P1", "P2", "P3"], k: 2 });
  code = session.code;
  Object.assign(ids, session.ids);
});

describe("idle hubs", () => {
  it("are disposed and dropped after HUB_IDLE_MS with no stream and no request; the next request loads a fresh hub", async () => {
    const hub = (await registry.getHub(code))!;
    const signals: string[] = [];
    const off = registry.publisher().subscribe(hub.channel, (e) => signals.push(e.kind));
    const now = Date.now();
    expect(await registry.evictIdleHubs(now + registry.HUB_IDLE_MS - 1_000)).toEqual([]);
    expect(await registry.evictIdleHubs(now + registry.HUB_IDLE_MS + 1_000)).toEqual([code]);
    off();
    expect(signals).toContain("closed");
    const again = (await registry.getHub(code))!;
    expect(again).not.toBe(hub);
  });

  it("are kept while any stream is open, and a request counts as use", async () => {
    const hub = (await registry.getHub(code))!;
    const unhold = hub.holdStream();
    const later = Date.now() + registry.HUB_IDLE_MS + 1_000;
    expect(await registry.evictIdleHubs(later)).toEqual([]);
    unhold();
    // Released twice is still released once.
    unhold();
    await registry.getHub(code);
    expect(await registry.evictIdleHubs(Date.now() + registry.HUB_IDLE_MS - 1_000)).toEqual([]);
    expect(await registry.getHub(code)).toBe(hub);
  });

  it("are kept while ratings wait for release (a reload would release them at once)", async () => {
    const hub = (await registry.getHub(code))!;
    await hub.act({ type: "open-round" });
    // One rater: below the two new raters a release needs.
    await (await hub.rate(hub.participant(ids.P1!)!, ids.P2!, { a: 4 })).stored;
    expect(await registry.evictIdleHubs(Date.now() + registry.HUB_IDLE_MS + 1_000)).toEqual([]);
    await hub.act({ type: "close-round" });
    expect(await registry.evictIdleHubs(Date.now() + registry.HUB_IDLE_MS + 1_000)).toEqual([code]);
  });
});

describe("the me view", () => {
  it("does not move when its owner rates: no rated count, no quota left, nothing of what they did", async () => {
    const hub = (await registry.getHub(code))!;
    await hub.act({ type: "open-round" });
    const { version: _v, ...before } = hub.mePayload(ids.P1!)!;
    await (await hub.rate(hub.participant(ids.P1!)!, ids.P3!, { a: 5 })).stored;
    const { version: _w, ...after } = hub.mePayload(ids.P1!)!;
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toMatch(/ratedCount|remaining/);
    await hub.act({ type: "close-round" });
  });
});

describe("participants outside the hub", () => {
  it("are frozen snapshots: a route cannot change the hub's participant, and an old snapshot does not change under it", async () => {
    const hub = (await registry.getHub(code))!;
    const p = hub.participant(ids.P3!)!;
    expect(Object.isFrozen(p)).toBe(true);
    expect(() => {
      (p as { status: string }).status = "banned";
    }).toThrow(TypeError);
    expect(hub.participant(ids.P3!)!.status).toBe("active");
    await hub.rename(ids.P3!, "P3 renamed", "p3 renamed");
    expect(p.displayName).toBe("P3");
    expect(hub.participant(ids.P3!)!.displayName).toBe("P3 renamed");
    expect(hub.activeParticipants().every((x) => Object.isFrozen(x))).toBe(true);
  });
});
