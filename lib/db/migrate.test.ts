import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations, migrateSqlite } from "./migrate";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-migrate-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const realMigrations = path.join(__dirname, "..", "..", "prisma", "migrations");

describe("migrateSqlite", () => {
  it("applies every committed migration to a new file, in WAL mode, once", () => {
    const file = path.join(tempDir(), "nested", "app.db");
    const first = migrateSqlite(file, realMigrations);
    expect(first.applied.length).toBe(listMigrations(realMigrations).length);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = migrateSqlite(file, realMigrations);
    expect(second.applied).toEqual([]);

    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Facilitator", "ApiToken", "_prisma_migrations"]));
    db.close();
  });

  it("applies new migrations in name order and stops at a broken one without recording it", () => {
    const dir = tempDir();
    const migrations = path.join(dir, "migrations");
    const write = (name: string, sql: string) => {
      fs.mkdirSync(path.join(migrations, name), { recursive: true });
      fs.writeFileSync(path.join(migrations, name, "migration.sql"), sql);
    };
    write("002_second", 'CREATE TABLE "B" (id INTEGER PRIMARY KEY, a INTEGER REFERENCES "A"(id));');
    write("001_first", 'CREATE TABLE "A" (id INTEGER PRIMARY KEY);');
    const file = path.join(dir, "app.db");
    expect(migrateSqlite(file, migrations).applied).toEqual(["001_first", "002_second"]);

    write("003_broken", 'CREATE TABLE "C" (id INTEGER PRIMARY KEY); THIS IS NOT SQL;');
    expect(() => migrateSqlite(file, migrations)).toThrow();
    const db = new Database(file, { readonly: true });
    const names = (db.prepare('SELECT migration_name FROM "_prisma_migrations"').all() as { migration_name: string }[]).map((r) => r.migration_name);
    expect(names).toEqual(["001_first", "002_second"]);
    // The broken migration rolled back entirely: table C does not exist.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'C'").get()).toBeUndefined();
    db.close();
  });

  it("rebuilds a parent table (Prisma's RedefineTables) without cascading deletes into its children", () => {
    const dir = tempDir();
    const migrations = path.join(dir, "migrations");
    const write = (name: string, sql: string) => {
      fs.mkdirSync(path.join(migrations, name), { recursive: true });
      fs.writeFileSync(path.join(migrations, name, "migration.sql"), sql);
    };
    write(
      "001",
      `CREATE TABLE "P" (id TEXT PRIMARY KEY);
       CREATE TABLE "C" (id TEXT PRIMARY KEY, p TEXT NOT NULL REFERENCES "P"(id) ON DELETE CASCADE);
       INSERT INTO "P" VALUES ('p1'); INSERT INTO "C" VALUES ('c1', 'p1');`,
    );
    write(
      "002",
      `PRAGMA defer_foreign_keys=ON; PRAGMA foreign_keys=OFF;
       CREATE TABLE "new_P" (id TEXT PRIMARY KEY, extra TEXT NOT NULL DEFAULT 'x');
       INSERT INTO "new_P" (id) SELECT id FROM "P";
       DROP TABLE "P"; ALTER TABLE "new_P" RENAME TO "P";
       PRAGMA foreign_keys=ON; PRAGMA defer_foreign_keys=OFF;`,
    );
    const file = path.join(dir, "app.db");
    expect(migrateSqlite(file, migrations).applied).toEqual(["001", "002"]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT id, p FROM "C"').all()).toEqual([{ id: "c1", p: "p1" }]);
    expect(db.prepare('SELECT id, extra FROM "P"').all()).toEqual([{ id: "p1", extra: "x" }]);
    db.close();
  });
});
