// The one Prisma client of the process (a globalThis singleton so dev reloads
// and route bundles share it). Connects through the better-sqlite3 driver
// adapter: no Rust query engine, no download (docs/decisions/0002-prisma-6-19.md).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "../env";
import { PrismaClient } from "@prisma/client";
import { migrateSqlite } from "./migrate";
import { closePgPool, createPgPrismaClient, ensurePgMigrated } from "./postgres";


const globalForDb = globalThis as unknown as { __stakhanovDb?: Db; __stakhanovMigrated?: string };

/** Applies pending migrations once per process and database file. */
export function ensureMigrated(): void {
  const { databasePath, databaseKind } = getEnv();
  // PostgreSQL migrates asynchronously: ensureDatabaseReady() (instrumentation.ts, scripts).
  if (databaseKind === "postgres") return;
  if (globalForDb.__stakhanovMigrated === databasePath) return;
  migrateSqlite(databasePath, path.join(process.cwd(), "prisma", "migrations"));
  globalForDb.__stakhanovMigrated = databasePath;
}

/** Migrations for either database; await it before the first query (the server does at boot). */
export async function ensureDatabaseReady(): Promise<void> {
  const env = getEnv();
  if (env.databaseKind === "postgres") await ensurePgMigrated(env.databaseUrl);
  else ensureMigrated();
}

/**
 * Left out of every query unless one asks for them by name: password hashes, and the session's
 * pseudonym key (only lib/debrief/data.ts reads it, so no other payload can carry it by accident).
 */
const OMITTED = { facilitator: { passwordHash: true }, session: { pseudonymSecret: true } } as const;

function createDb(): ReturnType<typeof createSqliteDb> {
  const env = getEnv();
  if (env.databaseKind === "postgres") return createPgPrismaClient(env.databaseUrl, { omit: OMITTED });
  return createSqliteDb();
}

function createSqliteDb() {
  ensureMigrated();
  const { databasePath } = getEnv();
  // `timeout` is better-sqlite3's busy timeout; better-sqlite3 enables foreign keys by default.
  const adapter = new PrismaBetterSQLite3({ url: `file:${databasePath}`, timeout: 5_000 });
  return new PrismaClient({ adapter, omit: OMITTED });
}

type Db = ReturnType<typeof createDb>;

export function getDb(): Db {
  globalForDb.__stakhanovDb ??= createDb();
  return globalForDb.__stakhanovDb;
}

export async function disconnectDb(): Promise<void> {
  const db = globalForDb.__stakhanovDb;
  globalForDb.__stakhanovDb = undefined;
  await db?.$disconnect();
  if (getEnv().databaseKind === "postgres") await closePgPool();
}
