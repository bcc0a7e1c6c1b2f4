#!/usr/bin/env node
// `npm run db:migration -- <name>`: after changing prisma/schema.prisma, writes
// the SQLite migration (prisma/migrations/<timestamp>_<name>/migration.sql) and
// the PostgreSQL one (prisma/postgres/migrations/…), and regenerates both
// clients. Both are diffs from the previous models to the current ones; the
// previous models are the committed PostgreSQL twin (prisma/postgres/schema.prisma),
// so this works offline with Prisma's WebAssembly schema engine (docs/stack.md).
// Review the SQL before committing. If the SQLite migration exists already
// (written by hand), run `npm run db:pg` for the PostgreSQL side only.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePgClient, pgTwin, SOURCE, TWIN, updateTwin } from "./pg-schema.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (after changing prisma/schema.prisma)");
  process.exit(2);
}
const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
const prisma = path.join(root, "node_modules", ".bin", "prisma");

/** The SQLite models the twin was made from: the twin with its datasource and generator put back. */
function previousSqliteModels() {
  if (!fs.existsSync(TWIN)) return null;
  const source = fs.readFileSync(SOURCE, "utf8");
  const header = (text) => text.slice(0, text.search(/^model /m));
  const models = (text) => text.slice(text.search(/^model /m));
  const twin = fs.readFileSync(TWIN, "utf8");
  return header(source) + models(twin);
}

const source = fs.readFileSync(SOURCE, "utf8");
if (fs.existsSync(TWIN) && fs.readFileSync(TWIN, "utf8") === pgTwin(source)) {
  console.log("prisma/schema.prisma has no model changes since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-migration-"));
try {
  const previous = previousSqliteModels();
  const from = previous === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(tmp, "previous.prisma")];
  if (previous !== null) fs.writeFileSync(path.join(tmp, "previous.prisma"), previous);
  const r = spawnSync(prisma, ["migrate", "diff", ...from, "--to-schema-datamodel", SOURCE, "--script"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stderr + r.stdout);
    process.exit(1);
  }
  const folder = path.join(root, "prisma", "migrations", `${stamp}_${slug}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration.sql"), r.stdout);
  console.log(`SQLite migration written: ${path.relative(root, folder)}/migration.sql`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const pgFolder = updateTwin({ name: slug, stamp });
console.log(pgFolder ? `PostgreSQL migration written: ${path.relative(root, pgFolder)}/migration.sql` : "PostgreSQL: no model changes.");
spawnSync(prisma, ["generate"], { cwd: root, stdio: "inherit" });
generatePgClient();
