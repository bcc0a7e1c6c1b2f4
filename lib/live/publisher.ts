// Picks the publisher for this process: in-process with SQLite (one instance),
// PostgreSQL LISTEN/NOTIFY fan-out when DATABASE_URL is a postgresql:// URL.
// The process has one publisher; what other instances announce goes to the
// handler the registry installs (lib/live/registry.ts).
import { getEnv } from "../env";
import { getPgPool } from "../db/postgres";
import { InProcessPublisher, type Publisher } from "./bus";
import { PgPublisher, type RemoteMessage } from "./pg-bus";
import type { HubSignal } from "./signals";

export function usesPostgres(): boolean {
  return getEnv().databaseKind === "postgres";
}

function createPublisher<E>(onRemote: (message: RemoteMessage) => void): Publisher<E> {
  const env = getEnv();
  if (env.databaseKind !== "postgres") return new InProcessPublisher<E>();
  return new PgPublisher<E>(env.databaseUrl, getPgPool(env.databaseUrl), onRemote);
}

const g = globalThis as unknown as {
  __stakhanovPublisher?: Publisher<HubSignal>;
  __stakhanovRemoteHandler?: (message: RemoteMessage) => void;
};

/** The process's publisher of hub signals (created on first use). */
export function publisher(): Publisher<HubSignal> {
  g.__stakhanovPublisher ??= createPublisher<HubSignal>((message) => g.__stakhanovRemoteHandler?.(message));
  return g.__stakhanovPublisher;
}

/** Installs what happens when another instance announces a change (the registry's fan-out entry). */
export function onRemote(handler: (message: RemoteMessage) => void): void {
  g.__stakhanovRemoteHandler = handler;
}
