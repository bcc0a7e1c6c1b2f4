// A raw better-sqlite3 connection for the hot write path (ratings). better-sqlite3
// is synchronous, so a transaction here runs start to commit inside one tick of
// the event loop: no other request's query can interleave with it, which is the
// failure mode docs/stack.md warns about for the Prisma adapter's transactions.
import Database from "better-sqlite3";
import { getEnv } from "../env";
import { ensureMigrated } from "./client";

const g = globalThis as unknown as { __stakhanovSqlite?: Database.Database };

export function getSqlite(): Database.Database {
  if (!g.__stakhanovSqlite) {
    ensureMigrated();
    const db = new Database(getEnv().databasePath, { timeout: 5_000 });
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    g.__stakhanovSqlite = db;
  }
  return g.__stakhanovSqlite;
}

/** The text format Prisma's SQLite adapter stores DateTime in, so both sides read each other's rows. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
