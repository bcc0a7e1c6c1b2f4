// PostgreSQL mode (DATABASE_URL=postgresql://…): one pg Pool per process shared
// by the Prisma client (through @prisma/adapter-pg) and the raw rating queries,
// and the start-up migrator for prisma/postgres/migrations. See
// docs/decisions/0008-postgresql-and-fan-out.md.
import crypto from "node:crypto";
import path from "node:path";
import { createRequire } from "node:module";
import { Client, Pool } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { listMigrations, type MigrationResult } from "./migrate";

const g = globalThis as unknown as { __stakhanovPgPool?: Pool; __stakhanovPgMigrated?: Promise<MigrationResult> };

/** Any fixed 64-bit key: every instance takes the same advisory lock while migrating. */
export const MIGRATION_LOCK_KEY = 7_202_611_230;

export const PG_MIGRATIONS_DIR = () => path.join(process.cwd(), "prisma", "postgres", "migrations");

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function getPgPool(url: string): Pool {
  g.__stakhanovPgPool ??= new Pool({ connectionString: url, max: 10 });
  return g.__stakhanovPgPool;
}

/** The generated PostgreSQL client (prisma/postgres/schema.prisma), loaded at run time so the bundler leaves it alone. */
export function createPgPrismaClient<T>(url: string, options: Record<string, unknown>): T {
  const load = createRequire(path.join(process.cwd(), "package.json"));
  const { PrismaClient } = load(".prisma/client-pg") as { PrismaClient: new (options: unknown) => T };
  return new PrismaClient({ adapter: new PrismaPg(getPgPool(url)), ...options });
}

/**
 * Applies pending PostgreSQL migrations under an advisory lock, so instances
 * starting together apply each migration once; records them in Prisma's
 * _prisma_migrations table. Each migration runs in its own transaction.
 */
export async function migratePostgres(url: string, migrationsDir = PG_MIGRATIONS_DIR()): Promise<MigrationResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(MIGRATIONS_TABLE);
      const migrations = listMigrations(migrationsDir);
      const done = new Set(
        (await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).rows.map(
          (r) => r.migration_name,
        ),
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        const checksum = crypto.createHash("sha256").update(migration.sql).digest("hex");
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
            [crypto.randomUUID(), checksum, migration.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw new Error(`PostgreSQL migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        applied.push(migration.name);
      }
      return { applied, total: migrations.length };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Once per process. */
export function ensurePgMigrated(url: string): Promise<MigrationResult> {
  g.__stakhanovPgMigrated ??= migratePostgres(url).catch((error) => {
    g.__stakhanovPgMigrated = undefined;
    throw error;
  });
  return g.__stakhanovPgMigrated;
}

export async function closePgPool(): Promise<void> {
  const pool = g.__stakhanovPgPool;
  g.__stakhanovPgPool = undefined;
  await pool?.end();
}
