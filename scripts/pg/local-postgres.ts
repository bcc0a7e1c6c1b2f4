// A throw-away PostgreSQL server for tests and the benchmark: Debian's
// postgresql package (initdb, pg_ctl) on a loopback port, data in a temporary
// folder. initdb refuses to run as root, so as root the folder belongs to the
// `postgres` user and the tools run as that user (runuser).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";

/** The newest /usr/lib/postgresql/<version>/bin with initdb, or $PG_BIN; null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : null;
}

export const NO_POSTGRES_MESSAGE =
  "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Install Debian's package: apt-get install -y postgresql (CI's .ci/run does).";

export class LocalPostgres {
  readonly dataDir: string;
  private started = false;
  private readonly asUser: string | null;

  constructor(
    readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(dir, "pgdata");
    this.asUser = process.getuid?.() === 0 ? "postgres" : null;
  }

  /** postgresql://… for a database on this server. */
  url(database = "stakhanov"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private run(tool: string, args: string[], timeoutMs = 60_000): string {
    const command = this.asUser ? "runuser" : path.join(this.bin, tool);
    const fullArgs = this.asUser ? ["-u", this.asUser, "--", path.join(this.bin, tool), ...args] : args;
    const r = spawnSync(command, fullArgs, { encoding: "utf8", timeout: timeoutMs, cwd: "/" });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** `durable: false` (tests) turns fsync off; the benchmark keeps PostgreSQL's defaults. */
  async start(database = "stakhanov", { durable = false } = {}): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    if (this.asUser) {
      // The folders above must be traversable by the postgres user.
      fs.chmodSync(this.dir, 0o755);
      spawnSync("chown", ["-R", this.asUser, this.dataDir]);
    }
    this.run("initdb", ["-D", this.dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
    const options = `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c max_connections=200${durable ? "" : " -c fsync=off"}`;
    this.run("pg_ctl", ["-D", this.dataDir, "-o", options, "-l", path.join(this.dataDir, "server.log"), "-w", "-t", "60", "start"]);
    this.started = true;
    const client = new Client({ connectionString: this.url("postgres") });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    try {
      this.run("pg_ctl", ["-D", this.dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
  }

  logTail(chars = 2000): string {
    try {
      return fs.readFileSync(path.join(this.dataDir, "server.log"), "utf8").slice(-chars);
    } catch {
      return "";
    }
  }
}
