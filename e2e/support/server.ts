// Starts, restarts and stops the production server the e2e suite runs against.
// The server is a detached process whose pid is kept in the test data folder,
// so a test can restart it (identity and data must survive) and teardown can
// always find it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { assertTestDatabase } from "./database-guard";

export interface ServerInfo {
  dir: string;
  port: number;
  baseURL: string;
  databaseUrl: string;
}

export function serverInfo(): ServerInfo {
  const dir = process.env.STAKHANOV_E2E_DIR;
  const port = Number(process.env.STAKHANOV_E2E_PORT ?? "3100");
  if (!dir) throw new Error("STAKHANOV_E2E_DIR is not set: run the e2e suite through Playwright (npm run test:e2e).");
  const databaseUrl = `file:${path.join(dir, "e2e.db")}`;
  return { dir, port, baseURL: `http://127.0.0.1:${port}`, databaseUrl };
}

const pidFile = (info: ServerInfo) => path.join(info.dir, "server.pid");

export async function startServer(info: ServerInfo, extraEnv: Record<string, string> = {}): Promise<void> {
  assertTestDatabase(info.databaseUrl);
  const log = fs.openSync(path.join(info.dir, "server.log"), "a");
  // What `npm start` runs after its build step: the custom server (Next plus the hot path, docs/decisions/0023).
  const server = path.join(process.cwd(), "scripts", "server.mjs");
  const child = spawn(process.execPath, [server, "-p", String(info.port), "-H", "127.0.0.1"], {
    cwd: process.cwd(),
    detached: true,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: info.databaseUrl,
      DATA_DIR: info.dir,
      // Fast hashing keeps the suite quick; production uses the default cost.
      BCRYPT_COST: "8",
      // The hot handlers' answers carry X-Stakhanov-Hot-Path: 1 (e2e/hot-path.spec.ts checks who answered).
      STAKHANOV_HOT_PATH: "mark",
      ...extraEnv,
    },
  });
  child.unref();
  fs.writeFileSync(pidFile(info), String(child.pid));
  await waitForHealth(info, 60_000);
}

async function waitForHealth(info: ServerInfo, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${info.baseURL}/api/health`);
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = fs.existsSync(path.join(info.dir, "server.log")) ? fs.readFileSync(path.join(info.dir, "server.log"), "utf8").slice(-3000) : "";
  throw new Error(`The e2e server did not become healthy (${last}).\n${log}`);
}

export async function stopServer(info: ServerInfo, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!fs.existsSync(pidFile(info))) return;
  const pid = Number(fs.readFileSync(pidFile(info), "utf8"));
  fs.rmSync(pidFile(info));
  try {
    process.kill(-pid, signal); // the whole process group: the server and any workers
  } catch {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      return;
    }
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Restarts the server; `extraEnv` applies to this start only (the next restart drops it). */
export async function restartServer(signal: NodeJS.Signals = "SIGTERM", extraEnv: Record<string, string> = {}): Promise<void> {
  const info = serverInfo();
  await stopServer(info, signal);
  await startServer(info, extraEnv);
}
