// Crash test: are acknowledged ratings durable when the server dies?
//   npm run crash-test [-- --cycles 20 --inflight 32 --participants 20 --port 3400 --keep]
//
// Starts the production build on a fresh temporary database, creates a
// facilitator, a session (k=2), ~20 participants and an open round. Then, for
// every cycle, it drives a concurrent rating load, kills the server's whole
// process group with SIGKILL at a random moment (100–1500 ms into the load),
// restarts it on the same database and carries on. At the end it checks, in
// the SQLite file itself, that every rating the server acknowledged (2xx) is
// stored with its latest acknowledged value, and that the file passes
// PRAGMA integrity_check. Exits 1 on any loss or mismatch.
//
// At any moment each in-flight request owns its (rater, target) pair, so the
// latest acknowledged write of a key is never ambiguous. A request that got no
// answer (cut by the kill) may or may not have been stored: its value is
// accepted too, until a later acknowledged write makes the key certain again.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

import { findPort, portIsFree, root, runFacilitatorCli, Server, sleep } from "./bench/server";

const USAGE = `Usage: npm run crash-test -- [options]

Starts its own production server (needs \`npm run build\` first) on a temporary
database, kills it with SIGKILL under rating load again and again, and checks
that no acknowledged rating was lost.

  --cycles <n>        kill/restart cycles (default 20)
  --participants <n>  participants who rate each other (default 20)
  --inflight <n>      concurrent rating requests (default 32)
  --port <port>       port for the server (default: a free one in 3400–3499)
  --keep              keep the temporary folder (database, server log)
  -h, --help          this text`;

interface Options {
  cycles: number;
  participants: number;
  inflight: number;
  port: number | null;
  keep: boolean;
}

function fail(message: string): never {
  console.error(`Error: ${message}`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  if (argv.some((a) => a === "--url" || a.startsWith("--url="))) {
    fail("crash-test always starts (and kills) its own server; it takes no --url.");
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        cycles: { type: "string" },
        participants: { type: "string" },
        inflight: { type: "string" },
        port: { type: "string" },
        keep: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, text: string | undefined, fallback: number, min: number, max: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max} (got "${text}").`);
    return n;
  };
  return {
    cycles: int("cycles", values.cycles, 20, 1, 1000),
    participants: int("participants", values.participants, 20, 3, 200),
    inflight: int("inflight", values.inflight, 32, 1, 200),
    port: values.port === undefined ? null : int("port", values.port, 3400, 1024, 65535),
    keep: values.keep ?? false,
  };
}

const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

// ── HTTP helpers ──────────────────────────────────────────────────────────

async function api<T>(server: Server, method: string, route: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.baseURL}${route}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON; keep the text for the error message
  }
  return { status: res.status, body: parsed as T };
}

async function expectStatus<T>(what: string, status: number, call: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await call;
  if (res.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

// ── the expected state, key by key ────────────────────────────────────────

interface KeyState {
  /** Latest acknowledged score, if any write of this key was acknowledged. */
  acked: number | null;
  /** Scores of writes after the last acknowledgement that got no answer: stored or not, nobody knows. */
  unknown: Set<number>;
}

interface Participant {
  id: string;
  token: string;
}

interface LoadResult {
  /** Requests in flight at the moment of the kill. */
  inFlightAtKill: number;
  sent: number;
  acked: number;
  cut: number;
  statuses: Map<string, number>;
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build found (.next/BUILD_ID is missing): run npm run build first.");
    return 1;
  }
  const t0 = Date.now();
  const port = opts.port ?? (await findPort(3400, 3499));
  if (opts.port !== null && !(await portIsFree(port))) {
    console.error(`Error: port ${port} is already in use.`);
    return 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-crash-"));
  const dbPath = path.join(dir, "crash.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dir,
    DATABASE_URL: `file:${dbPath}`,
    BCRYPT_COST: "4",
  };
  delete env.PUBLIC_URL;
  delete env.NEXTAUTH_URL;
  const server = new Server({ dir, port, env });
  let keep = opts.keep;

  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error("\nInterrupted: stopping the server…");
    void server.kill().finally(() => {
      if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    console.log(`Crash test: ${opts.cycles} cycles, ${opts.participants} participants, ${opts.inflight} requests in flight, port ${port}, data in ${dir}`);

    // 1. A facilitator with an API token (the operator CLI, on the same database).
    const email = "crash-test@example.org";
    const password = crypto.randomBytes(18).toString("base64url");
    runFacilitatorCli(["create", "--email", email, "--name", "Crash Test", "--password-stdin"], env, `${password}\n`);
    const apiToken = runFacilitatorCli(["token", "--email", email, "--label", "crash test"], env)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.startsWith("stk_"));
    if (!apiToken) throw new Error("facilitator token printed no stk_ token.");

    // 2. Server, session, participants, an open round.
    const firstStart = await server.start(60_000);
    console.log(`Server up in ${firstStart} ms.`);
    const created = await expectStatus<{ session: { code: string; dimensions: { key: string }[] } }>(
      "create session",
      201,
      api(server, "POST", "/api/sessions", apiToken, { title: "Crash test", k: 2 }),
    );
    const code = created.session.code;
    const dimensions = created.session.dimensions.map((d) => d.key);
    const participants: Participant[] = [];
    for (let i = 1; i <= opts.participants; i++) {
      const joined = await expectStatus<{ participant: { id: string }; token: string }>(
        `join participant ${i}`,
        201,
        api(server, "POST", `/api/sessions/${code}/participants`, null, { displayName: `Crash Dummy ${i}` }),
      );
      participants.push({ id: joined.participant.id, token: joined.token });
    }
    await expectStatus("open round", 200, api(server, "POST", `/api/sessions/${code}/actions`, apiToken, { action: "open-round" }));
    console.log(`Session ${code}: ${participants.length} participants, ${dimensions.length} dimensions, round 1 open.`);

    // 3. The cycles.
    const keys = new Map<string, KeyState>();
    const keyOf = (r: string, t: string, d: string) => `${r}|${t}|${d}`;
    const pairs: [Participant, Participant][] = [];
    for (const a of participants) for (const b of participants) if (a !== b) pairs.push([a, b]);
    const totals: LoadResult = { inFlightAtKill: 0, sent: 0, acked: 0, cut: 0, statuses: new Map() };
    let ackedDimensionWrites = 0;
    const restartTimes: number[] = [];
    const phaseProblems: string[] = [];

    const drive = async (killAfterMs: number | null, runForMs: number): Promise<LoadResult> => {
      const result: LoadResult = { inFlightAtKill: 0, sent: 0, acked: 0, cut: 0, statuses: new Map() };
      const busy = new Set<number>(); // pair indices with a request in flight
      const blockedUntil = new Map<string, number>(); // rater id → time (after a 429)
      let running = true;
      const worker = async () => {
        while (running) {
          let index = -1;
          for (let tries = 0; tries < 50; tries++) {
            const i = Math.floor(Math.random() * pairs.length);
            const rater = pairs[i]?.[0];
            if (!busy.has(i) && rater && (blockedUntil.get(rater.id) ?? 0) <= Date.now()) {
              index = i;
              break;
            }
          }
          if (index < 0) {
            await sleep(20);
            continue;
          }
          const [rater, target] = pairs[index]!;
          busy.add(index);
          const count = randomInt(1, Math.min(3, dimensions.length));
          const dims = [...dimensions].sort(() => Math.random() - 0.5).slice(0, count);
          const scores = Object.fromEntries(dims.map((d) => [d, randomInt(1, 5)]));
          result.sent += 1;
          let status: string;
          try {
            const res = await fetch(`${server.baseURL}/api/sessions/${code}/ratings/${target.id}`, {
              method: "PUT",
              headers: { Authorization: `Bearer ${rater.token}`, "Content-Type": "application/json" },
              body: JSON.stringify({ scores }),
              signal: AbortSignal.timeout(10_000),
            });
            await res.arrayBuffer().catch(() => undefined);
            status = String(res.status);
            if (res.ok) {
              result.acked += 1;
              ackedDimensionWrites += dims.length;
              for (const [d, s] of Object.entries(scores)) keys.set(keyOf(rater.id, target.id, d), { acked: s, unknown: new Set() });
            } else if (res.status === 429) {
              blockedUntil.set(rater.id, Date.now() + Number(res.headers.get("retry-after") ?? "1") * 1000);
            } else if (res.status >= 500) {
              markUnknown(rater.id, target.id, scores); // an error after the write cannot be ruled out
            }
          } catch {
            // No answer: the kill cut it. Stored or not, nobody knows.
            status = "no answer";
            result.cut += 1;
            markUnknown(rater.id, target.id, scores);
          }
          result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
          busy.delete(index);
        }
      };
      const markUnknown = (raterId: string, targetId: string, scores: Record<string, number>) => {
        for (const [d, s] of Object.entries(scores)) {
          const k = keyOf(raterId, targetId, d);
          const state = keys.get(k) ?? { acked: null, unknown: new Set<number>() };
          state.unknown.add(s);
          keys.set(k, state);
        }
      };
      const workers = Array.from({ length: opts.inflight }, worker);
      if (killAfterMs !== null) {
        await sleep(killAfterMs);
        running = false; // no new requests; those in flight now are cut by the kill
        result.inFlightAtKill = busy.size;
        await server.kill();
      } else {
        await sleep(runForMs);
        running = false;
      }
      await Promise.all(workers);
      return result;
    };

    for (let cycle = 1; cycle <= opts.cycles; cycle++) {
      const killAt = randomInt(100, 1500);
      const r = await drive(killAt, 0);
      totals.sent += r.sent;
      totals.acked += r.acked;
      totals.cut += r.cut;
      for (const [s, n] of r.statuses) totals.statuses.set(s, (totals.statuses.get(s) ?? 0) + n);
      const restart = await server.start(60_000);
      restartTimes.push(restart);
      const state = await expectStatus<{ phase: string; round: { number: number; status: string } }>(
        "session after restart",
        200,
        api(server, "GET", `/api/sessions/${code}`, null),
      );
      if (state.phase !== "round_open" || state.round.number !== 1) {
        phaseProblems.push(`cycle ${cycle}: phase ${state.phase}, round ${state.round.number} ${state.round.status}`);
      }
      const other = [...r.statuses.entries()].filter(([s]) => s !== "200" && s !== "no answer");
      console.log(
        `cycle ${String(cycle).padStart(2)}/${opts.cycles}: killed after ${String(killAt).padStart(4)} ms · ${String(r.sent).padStart(4)} sent, ` +
          `${String(r.acked).padStart(4)} acknowledged, ${String(r.inFlightAtKill).padStart(2)} in flight at the kill, ${String(r.cut).padStart(2)} cut${other.length ? `, ${other.map(([s, n]) => `${s}×${n}`).join(" ")}` : ""} · ` +
          `restart ${restart} ms · ${state.phase}`,
      );
      if (phaseProblems.length > 0) break;
    }

    // 4. A last check through the API, on the restarted server: what each participant gave.
    let apiMismatches = 0;
    let apiChecked = 0;
    for (const p of participants) {
      const given = await expectStatus<{ round: number; given: Record<string, Record<string, number>> }>(
        "ratings given",
        200,
        api(server, "GET", `/api/sessions/${code}/ratings`, p.token),
      );
      for (const [k, state] of keys) {
        const [raterId, targetId, dim] = k.split("|") as [string, string, string];
        if (raterId !== p.id || state.acked === null) continue;
        apiChecked += 1;
        const value = given.given[targetId]?.[dim];
        if (value === undefined || (value !== state.acked && !state.unknown.has(value))) apiMismatches += 1;
      }
    }

    // 5. Stop the server and read the database file itself.
    await server.stop();
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    let lost = 0;
    let mismatched = 0;
    let uncertainChecked = 0;
    let unexpected = 0;
    let integrity = "";
    let historyRows = 0;
    try {
      const session = db.prepare(`SELECT "id" FROM "Session" WHERE "code" = ?`).get(code) as { id: string } | undefined;
      if (!session) throw new Error(`Session ${code} is missing from the database.`);
      const rows = db
        .prepare(`SELECT "raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? AND "round" = 1`)
        .all(session.id) as { raterId: string; targetId: string; dimension: string; score: number }[];
      const stored = new Map(rows.map((r) => [keyOf(r.raterId, r.targetId, r.dimension), r.score]));
      const examples: string[] = [];
      for (const [k, state] of keys) {
        const value = stored.get(k);
        if (state.acked !== null) {
          if (state.unknown.size > 0) uncertainChecked += 1;
          if (value === undefined) {
            lost += 1;
            if (examples.length < 5) examples.push(`lost ${k} (acknowledged ${state.acked})`);
          } else if (value !== state.acked && !state.unknown.has(value)) {
            mismatched += 1;
            if (examples.length < 5) examples.push(`mismatch ${k}: stored ${value}, acknowledged ${state.acked}`);
          }
        } else if (value !== undefined && !state.unknown.has(value)) {
          unexpected += 1;
          if (examples.length < 5) examples.push(`unexpected ${k}: stored ${value}, never sent`);
        }
      }
      for (const k of stored.keys()) {
        if (!keys.has(k)) {
          unexpected += 1;
          if (examples.length < 5) examples.push(`unexpected ${k}: stored but never sent`);
        }
      }
      historyRows = (db.prepare(`SELECT count(*) AS n FROM "RatingEvent" WHERE "sessionId" = ? AND "round" = 1`).get(session.id) as { n: number }).n;
      integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
      for (const e of examples) console.error(`  ${e}`);
    } finally {
      db.close();
    }

    // 6. Verdict.
    const ackedKeys = [...keys.values()].filter((s) => s.acked !== null).length;
    const historyOk = historyRows >= ackedDimensionWrites;
    const ok =
      lost === 0 && mismatched === 0 && unexpected === 0 && integrity === "ok" && phaseProblems.length === 0 && apiMismatches === 0 && historyOk;
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    const avgRestart = restartTimes.length ? Math.round(restartTimes.reduce((a, b) => a + b, 0) / restartTimes.length) : 0;
    const statusText = [...totals.statuses.entries()].map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(
      [
        "",
        `Crash test ${ok ? "PASSED" : "FAILED"} in ${seconds} s`,
        `  cycles              ${restartTimes.length} kill -9 + restart (restart ${avgRestart} ms on average, ${Math.max(0, ...restartTimes)} ms at most)`,
        `  requests            ${totals.sent} rating PUTs (${statusText}), ${totals.cut} cut by a kill`,
        `  acknowledged        ${totals.acked} ratings (${ackedDimensionWrites} dimension scores) → ${ackedKeys} distinct keys checked`,
        `  keys with a cut write after the last ack: ${uncertainChecked} (either value accepted)`,
        `  lost                ${lost}`,
        `  mismatched          ${mismatched}`,
        `  unexpected rows     ${unexpected}`,
        `  history             ${historyRows} RatingEvent rows for ${ackedDimensionWrites} acknowledged scores ${historyOk ? "(ok)" : "(MISSING ROWS)"}`,
        `  API after restart   ${apiChecked - apiMismatches}/${apiChecked} acknowledged keys match GET /ratings`,
        `  round after restart ${phaseProblems.length === 0 ? "round_open every time" : phaseProblems.join("; ")}`,
        `  integrity_check     ${integrity}`,
      ].join("\n"),
    );
    if (!ok) keep = true;
    return ok ? 0 : 1;
  } catch (error) {
    keep = true;
    console.error(`\nCrash test aborted: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (server.running) await server.kill();
    if (keep) console.log(`Kept ${dir} (database crash.db, server.log).`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
