#!/usr/bin/env node
// `npm start`: build if the sources changed since the last build, then serve the
// production app with the custom server (scripts/server.mjs: Next plus the plain
// node:http hot path, docs/decisions/0023). Migrations run inside the server at
// boot (instrumentation.ts). `npm run dev` starts the Next.js dev server instead
// (`next dev`: the route handlers answer the hot paths too, same code).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const SOURCES = ["app", "components", "lib", "prisma", "public", "instrumentation.ts", "next.config.js", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (SKIP.has(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function needsBuild() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

function lanAddresses() {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a.address);
}

if (!dev && needsBuild()) {
  console.log("Stakhanov: building the app (first start or sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const serverArgs = dev ? [nextBin, "dev", "-p", port] : [path.join(root, "scripts", "server.mjs"), "-p", port];
const child = spawn(process.execPath, serverArgs, { stdio: "inherit", env });
setTimeout(() => {
  console.log(`\nStakhanov is running at http://localhost:${port}`);
  for (const address of lanAddresses()) console.log(`  participants on the same network: http://${address}:${port}`);
  console.log("");
}, 1500).unref();
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
