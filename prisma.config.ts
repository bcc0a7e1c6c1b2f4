// Prisma CLI configuration: the WebAssembly schema engine and a driver adapter,
// so no Rust engine binary is ever downloaded (see docs/decisions/0002-prisma-6-19.md).
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const url = process.env.DATABASE_URL ?? "file:./data/stakhanov.db";
// The adapter opens the file itself; make sure its folder exists on a fresh clone.
fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
