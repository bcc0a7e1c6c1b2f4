#!/usr/bin/env node
// `npm test`: lockfile check (would `npm ci` accept package-lock.json?) → lint → typecheck → unit tests → production build → browser tests
// against that build with a fresh temporary database → two app instances on
// PostgreSQL (scripts/pg-pair.ts) → benchmark smoke tests (SQLite, and the
// PostgreSQL pair). Stops at the first failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const { findChromium, NO_BROWSER_MESSAGE } = createRequire(import.meta.url)("./find-browser.cjs");
const browser = findChromium();
if (!browser) {
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
}

// Machine-readable results of both runners, summed up in the last line.
fs.rmSync(path.join(root, "reports"), { recursive: true, force: true });
fs.mkdirSync(path.join(root, "reports"), { recursive: true });

const steps = [
  ["lockfile (npm ci --dry-run)", process.execPath, ["scripts/lockfile.mjs"]],
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["unit tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/unit-results.json"]],
  ["production build", bin("next"), ["build"]],
  ["browser tests (e2e)", bin("playwright"), ["test"]],
];

// PostgreSQL steps: CI installs Debian's postgresql (.ci/run); elsewhere they are skipped without it.
const hasPostgres = fs.existsSync("/usr/lib/postgresql") && fs.readdirSync("/usr/lib/postgresql").some((v) => fs.existsSync(path.join("/usr/lib/postgresql", v, "bin", "initdb")));
/** Steps that count as one test each (their exit status), by name. */
const single = new Map();
let skippedSteps = 0;
if (hasPostgres || process.env.PG_BIN || process.env.CI) {
  steps.push(["two instances on PostgreSQL", bin("tsx"), ["scripts/pg-pair.ts"]]);
} else {
  console.log("Note: PostgreSQL is not installed (apt-get install postgresql): the two-instance test and its benchmark smoke are skipped.");
  skippedSteps += 2;
}
steps.push(["benchmark smoke (SQLite)", bin("tsx"), ["scripts/bench.ts", "--quick", "--no-build"]]);
single.set("benchmark smoke (SQLite)", null);
if (hasPostgres || process.env.PG_BIN || process.env.CI) {
  steps.push(["benchmark smoke (PostgreSQL, 2 instances)", bin("tsx"), ["scripts/bench.ts", "--quick", "--no-build", "--postgres", "--instances", "2"]]);
  single.set("benchmark smoke (PostgreSQL, 2 instances)", null);
}

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (single.has(name)) single.set(name, result.status === 0);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s`);
    summary();
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
summary();

function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const unit = readJson("reports/unit-results.json");
  if (unit) {
    passed += unit.numPassedTests ?? 0;
    failed += unit.numFailedTests ?? 0;
    skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  }
  const e2e = readJson("reports/e2e-results.json");
  if (e2e?.stats) {
    passed += e2e.stats.expected ?? 0;
    failed += (e2e.stats.unexpected ?? 0) + (e2e.stats.flaky ?? 0);
    skipped += e2e.stats.skipped ?? 0;
  }
  const pair = readJson("reports/pg-pair-results.json");
  if (pair) {
    passed += pair.passed ?? 0;
    failed += pair.failed ?? 0;
  }
  for (const ok of single.values()) {
    if (ok === true) passed += 1;
    else if (ok === false) failed += 1;
  }
  skipped += skippedSteps;
  console.log(`\nunit: ${unit ? "ran" : "not run"}, e2e: ${e2e ? "ran" : "not run"}, two instances: ${pair ? "ran" : "not run"}`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
  } catch {
    return null;
  }
}
