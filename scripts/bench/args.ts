// Command-line options of `npm run bench`.
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run bench -- [options]

Builds the app if the sources changed (like npm start), starts the production
server on a fresh temporary SQLite database and measures it: the trivial route
and rating ingest (closed loop), then for each stage N participants with a live
(SSE) connection each under an open-loop rating load. Prints a table, writes
bench/results/<date>.json and regenerates docs/performance.md.

  --stages <list>      participant counts, comma-separated; N@R runs that stage at R
                       ratings/s (default 300,1000,2000@400,5000@100: issue 12's lecture
                       hall at 400/s and 5,000 connected at 100/s; with --postgres 300,1000)
  --rate <n>           ratings per second of a stage without @R, open loop (default 200)
  --duration <s>       seconds of rating load per stage (default 60)
  --probe <s>          seconds of each closed-loop probe (default 10)
  --concurrency <n>    requests in flight in the closed-loop probes (default 64)
  --quick              smoke test: 50 participants, 20 ratings/s for 10 s, 2 s probes;
                       writes no files; exits 1 on any error or lost update
  --profile            run the server with node --cpu-prof (default for full runs)
  --no-profile         do not profile the server
  --no-build           never build; use the existing .next build as it is
  --no-write           print only: no bench/results file, no docs/performance.md
  --postgres           run on a temporary PostgreSQL (Debian's postgresql) instead of SQLite
  --instances <n>      app instances on that database (default 1; more needs --postgres):
                       ratings go to the instances in turn (no sticky sessions), phones
                       and observers are spread over them; adds the cross-instance
                       latency of a probe rating; writes bench/results/<date>-postgres-<n>.json,
                       not docs/performance.md
  --addresses <n>      client addresses the phones come from (default 1: every phone on
                       the loopback address, like a lecture hall behind one NAT); above 1,
                       each phone sends X-Forwarded-For from n addresses and the server
                       trusts the loopback proxy (TRUST_PROXY)
  --port <port>        server port (default: a free one in 3800–3899; instance i uses port + i)
  --keep               keep the temporary folder (database, server log, profile)
  -h, --help           this text`;

export class UsageError extends Error {}

export interface BenchOptions {
  stages: number[];
  /** Ratings per second of each stage (N@R in --stages, else --rate). */
  stageRates: number[];
  rate: number;
  durationS: number;
  probeS: number;
  concurrency: number;
  quick: boolean;
  profile: boolean;
  build: boolean;
  write: boolean;
  port: number | null;
  keep: boolean;
  postgres: boolean;
  instances: number;
  /** Client addresses the phones are spread over (1: all on one address, no X-Forwarded-For). */
  addresses: number;
  help: boolean;
}

/** The full run: issue 12's stages (docs/performance.md). */
export const DEFAULT_STAGES = "300,1000,2000@400,5000@100";

export const PORT_MIN = 3800;
export const PORT_MAX = 3899;

export function parseBenchArgs(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stages: { type: "string" },
        rate: { type: "string" },
        duration: { type: "string" },
        probe: { type: "string" },
        concurrency: { type: "string" },
        quick: { type: "boolean", default: false },
        profile: { type: "boolean" },
        "no-profile": { type: "boolean" },
        "no-build": { type: "boolean", default: false },
        "no-write": { type: "boolean", default: false },
        port: { type: "string" },
        keep: { type: "boolean", default: false },
        postgres: { type: "boolean", default: false },
        instances: { type: "string" },
        addresses: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const quick = values.quick ?? false;
  const num = (name: string, text: string | undefined, fallback: number, min: number, max: number, integer = true): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
      throw new UsageError(`--${name} must be a ${integer ? "whole " : ""}number from ${min} to ${max} (got "${text}").`);
    }
    return n;
  };
  const postgres = values.postgres ?? false;
  const rate = num("rate", values.rate, quick ? 20 : 200, 1, 5_000);
  const spec = values.stages ?? (quick ? "50" : postgres ? "300,1000" : DEFAULT_STAGES);
  const parts = spec.split(",").map((s) => s.trim());
  if (parts.length === 0 || parts.some((s) => !/^\d+(@\d+)?$/.test(s))) {
    throw new UsageError(`--stages must be a comma-separated list of whole numbers, each optionally @rate (got "${spec}").`);
  }
  const stages = parts.map((p) => Number(p.split("@")[0]));
  const stageRates = parts.map((p) => (p.includes("@") ? num("stages", p.split("@")[1], rate, 1, 5_000) : rate));
  if (stages.some((n) => n < 3 || n > 10_000)) throw new UsageError("--stages: each stage must have 3 to 10,000 participants.");
  for (let i = 1; i < stages.length; i++) {
    if ((stages[i] ?? 0) <= (stages[i - 1] ?? 0)) throw new UsageError("--stages must increase (each stage reuses the previous stage's participants).");
  }
  if (values.profile && values["no-profile"]) throw new UsageError("--profile and --no-profile contradict each other.");
  const instances = num("instances", values.instances, 1, 1, 8);
  if (instances > 1 && !postgres) throw new UsageError("--instances above 1 needs --postgres (instances share the database and fan out through it).");
  const port = values.port === undefined ? null : num("port", values.port, PORT_MIN, PORT_MIN, PORT_MAX);
  return {
    stages,
    stageRates,
    rate,
    durationS: num("duration", values.duration, quick ? 10 : 60, 1, 3_600),
    probeS: num("probe", values.probe, quick ? 2 : 10, 1, 600),
    concurrency: num("concurrency", values.concurrency, 64, 1, 1_000),
    quick,
    profile: values.profile ?? (values["no-profile"] ? false : !quick),
    build: !(values["no-build"] ?? false),
    write: !(quick || (values["no-write"] ?? false)),
    port,
    keep: values.keep ?? false,
    postgres,
    instances,
    addresses: num("addresses", values.addresses, 1, 1, 100_000),
    help: values.help ?? false,
  };
}
