// Applies the committed SQL migrations in prisma/migrations at start-up, so a
// new user never runs a migration by hand. Records them in Prisma's own
// _prisma_migrations table (same columns and checksums), so `prisma migrate
// status` agrees with what the app applied.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export interface MigrationResult {
  applied: string[];
  total: number;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function listMigrations(migrationsDir: string): { name: string; sql: string }[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") }));
}

/** Opens (creating if needed) the SQLite file, sets WAL, and applies pending migrations. */
export function migrateSqlite(databasePath: string, migrationsDir: string): MigrationResult {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const db = new Database(databasePath, { timeout: 10_000 });
  try {
    // WAL is a property of the file: set once here, every later connection uses it.
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE);
    const migrations = listMigrations(migrationsDir);
    const done = new Set(
      (
        db
          .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .all() as { migration_name: string }[]
      ).map((r) => r.migration_name),
    );
    const applied: string[] = [];
    // Table rebuilds (Prisma's "RedefineTables") must not cascade deletes into
    // child tables: foreign keys are off while migrating (the pragma only works
    // outside a transaction) and checked afterwards.
    db.pragma("foreign_keys = OFF");
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const checksum = crypto.createHash("sha256").update(migration.sql).digest("hex");
      // IMMEDIATE takes the write lock up front, so two processes starting at
      // once apply each migration exactly once.
      const apply = db.transaction(() => {
        const again = db
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL`)
          .get(migration.name);
        if (again) return false;
        db.exec(migration.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(crypto.randomUUID(), checksum, migration.name);
        return true;
      });
      if (apply.immediate()) applied.push(migration.name);
    }
    db.pragma("foreign_keys = ON");
    const violations = db.pragma("foreign_key_check") as unknown[];
    if (violations.length > 0) throw new Error(`Migrations left ${violations.length} foreign-key violations; the database needs attention.`);
    return { applied, total: migrations.length };
  } finally {
    db.close();
  }
}
