// Test support for the PostgreSQL tests: a throw-away local server (Debian's `postgresql` package) per
// test file, migrated, and removed afterwards. Call at the top of a test file, before anything imports
// lib/db; where PostgreSQL is not installed nothing starts and `available` is false
// (`describe.skipIf(!postgres.available)`). The SQLite twin is withTempDatabase (lib/live/test-session.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { findPort } from "../../scripts/bench/server";
import { findPgBin, LocalPostgres } from "../../scripts/pg/local-postgres";

export function withTestPostgres(name: string): { available: boolean } {
  const bin = findPgBin();
  if (!bin) return { available: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stakhanov-${name}-`));
  let pg: LocalPostgres | null = null;
  beforeAll(async () => {
    pg = new LocalPostgres(bin, dir, await findPort(55_400, 55_499));
    await pg.start();
    process.env.DATABASE_URL = pg.url();
    process.env.DATA_DIR = dir;
    const { ensureDatabaseReady } = await import("./client");
    await ensureDatabaseReady();
  }, 120_000);
  afterAll(async () => {
    const { disconnectDb } = await import("./client");
    await disconnectDb();
    pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { available: true };
}
