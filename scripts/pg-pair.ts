// `npm run test:pg-pair`: two app instances on one PostgreSQL database.
// Starts Debian's PostgreSQL on a loopback port and two production servers
// (the existing .next build) on two ports, then checks through the public API
// that what one instance is told reaches the other's live (SSE) clients:
// ratings sent to A appear in the leaderboard of a screen connected to B (and
// the time it took), joins, phase changes, renames and removals travel both
// ways, a burst of ratings split over both instances loses nothing, and both
// instances end with the same leaderboard as the database.
// Prints one "N passed, N failed" line and writes reports/pg-pair-results.json.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { keepAliveAgent, openStream, requestWithResend, streamAgent, type Stream } from "./bench/http";
import { findPort, root, runFacilitatorCli, Server, sleep } from "./bench/server";
import { findPgBin, LocalPostgres, NO_POSTGRES_MESSAGE } from "./pg/local-postgres";

/**
 * Updates must arrive; reported against one release period (the release clock, set to 1–1.5 s here) plus
 * 1 s of fan-out (timings are not asserted on a shared CI machine).
 */
const ARRIVAL_TIMEOUT_MS = 5_000;
const TARGET_MS = 2_500;
const TRIALS = 15;
const PLAIN = { distribution: null, nosedive: null, norm: null, quotaBallots: null };

interface Board {
  version: number;
  round: number;
  entries: { participantId: string; displayName: string; score: number | null }[];
}

/** The latest `leaderboard` and `phase` events of one screen's stream. */
class Screen {
  board: Board | null = null;
  phase: { phase: string; round: { number: number; kind?: string }; participantCount: number } | null = null;
  round: { conference?: { proposals: { id: string; ballots: number }[] } | null } | null = null;
  private buffer = "";
  private waiters: { check: () => boolean; resolve: (t: number) => void }[] = [];
  stream: Stream | null = null;

  constructor(readonly name: string) {}

  onData(chunk: Buffer, time: number): void {
    this.buffer += chunk.toString("utf8");
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (!event || data === undefined) continue;
      if (event === "leaderboard") this.board = JSON.parse(data) as Board;
      else if (event === "phase") this.phase = JSON.parse(data) as Screen["phase"];
      else if (event === "round") this.round = JSON.parse(data) as Screen["round"];
      else continue;
      this.waiters = this.waiters.filter((w) => {
        if (!w.check()) return true;
        w.resolve(time);
        return false;
      });
    }
  }

  /** Resolves with the arrival time (performance.now()) of the first event after which `check` holds. */
  until(check: () => boolean, what: string, timeoutMs = ARRIVAL_TIMEOUT_MS): Promise<number> {
    if (check()) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`${this.name}: ${what} did not arrive within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (t: number) => {
        clearTimeout(timer);
        resolve(t);
      };
      this.waiters.push({ check, resolve: done });
    });
  }

  score(id: string): number | null | undefined {
    return this.board?.entries.find((e) => e.participantId === id)?.score;
  }
}

const results: { name: string; ok: boolean; detail: string }[] = [];
function record(name: string, ok: boolean, detail = ""): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? "✔" : "✖"} ${name}${detail ? ` — ${detail}` : ""}`);
}
async function check(name: string, body: () => Promise<string | void>): Promise<void> {
  try {
    record(name, true, (await body()) ?? "");
  } catch (error) {
    record(name, false, error instanceof Error ? error.message : String(error));
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function writeReport(extra: Record<string, unknown>): void {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  fs.mkdirSync(path.join(root, "reports"), { recursive: true });
  fs.writeFileSync(path.join(root, "reports", "pg-pair-results.json"), JSON.stringify({ passed, failed, skipped: 0, results, ...extra }, null, 2));
  console.log(`\n${passed} passed, ${failed} failed`);
}

async function main(): Promise<number> {
  const bin = findPgBin();
  if (!bin) {
    console.error(NO_POSTGRES_MESSAGE);
    return 1;
  }
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.error("No production build (.next/BUILD_ID): run `npx next build` first (npm test does).");
    return 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-pg-pair-"));
  const pgPort = await findPort(55_400, 55_499);
  const pg = new LocalPostgres(bin, dir, pgPort);
  const portA = await findPort(3_700, 3_749);
  const portB = await findPort(3_750, 3_799);
  const baseEnv = (name: string): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: path.join(dir, name),
      DATABASE_URL: pg.url(),
      // Both instances must share the secret behind cookies and sign-ins (docs/deployment.md).
      NEXTAUTH_SECRET: "pg-pair-test-secret-0123456789abcdef0123456789",
      BCRYPT_COST: "4",
      // The load generator on loopback stands in for a reverse proxy: each simulated phone's
      // X-Forwarded-For address is believed, as behind a real proxy (docs/deployment.md).
      TRUST_PROXY: "127.0.0.1,::1",
    };
    delete env.PUBLIC_URL;
    delete env.NEXTAUTH_URL;
    delete env.NODE_OPTIONS;
    return env;
  };
  fs.mkdirSync(path.join(dir, "a"));
  fs.mkdirSync(path.join(dir, "b"));
  const a = new Server({ dir: path.join(dir, "a"), port: portA, env: baseEnv("a") });
  const b = new Server({ dir: path.join(dir, "b"), port: portB, env: baseEnv("b") });
  const streams: Stream[] = [];
  const stopAll = async () => {
    for (const s of streams) s.close();
    await Promise.all([a.stop(10_000), b.stop(10_000)]);
    pg.stop();
  };
  process.on("exit", () => {
    a.killNow();
    b.killNow();
  });
  let failedHard = false;
  const latencies: number[] = [];
  try {
    const t0 = performance.now();
    await pg.start();
    console.log(`PostgreSQL (${bin}) on 127.0.0.1:${pgPort} in ${Math.round(performance.now() - t0)} ms; data in ${dir}.`);

    // Both instances start together on the empty database: the advisory lock makes one of them migrate.
    await check("two instances start together on an empty database (migrations under an advisory lock)", async () => {
      const [msA, msB] = await Promise.all([a.start(), b.start()]);
      const client = new Client({ connectionString: pg.url() });
      await client.connect();
      try {
        const rows = (await client.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`)).rows.map((r) => r.migration_name);
        const expected = fs.readdirSync(path.join(root, "prisma", "postgres", "migrations")).filter((d) => fs.existsSync(path.join(root, "prisma", "postgres", "migrations", d, "migration.sql")));
        if (rows.length !== expected.length || new Set(rows).size !== rows.length) throw new Error(`_prisma_migrations has ${rows.join(", ")}; expected each of ${expected.join(", ")} once`);
      } finally {
        await client.end();
      }
      return `A :${portA} up in ${msA} ms, B :${portB} in ${msB} ms`;
    });
    if (!a.running || !b.running) throw new Error("the instances did not start");

    const password = crypto.randomBytes(18).toString("base64url");
    runFacilitatorCli(["create", "--email", "pair@example.org", "--name", "Pair", "--password-stdin"], baseEnv("a"), `${password}\n`);
    const apiToken = runFacilitatorCli(["token", "--email", "pair@example.org"], baseEnv("a"))
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l.startsWith("stk_"));
    if (!apiToken) throw new Error("no API token");
    const agent = keepAliveAgent(32);
    const base = { A: new URL(a.baseURL), B: new URL(b.baseURL) };
    const call = async <T>(on: "A" | "B", method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> => {
      const r = await requestWithResend(base[on], agent, {
        method,
        path: route,
        headers: { ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: 30_000,
      });
      return { status: r.status, body: (r.body ? JSON.parse(r.body) : null) as T };
    };
    const expectOk = async <T>(what: string, p: Promise<{ status: number; body: T }>): Promise<T> => {
      const r = await p;
      if (r.status < 200 || r.status > 299) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      return r.body;
    };
    const facilitator = { Authorization: `Bearer ${apiToken}` };

    const created = await expectOk<{ session: { code: string; dimensions: { key: string }[] } }>(
      "create session on A",
      call(
        "A",
        "POST",
        "/api/sessions",
        {
          title: "Two instances",
          k: 3,
          // Round 1 rates; round 2 is a production conference (interactive state kept in step too).
          agenda: [
            { title: "Rating", prompt: "", durationSeconds: null, rules: PLAIN },
            { title: "Conference", prompt: "", durationSeconds: null, rules: PLAIN, kind: "conference", conference: { menu: ["abolish-leaderboard", "raise-k"], thresholdPercent: null } },
          ],
        },
        facilitator,
      ),
    );
    const code = created.session.code;
    const dims = created.session.dimensions.map((d) => d.key);
    // The fastest release clock (docs/decisions/0011): scores move every 1–1.5 s, once 2 new raters rated someone.
    await expectOk("release clock", call("A", "PATCH", `/api/sessions/${code}`, { release: { seconds: 1, batch: 2 } }, facilitator));
    const action = (on: "A" | "B", name: string, extra: Record<string, unknown> = {}) =>
      expectOk(`${name} on ${on}`, call(on, "POST", `/api/sessions/${code}/actions`, { action: name, ...extra }, facilitator));

    // Screens on both instances.
    const screens = { A: new Screen("screen on A"), B: new Screen("screen on B") };
    for (const on of ["A", "B"] as const) {
      const s = screens[on];
      s.stream = await openStream(base[on], streamAgent(), `/api/sessions/${code}/events?view=screen`, {}, (c, t) => s.onData(c, t));
      if (s.stream.status !== 200) throw new Error(`SSE on ${on}: HTTP ${s.stream.status}`);
      streams.push(s.stream);
    }
    await action("A", "open-joining").catch(() => undefined);

    // Participants join alternately on A and B.
    const people: { id: string; token: string; on: "A" | "B"; address: string; rejoinCode: string }[] = [];
    await check("joins on either instance reach both screens", async () => {
      for (let i = 0; i < 8; i++) {
        const on = i % 2 === 0 ? "A" : "B";
        const address = `10.77.0.${i + 1}`;
        const r = await expectOk<{ participant: { id: string }; token: string; rejoinCode: string }>(
          `join ${i + 1}`,
          call(on, "POST", `/api/sessions/${code}/participants`, { displayName: `Person ${i + 1}` }, { "X-Forwarded-For": address }),
        );
        people.push({ id: r.participant.id, token: r.token, on, address, rejoinCode: r.rejoinCode });
      }
      await Promise.all((["A", "B"] as const).map((on) => screens[on].until(() => screens[on].board?.entries.length === 8, "8 participants on the board")));
      return "8 people, 4 joined on each";
    });

    await check("a round opened on A is open on B", async () => {
      await action("A", "open-round", { durationSeconds: 0 });
      await screens.B.until(() => screens.B.phase?.phase === "round_open" && screens.B.phase.round.number === 1, "round 1 open");
    });

    let stored = 0;
    const rate = (rater: (typeof people)[number], targetId: string, score: number, on: "A" | "B" = rater.on) =>
      expectOk(
        `rating by ${rater.id} on ${on}`,
        call(on, "PUT", `/api/sessions/${code}/ratings/${targetId}`, { scores: Object.fromEntries(dims.map((d) => [d, score])) }, {
          Authorization: `Bearer ${rater.token}`,
          "X-Forwarded-For": rater.address,
        }),
      ).then((answer) => {
        stored += dims.length;
        return answer;
      });

    // Cross-instance latency: raters on both make the target's score visible (k = 3), then the raters on A
    // change it together (a batch: one rater alone is held back by the release rule) and B's screen must follow.
    await check(`ratings sent to A appear in the leaderboard of a screen on B (${TRIALS} trials)`, async () => {
      const target = people[7]!;
      const ratersB = people.filter((p) => p.on === "B" && p !== target).slice(0, 2);
      const ratersA = people.filter((p) => p.on === "A" && p !== target);
      for (const r of ratersB) await rate(r, target.id, 3);
      for (const r of ratersA) await rate(r, target.id, 3);
      await screens.B.until(() => screens.B.score(target.id) != null, "the target's first score");
      for (let i = 0; i < TRIALS; i++) {
        const before = screens.B.score(target.id);
        // Every rater on A moves the same way, so the mean moves.
        const score = i % 2 === 0 ? 5 : 1;
        const sent = performance.now();
        for (const r of ratersA) await rate(r, target.id, score, "A");
        const arrived = await screens.B.until(() => screens.B.score(target.id) !== before, `trial ${i + 1}: the changed score`);
        latencies.push(arrived - sent);
      }
      const sorted = [...latencies].sort((x, y) => x - y);
      const within = latencies.filter((l) => l <= TARGET_MS).length;
      return `latency from the first PUT of a batch to B's leaderboard: p50 ${Math.round(percentile(sorted, 50))} ms, p95 ${Math.round(percentile(sorted, 95))} ms, max ${Math.round(sorted.at(-1)!)} ms; ${within}/${TRIALS} within a release period + 1 s`;
    });

    await check("a rename on B reaches the screen on A", async () => {
      await expectOk("rename", call("B", "PATCH", `/api/sessions/${code}/participants/${people[0]!.id}`, { displayName: "Renamed One" }, facilitator));
      await screens.A.until(() => screens.A.board?.entries.some((e) => e.displayName === "Renamed One") ?? false, "the new name");
    });

    await check("a rejoin on B moves the identity on A too (new token works there, the old one no longer)", async () => {
      const who = people[2]!;
      const old = who.token;
      const r = await expectOk<{ token: string }>("rejoin on B", call("B", "POST", `/api/sessions/${code}/rejoin`, { rejoinCode: who.rejoinCode }, { "X-Forwarded-For": who.address }));
      who.token = r.token;
      await sleep(300);
      await rate(who, people[3]!.id, 4, "A");
      const stale = await call("A", "PUT", `/api/sessions/${code}/ratings/${people[3]!.id}`, { scores: { [dims[0]!]: 2 } }, {
        Authorization: `Bearer ${old}`,
        "X-Forwarded-For": who.address,
      });
      if (stale.status !== 401 && stale.status !== 403) throw new Error(`the old token on A: HTTP ${stale.status}, expected 401`);
    });

    await check("a burst of ratings split over both instances: nothing lost, both leaderboards equal the database", async () => {
      let sent = 0;
      const jobs: Promise<unknown>[] = [];
      // Everyone rates everyone once, each request to either instance (no sticky sessions).
      const burst: { rater: (typeof people)[number]; target: string; score: number; on: "A" | "B" }[] = [];
      for (const rater of people) {
        for (const target of people) {
          if (rater === target) continue;
          const on = (sent++ % 2 === 0 ? "A" : "B") as "A" | "B";
          burst.push({ rater, target: target.id, score: 1 + ((sent * 7) % 5), on });
        }
      }
      for (const r of burst) jobs.push(rate(r.rater, r.target, r.score, r.on));
      const answers = await Promise.allSettled(jobs);
      const failed = answers.filter((x) => x.status === "rejected");
      if (failed.length > 0) throw new Error(`${failed.length} of ${sent} ratings failed: ${(failed[0] as PromiseRejectedResult).reason}`);
      const client = new Client({ connectionString: pg.url() });
      await client.connect();
      let expected: Map<string, number>;
      let events: number;
      try {
        events = Number((await client.query(`SELECT count(*) AS n FROM "RatingEvent"`)).rows[0].n);
        const rows = (
          await client.query<{ targetId: string; mean: number }>(
            `SELECT "targetId", avg("score")::float8 AS mean FROM "Rating" WHERE "round" = 1 GROUP BY "targetId"`,
          )
        ).rows;
        expected = new Map(rows.map((r) => [r.targetId, r.mean]));
      } finally {
        await client.end();
      }
      const expectedEvents = stored;
      if (events !== expectedEvents) throw new Error(`RatingEvent has ${events} rows; expected ${expectedEvents}`);
      // While the round is open each instance releases on its own clock, and the release rule may hold a
      // last lone rating back on one instance and not on the other (which saw it together with another).
      // Two of each colleague's raters repeat their scores: everyone has new raters on both instances, so
      // each releases everything it has, and what it has must be everything (a rating the bus lost stays
      // lost: only two of seven are repeated).
      await sleep(1_500);
      const repeat = people.flatMap((p) => burst.filter((r) => r.target === p.id).slice(0, 2));
      const again = await Promise.allSettled(repeat.map((r) => rate(r.rater, r.target, r.score, r.on)));
      if (again.some((x) => x.status === "rejected")) throw new Error("the repeated burst failed");
      await sleep(1_500);
      const boardOf = (s: Screen) => JSON.stringify(s.board?.entries.map((e) => [e.participantId, e.score]).sort());
      await screens.A.until(() => boardOf(screens.A) === boardOf(screens.B), "the same leaderboard on A and B", 5_000).catch(() => {
        throw new Error(`A and B differ:\nA ${boardOf(screens.A)}\nB ${boardOf(screens.B)}`);
      });
      // Plain rules: a score is the mean over dimensions of the mean rating; with equal scores per dimension, the mean rating.
      for (const e of screens.B.board!.entries) {
        const want = expected.get(e.participantId);
        if (want === undefined || e.score === null || Math.abs(e.score - want) > 0.051) {
          throw new Error(`${e.displayName}: leaderboard ${e.score}, database ${want}`);
        }
      }
      return `${sent} ratings (${events} stored changes in all); both leaderboards match the database`;
    });

    await check("a removal on A reaches the screen on B", async () => {
      const gone = people[1]!;
      await expectOk("kick", call("A", "DELETE", `/api/sessions/${code}/participants/${gone.id}`, undefined, facilitator));
      await screens.B.until(() => !(screens.B.board?.entries.some((e) => e.participantId === gone.id) ?? true), "the removal");
    });

    await check("ratings answered on A just before B closes the round: both final boards show them, equal to the database", async () => {
      // B closes before A's notification of the last ratings arrives: B must count them when it does
      // (the closed round releases everything stored), or its final board differs from A's for good.
      const raters = people.filter((p) => p !== people[1]);
      const last = raters.flatMap((rater, i) => raters.filter((t) => t !== rater).map((t, j) => rate(rater, t.id, 1 + ((i * 3 + j) % 5), "A")));
      await Promise.all(last);
      await action("B", "close-round");
      await screens.A.until(() => screens.A.phase?.phase !== "round_open", "the closed round");
      const client = new Client({ connectionString: pg.url() });
      await client.connect();
      let expected: Map<string, number>;
      try {
        const rows = (await client.query<{ targetId: string; mean: number }>(`SELECT "targetId", avg("score")::float8 AS mean FROM "Rating" WHERE "round" = 1 GROUP BY "targetId"`)).rows;
        expected = new Map(rows.map((r) => [r.targetId, r.mean]));
      } finally {
        await client.end();
      }
      const off = (sc: Screen) =>
        (sc.board?.entries ?? [])
          .filter((e) => e.score === null || Math.abs(e.score - (expected.get(e.participantId) ?? Number.NaN)) > 0.051)
          .map((e) => `${e.displayName} ${e.score} (database ${expected.get(e.participantId)})`);
      for (const name of ["A", "B"] as const) {
        await screens[name].until(() => off(screens[name]).length === 0, `${name}'s final board equal to the database`, 5_000).catch(() => {
          throw new Error(`${name}'s final board differs from the database: ${off(screens[name]).join("; ")}`);
        });
      }
      return `${last.length} ratings on A, then the close on B: both final boards match the database`;
    });

    await check("closing the round on B closes it on A", async () => {
      await screens.A.until(() => screens.A.phase?.phase !== "round_open", "the closed round");
      const r = await call<{ error?: { code: string } }>("A", "PUT", `/api/sessions/${code}/ratings/${people[2]!.id}`, { scores: { [dims[0]!]: 3 } }, {
        Authorization: `Bearer ${people[0]!.token}`,
        "X-Forwarded-For": people[0]!.address,
      });
      if (r.status !== 403) throw new Error(`a rating on A after the close: HTTP ${r.status}, expected 403`);
    });

    await check("a production conference opened on A: a proposal made on B and a vote on A reach both screens", async () => {
      await action("A", "open-round", { durationSeconds: 0 });
      await screens.B.until(() => screens.B.phase?.round.number === 2 && screens.B.phase.round.kind === "conference", "the conference round");
      const proposer = people[3]!;
      const made = await expectOk<{ proposalId: string }>(
        "proposal on B",
        call("B", "POST", `/api/sessions/${code}/proposals`, { kind: "raise-k" }, { Authorization: `Bearer ${proposer.token}`, "X-Forwarded-For": proposer.address }),
      );
      const ballots = (sc: Screen) => sc.round?.conference?.proposals.find((x) => x.id === made.proposalId)?.ballots;
      // A voter's phone only offers the proposal once its instance shows it.
      await screens.A.until(() => ballots(screens.A) === 1, "the proposal on A");
      const voter = people[4]!;
      await expectOk(
        "vote on A",
        call("A", "PUT", `/api/sessions/${code}/proposals/${made.proposalId}/vote`, { vote: "for" }, { Authorization: `Bearer ${voter.token}`, "X-Forwarded-For": voter.address }),
      );
      await Promise.all((["A", "B"] as const).map((on) => screens[on].until(() => ballots(screens[on]) === 2, "the proposal with 2 ballots")));
    });

    await check("no server errors in either instance's log", async () => {
      for (const [name, server] of [["A", a] as const, ["B", b] as const]) {
        const text = fs.readFileSync(server.logFile, "utf8");
        const bad = text.split("\n").filter((l) => /error|unhandled/i.test(l) && !/NOTIFY|ECONNRESET/.test(l));
        if (bad.length > 0) throw new Error(`${name}: ${bad.slice(0, 3).join(" | ")}`);
      }
    });
  } catch (error) {
    failedHard = true;
    record("two-instance run", false, error instanceof Error ? error.message : String(error));
    console.error(`\n--- A ---\n${a.logTail(1500)}\n--- B ---\n${b.logTail(1500)}\n--- PostgreSQL ---\n${pg.logTail(1000)}`);
  } finally {
    await stopAll();
    if (!failedHard && results.every((r) => r.ok)) fs.rmSync(dir, { recursive: true, force: true });
    else console.log(`Kept ${dir} (server logs, PostgreSQL data).`);
  }
  const sorted = [...latencies].sort((x, y) => x - y);
  writeReport({
    latencyMs: latencies.length ? { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted.at(-1)!), trials: latencies.length } : null,
  });
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
