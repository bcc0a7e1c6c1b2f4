#!/usr/bin/env node
// Is package-lock.json complete enough for `npm ci` on every platform?
//
//   node scripts/lockfile.mjs          check: runs `npm ci --dry-run --ignore-scripts` on a copy
//                                      of package.json + package-lock.json in a temporary folder;
//                                      exits 1 with npm's "Missing: … from lock file" lines when
//                                      `npm ci` would refuse the lockfile.
//   node scripts/lockfile.mjs --fix    regenerate: `npm install --package-lock-only --ignore-scripts`
//                                      in a temporary folder *without node_modules*, then copy the
//                                      lockfile back. Versions already locked stay as they are; the
//                                      missing optional packages of other platforms are added.
//
// Why a temporary folder: npm rewrites the lockfile from the installed node_modules tree and drops
// other platforms' optional packages (@next/swc-darwin-arm64, Tailwind's oxide, the resolver
// bindings…) when node_modules exists (npm/cli#4828). Without node_modules it resolves the whole
// optional graph. See docs/decisions/0014-complete-lockfile.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fix = process.argv.includes("--fix");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-lockfile-"));
try {
  for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(root, file), path.join(dir, file));
  const npmrc = path.join(root, ".npmrc");
  if (fs.existsSync(npmrc)) fs.copyFileSync(npmrc, path.join(dir, ".npmrc"));
  const args = fix ? ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"] : ["ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"];
  const result = spawnSync(npm, args, { cwd: dir, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const missing = output.split("\n").filter((line) => /Missing:|Invalid:|in sync|EUSAGE/.test(line));
    console.error(`✖ \`npm ${args.join(" ")}\` failed (exit ${result.status}):`);
    console.error((missing.length ? missing : output.split("\n").slice(-30)).join("\n"));
    if (!fix) console.error("\nRegenerate the lockfile with `node scripts/lockfile.mjs --fix` (see docs/decisions/0014-complete-lockfile.md).");
    process.exitCode = 1;
  } else if (fix) {
    fs.copyFileSync(path.join(dir, "package-lock.json"), path.join(root, "package-lock.json"));
    console.log("✔ package-lock.json regenerated with every platform's optional packages.");
  } else {
    console.log("✔ `npm ci` accepts package-lock.json (every platform's optional packages are locked).");
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
