// The hubs loaded in this process: getHub loads a session's hub on first use,
// dropHub disposes of one, the PostgreSQL fan-out entry routes another
// instance's announcement to the hub it concerns, and idle hubs are evicted.
import type { RemoteMessage } from "./pg-bus";
import { SessionHub } from "./hub";
import { onRemote, publisher } from "./publisher";

export { publisher };

/** A hub with no open stream and no request for this long is disposed and dropped (it reloads on next use). */
export const HUB_IDLE_MS = 15 * 60_000;
/** How often idle hubs are looked for. */
const HUB_SWEEP_MS = 60_000;

const g = globalThis as unknown as {
  __stakhanovHubs?: Map<string, Promise<SessionHub | null>>;
  __stakhanovHubSweep?: ReturnType<typeof setInterval>;
};

const hubs = () => (g.__stakhanovHubs ??= new Map());

/** Another instance changed a session (PostgreSQL fan-out): the hub here, if loaded, re-reads what changed. */
function receiveRemote(message: RemoteMessage): void {
  if (message.kind === "resync") {
    for (const code of hubs().keys()) void hubs().get(code)?.then((hub: SessionHub | null) => hub?.applyRemote({ code, kind: "state" }, true)).catch((e: unknown) => console.error("live fan-out: resync failed:", e));
    return;
  }
  if (message.kind === "deleted") {
    void dropHub(message.code, false);
    return;
  }
  // A hub not loaded here loads fresh from the database when first used.
  void hubs().get(message.code)?.then((hub: SessionHub | null) => hub?.applyRemote(message)).catch((e: unknown) => console.error("live fan-out: update failed:", e));
}

onRemote(receiveRemote);

/** The hub of a session, loaded from the database on first use; null for an unknown code. */
export function getHub(code: string): Promise<SessionHub | null> {
  startSweep();
  let hub = hubs().get(code);
  if (!hub) {
    hub = SessionHub.load(code).catch((error) => {
      hubs().delete(code);
      throw error;
    });
    hubs().set(code, hub);
    void hub.then((h: SessionHub | null) => {
      if (!h) hubs().delete(code);
    });
  }
  return hub.then((h: SessionHub | null) => {
    if (h) h.lastUsed = Date.now();
    return h;
  });
}

/** Drops a hub (after the session is deleted, or idle) and closes its streams. */
export async function dropHub(code: string, announce = true): Promise<void> {
  const hub = await hubs().get(code)?.catch(() => null);
  hubs().delete(code);
  hub?.dispose();
  if (announce) publisher().announce?.({ code, kind: "deleted" });
}

/** Disposes of and drops every hub with no open stream, nothing waiting for release, and no request since `now - idleMs`. */
export async function evictIdleHubs(now = Date.now(), idleMs = HUB_IDLE_MS): Promise<string[]> {
  const evicted: string[] = [];
  for (const [code, promise] of [...hubs()]) {
    const hub = await promise.catch(() => null);
    if (!hub || hubs().get(code) !== promise) continue;
    if (hub.evictable && now - hub.lastUsed >= idleMs) {
      hubs().delete(code);
      hub.dispose();
      evicted.push(code);
    }
  }
  return evicted;
}

function startSweep(): void {
  if (g.__stakhanovHubSweep) return;
  g.__stakhanovHubSweep = setInterval(() => {
    void evictIdleHubs().catch((e: unknown) => console.error("live: evicting idle hubs failed:", e));
  }, HUB_SWEEP_MS);
  g.__stakhanovHubSweep.unref?.();
}
