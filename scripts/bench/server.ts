// The production server under test (the custom server, scripts/server.mjs, in its own process group, on
// a temporary database), the build check, ports and the operator CLI, shared by
// the benchmark and the crash test.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
/** What `npm start` runs after its build step: the custom server (docs/decisions/0023). */
const serverScript = path.join(root, "scripts", "server.mjs");
const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ── build ─────────────────────────────────────────────────────────────────

/** What `npm start` (scripts/start.mjs) watches to decide whether to build. */
export const BUILD_SOURCES = ["app", "components", "lib", "prisma", "public", "instrumentation.ts", "next.config.js", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

export function newestMtime(p: string): number {
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

/** True when there is no build or a source is newer than it (scripts/start.mjs's rule). */
export function needsBuild(dir = root, sources = BUILD_SOURCES): boolean {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return sources.some((s) => newestMtime(path.join(dir, s)) > built);
}

/** Pids of `next build` processes running on this machine (another engineer's, or ours). */
export function runningBuilds(): number[] {
  const r = spawnSync("pgrep", ["-f", "next build|next-build"], { encoding: "utf8" });
  if (r.status !== 0 || !r.stdout) return [];
  return r.stdout
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/** Waits while someone else's `next build` rewrites .next; true if it had to wait. */
export async function waitForOtherBuilds(log: (s: string) => void): Promise<boolean> {
  let waited = false;
  const deadline = Date.now() + 20 * 60_000;
  while (runningBuilds().length > 0) {
    if (!waited) log("Another `next build` is running: waiting for it to finish…");
    waited = true;
    if (Date.now() > deadline) throw new Error("A `next build` has been running for 20 minutes; giving up.");
    await sleep(2_000);
  }
  return waited;
}

/** Builds when needed; waits for a build someone else is running instead of starting a second one. */
export async function ensureBuild(log: (s: string) => void): Promise<"fresh" | "built" | "waited"> {
  const waited = await waitForOtherBuilds(log);
  if (!needsBuild()) return waited ? "waited" : "fresh";
  log("Building the app (no build, or the sources changed since the last one)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`next build failed (${r.status ?? r.signal}).`);
  return "built";
}

export function buildInfo(): { buildId: string | null; builtAt: string | null } {
  const file = path.join(root, ".next", "BUILD_ID");
  try {
    return { buildId: fs.readFileSync(file, "utf8").trim(), builtAt: fs.statSync(file).mtime.toISOString() };
  } catch {
    return { buildId: null, builtAt: null };
  }
}

// ── ports ─────────────────────────────────────────────────────────────────

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function findPort(min: number, max: number): Promise<number> {
  const span = max - min + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = min + ((start + i) % span);
    if (await portIsFree(port)) return port;
  }
  throw new Error(`No free port in ${min}–${max}; pass --port.`);
}

// ── the server ────────────────────────────────────────────────────────────

export interface ServerOptions {
  dir: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** write a V8 CPU profile into this folder when the server exits */
  cpuProfileDir?: string | null;
}

export class Server {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly baseURL: string;
  /** the process group id (= the server's pid) */
  pgid: number | null = null;
  /** How many times this server was started (each start is marked in server.log). */
  starts = 0;

  constructor(readonly opts: ServerOptions) {
    this.baseURL = `http://127.0.0.1:${opts.port}`;
  }

  get logFile(): string {
    return path.join(this.opts.dir, "server.log");
  }

  async start(timeoutMs = 90_000): Promise<number> {
    const started = Date.now();
    const log = fs.openSync(this.logFile, "a");
    fs.writeSync(log, `\n── start ${++this.starts} at ${new Date().toISOString()} ──\n`);
    const nodeArgs = [
      ...(this.opts.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${this.opts.cpuProfileDir}`] : []),
      serverScript,
      "-p",
      String(this.opts.port),
      "-H",
      "127.0.0.1",
    ];
    // Its own process group (detached): the server is the group leader we measure and stop.
    const child = spawn(process.execPath, nodeArgs, {
      cwd: root,
      detached: true,
      stdio: ["ignore", log, log],
      env: this.opts.env,
    });
    fs.closeSync(log);
    this.child = child;
    this.pgid = child.pid ?? null;
    let exitCode: string | null = null;
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        exitCode = signal ?? String(code);
        resolve();
      });
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exitCode !== null) throw new Error(`The server exited at start (${exitCode}).\n${this.logTail()}`);
      try {
        const res = await fetch(`${this.baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    await this.stop();
    throw new Error(`The server did not become healthy within ${timeoutMs / 1000} s.\n${this.logTail()}`);
  }

  /** SIGTERM to the whole group (Next exits cleanly, writing the CPU profile), SIGKILL after a grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    const pgid = child.pid;
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      return; // already gone
    }
    const gone = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!gone) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // gone
      }
      await Promise.race([this.exited, sleep(5_000)]);
    }
    for (let i = 0; i < 40 && groupAlive(pgid); i++) await sleep(25);
  }

  /** SIGKILL to the whole group (a crash, as the crash test wants it), then wait until it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = null;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      return; // already gone
    }
    await Promise.race([this.exited, sleep(10_000)]);
    for (let i = 0; i < 40 && groupAlive(child.pid); i++) await sleep(25);
  }

  /** Synchronous last resort (process exit handlers): SIGKILL to the group. */
  killNow(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    this.child = null;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  }

  get running(): boolean {
    return this.child !== null;
  }

  logTail(chars = 3000): string {
    try {
      return fs.readFileSync(this.logFile, "utf8").slice(-chars);
    } catch {
      return "";
    }
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// ── the operator CLI ──────────────────────────────────────────────────────

/** The same, without blocking (to overlap with the server's start). */
export function runFacilitatorCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, path.join(root, "scripts", "facilitator.ts"), ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`facilitator ${args[0]} failed (${code ?? signal}):\n${err}${out}`));
    });
  });
}

export function runFacilitatorCli(args: string[], env: NodeJS.ProcessEnv, input?: string): string {
  const result = spawnSync(process.execPath, [tsxCli, path.join(root, "scripts", "facilitator.ts"), ...args], {
    cwd: root,
    env,
    input,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`facilitator ${args[0]} failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}
