// Picks the publisher for this process: in-process with SQLite (one instance),
// PostgreSQL LISTEN/NOTIFY fan-out when DATABASE_URL is a postgresql:// URL.
import { getEnv } from "../env";
import { getPgPool } from "../db/postgres";
import { InProcessPublisher, type Publisher } from "./bus";
import { PgPublisher, type RemoteMessage } from "./pg-bus";

export function usesPostgres(): boolean {
  return getEnv().databaseKind === "postgres";
}

export function createPublisher<E>(onRemote: (message: RemoteMessage) => void): Publisher<E> {
  const env = getEnv();
  if (env.databaseKind !== "postgres") return new InProcessPublisher<E>();
  return new PgPublisher<E>(env.databaseUrl, getPgPool(env.databaseUrl), onRemote);
}
