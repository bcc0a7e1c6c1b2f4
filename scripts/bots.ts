// Rehearsal bots: `npm run bots -- --url http://localhost:3000 --session K7QX4M --count 30`.
// Each bot joins through the participant API, keeps its own live (SSE)
// connection, waits in the lobby and rates colleagues while a round is open,
// the way its persona would. A one-line summary every 2 s; Ctrl-C stops
// cleanly with a final summary. See scripts/bots/args.ts for the options.
import { setMaxListeners } from "node:events";
import { parseBotArgs, USAGE, UsageError, type BotOptions } from "./bots/args";
import { botName } from "./bots/names";
import { assignCliques, assignPersonas, chooseScore, pickDimensions, pickTarget, PERSONAS, type Persona } from "./bots/personas";
import { countError, describeNetworkError, describePhase, errorTotal, formatElapsed, formatErrors, newStats, retryAfterMs, statusLine } from "./bots/report";
import { RevengeTracker, type ObservedEntry } from "./bots/revenge";
import { backoffMs, SseParser, type SseEvent } from "./bots/sse";

// ── types of what the API sends ───────────────────────────────────────────

interface PhaseState {
  phase: string;
  round: number;
  paused: boolean;
  participantCount: number;
}

interface SessionInfo extends PhaseState {
  title: string;
  joiningOpen: boolean;
  dimensions: { key: string; label: string }[];
}

interface ApiError {
  code?: string;
  message?: string;
  suggestion?: string;
}

interface BotSpec {
  number: number;
  persona: Persona;
  nth: number;
  clique: number | null;
}

interface Bot extends BotSpec {
  id: string;
  token: string;
  name: string;
  phase: PhaseState;
  rated: Set<string>;
  ratedRound: number;
  retryAt: number;
  unauthorized: number;
  gone: string | null;
  tracker: RevengeTracker | null;
  waiters: (() => void)[];
  abortStream: (() => void) | null;
}

class Fatal extends Error {}

// ── small helpers ─────────────────────────────────────────────────────────

const random = Math.random;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function phaseOf(body: unknown): PhaseState {
  const b = asRecord(body);
  const round = asRecord(b.round);
  return {
    phase: typeof b.phase === "string" ? b.phase : "?",
    round: typeof round.number === "number" ? round.number : 0,
    paused: b.paused === true || round.status === "paused",
    participantCount: typeof b.participantCount === "number" ? b.participantCount : 0,
  };
}

async function readBody(res: Response): Promise<{ json: unknown; isJson: boolean }> {
  const type = res.headers.get("content-type") ?? "";
  const text = await res.text().catch(() => "");
  if (!type.includes("json")) return { json: text, isJson: false };
  try {
    return { json: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { json: text, isJson: false };
  }
}

function apiError(body: unknown): ApiError {
  const e = asRecord(asRecord(body).error);
  return {
    code: typeof e.code === "string" ? e.code : undefined,
    message: typeof e.message === "string" ? e.message : undefined,
    suggestion: typeof e.suggestion === "string" ? e.suggestion : undefined,
  };
}

const canRate = (p: PhaseState) => p.phase === "round_open" && !p.paused;

// ── the run ───────────────────────────────────────────────────────────────

async function run(opts: BotOptions): Promise<number> {
  const started = Date.now();
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every bot's sleeps and stream listen to it
  const stats = newStats(opts.count);
  const sessionPath = `${opts.url}/api/sessions/${opts.session}`;
  const bots: Bot[] = [];
  const cliqueOf = new Map<string, number>();
  const tasks: Promise<void>[] = [];
  const lastErrorMessage = new Map<string, string>();
  const eventCounts = new Map<string, number>();
  const byPersona = new Map<Persona, { ok: number; scoreSum: number; scoreCount: number }>();
  const goneReasons = new Map<string, number>();
  let roster: string[] = [];
  let rosterRefresh: Promise<void> | null = null;
  let stopReason = "";
  let joinBlocked: string | null = null;

  // 1. Is the URL a Stakhanov app, and does the session exist?
  const session = await loadSession(opts);
  console.log(
    `Session ${opts.session} "${session.title}" on ${opts.url}: ${describePhase(session.phase, session.round, session.paused)}, ` +
      `${session.participantCount} participants, ${session.dimensions.length} dimensions.`,
  );
  if (session.phase === "ended") throw new Fatal(`Session ${opts.session} has ended; bots cannot join it.`);
  if (!session.joiningOpen) throw new Fatal(`Joining is closed in session ${opts.session}. Open joining in the control room, then start the bots again.`);
  stats.phase = session.phase;
  stats.round = session.round;
  stats.paused = session.paused;
  const dimensionKeys = session.dimensions.map((d) => d.key);

  // 2. Who plays which persona.
  const personas = assignPersonas(opts.count, opts.mix);
  const cliques = assignCliques(personas.filter((p) => p === "clique").length);
  const nthOf = new Map<Persona, number>();
  const specs: BotSpec[] = personas.map((persona, i) => {
    const nth = nthOf.get(persona) ?? 0;
    nthOf.set(persona, nth + 1);
    return { number: i + 1, persona, nth, clique: persona === "clique" ? (cliques[nth] ?? 0) : null };
  });
  const headCount = PERSONAS.map((p) => [p, personas.filter((x) => x === p).length] as const).filter(([, n]) => n > 0);
  const cliqueCount = new Set(cliques).size;
  console.log(
    `Bots: ${headCount.map(([p, n]) => `${n} ${p}`).join(", ")}${cliqueCount ? ` (${cliqueCount} clique${cliqueCount > 1 ? "s" : ""})` : ""}; ` +
      `${opts.rate} ratings/s each; ${opts.durationSeconds ? `for ${opts.durationSeconds} s` : "until Ctrl-C"}.`,
  );

  // 3. The live line.
  const interactive = process.stdout.isTTY === true;
  const samples: { t: number; ok: number }[] = [];
  const printStatus = () => {
    const now = Date.now();
    samples.push({ t: now, ok: stats.ok });
    while (samples.length > 6) samples.shift();
    const first = samples[0];
    stats.okRate = first && now > first.t ? ((stats.ok - first.ok) * 1000) / (now - first.t) : 0;
    const line = statusLine(stats, now - started);
    if (interactive) process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns ?? 200) - 1)}`);
    else console.log(line);
  };
  const ticker = setInterval(printStatus, 2_000);

  // 4. Stopping: Ctrl-C, SIGTERM or --duration.
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const shutdown = (reason: string) => {
    if (stop.signal.aborted) return;
    stopReason = reason;
    stop.abort();
    finish();
  };
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) {
      console.error("\nStopping at once.");
      process.exit(130);
    }
    if (interactive) process.stdout.write("\n");
    console.log(`${signal === "SIGINT" ? "Ctrl-C" : signal}: stopping the bots (again to force)…`);
    shutdown(signal === "SIGINT" ? "Ctrl-C" : signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const durationTimer = opts.durationSeconds ? setTimeout(() => shutdown(`--duration ${opts.durationSeconds} reached`), opts.durationSeconds * 1000) : null;

  // ── roster of colleagues (one poll for all bots) ──
  const refreshRoster = (): Promise<void> => {
    rosterRefresh ??= (async () => {
      try {
        const res = await fetch(`${sessionPath}/participants`, { signal: AbortSignal.timeout(10_000) });
        const { json } = await readBody(res);
        if (res.ok && Array.isArray(json)) {
          roster = json.map((p) => asRecord(p).id).filter((id): id is string => typeof id === "string");
        }
      } catch {
        // keep the last roster; the next poll tries again
      } finally {
        rosterRefresh = null;
      }
    })();
    return rosterRefresh;
  };
  const rosterTimer = setInterval(() => void refreshRoster(), 5_000);

  // ── live stream of one bot ──
  const setPhase = (bot: Bot, next: PhaseState) => {
    const before = bot.phase;
    bot.phase = next;
    stats.phase = next.phase;
    stats.round = next.round;
    stats.paused = next.paused;
    if (next.round !== bot.ratedRound) {
      bot.rated.clear();
      bot.ratedRound = next.round;
    }
    if (next.participantCount !== before.participantCount) void refreshRoster();
    for (const wake of bot.waiters.splice(0)) wake();
    if (next.phase === "ended") shutdown("the facilitator ended the session");
  };

  const handleEvent = (bot: Bot, ev: SseEvent) => {
    stats.events += 1;
    eventCounts.set(ev.event, (eventCounts.get(ev.event) ?? 0) + 1);
    let data: unknown;
    try {
      data = JSON.parse(ev.data);
    } catch {
      return;
    }
    const d = asRecord(data);
    switch (ev.event) {
      case "phase":
        setPhase(bot, phaseOf(data));
        break;
      case "leaderboard": {
        // The latest, not the highest: the server's counter starts again after a restart.
        if (typeof d.version === "number") stats.leaderboardVersion = d.version;
        if (bot.tracker && Array.isArray(d.entries)) bot.tracker.observe(d.entries as ObservedEntry[]);
        break;
      }
      case "me": {
        if (bot.tracker) {
          const w = asRecord(d.window);
          const around = [...(Array.isArray(w.above) ? w.above : []), ...(Array.isArray(w.below) ? w.below : [])] as ObservedEntry[];
          bot.tracker.observe(around, typeof d.rank === "number" ? d.rank : null);
        }
        break;
      }
      case "removed":
        bot.gone = `removed by the facilitator (${typeof d.status === "string" ? d.status : "kicked"})`;
        bot.abortStream?.();
        for (const wake of bot.waiters.splice(0)) wake();
        break;
      case "closed":
        bot.gone = "the session was closed";
        bot.abortStream?.();
        for (const wake of bot.waiters.splice(0)) wake();
        break;
    }
  };

  const streamLoop = async (bot: Bot) => {
    let attempt = 0;
    let retryBase = 1_000;
    while (!stop.signal.aborted && !bot.gone) {
      const conn = new AbortController();
      let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
      // Aborting the fetch alone can leave a pending read() unsettled when the
      // server has just ended the stream (seen with Node 20's fetch), so the reader is cancelled too.
      const end = () => {
        conn.abort();
        reader?.cancel().catch(() => undefined);
      };
      stop.signal.addEventListener("abort", end, { once: true });
      bot.abortStream = end;
      let connected = false;
      let watchdog: ReturnType<typeof setInterval> | undefined;
      try {
        const res = await fetch(`${sessionPath}/events`, {
          headers: { Authorization: `Bearer ${bot.token}`, Accept: "text/event-stream" },
          signal: conn.signal,
        });
        if (!res.ok || !res.body) {
          const { json } = await readBody(res);
          if (res.status === 404) bot.gone = "the session no longer exists";
          throw new Error(`HTTP ${res.status} ${apiError(json).message ?? ""}`);
        }
        connected = true;
        stats.sseConnected += 1;
        const parser = new SseParser();
        const decoder = new TextDecoder();
        reader = res.body.getReader();
        let lastData = Date.now();
        // The server sends a keep-alive every 15 s; silence for 45 s means a dead connection.
        watchdog = setInterval(() => {
          if (Date.now() - lastData > 45_000) end();
        }, 5_000);
        for (;;) {
          const { done, value } = await reader.read();
          if (done || stop.signal.aborted || bot.gone) break;
          lastData = Date.now();
          if (connected && attempt > 0) attempt = 0; // data flowed: the next drop starts the backoff afresh
          for (const ev of parser.push(decoder.decode(value, { stream: true }))) handleEvent(bot, ev);
          if (parser.retryMs) retryBase = Math.max(250, parser.retryMs);
        }
      } catch {
        // dropped, refused or aborted: decided below
      } finally {
        if (watchdog) clearInterval(watchdog);
        stop.signal.removeEventListener("abort", end);
        reader?.cancel().catch(() => undefined);
        bot.abortStream = null;
        if (connected) stats.sseConnected -= 1;
      }
      if (stop.signal.aborted || bot.gone) break;
      stats.sseReconnects += 1;
      await sleep(backoffMs(attempt, random, retryBase), stop.signal);
      attempt += 1;
    }
  };

  // ── rating loop of one bot ──
  const waitForPhaseChange = (bot: Bot) =>
    new Promise<void>((resolve) => {
      const done = () => {
        stop.signal.removeEventListener("abort", done);
        resolve();
      };
      bot.waiters.push(done);
      stop.signal.addEventListener("abort", done, { once: true });
    });

  const rateOnce = async (bot: Bot) => {
    const target = pickTarget(roster, bot.id, bot.rated, random);
    if (!target) return;
    const dims = pickDimensions(dimensionKeys, opts.dimensions, random);
    const context = {
      sameClique: bot.clique !== null && cliqueOf.get(target) === bot.clique,
      grudge: bot.tracker?.grudge(target) ?? 0,
    };
    const scores = Object.fromEntries(dims.map((key) => [key, chooseScore(bot.persona, context, random)]));
    stats.sent += 1;
    try {
      const res = await fetch(`${sessionPath}/ratings/${encodeURIComponent(target)}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${bot.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ scores }),
        signal: AbortSignal.timeout(15_000),
      });
      const { json } = await readBody(res);
      if (res.ok) {
        stats.ok += 1;
        bot.rated.add(target);
        bot.unauthorized = 0;
        const p = byPersona.get(bot.persona) ?? { ok: 0, scoreSum: 0, scoreCount: 0 };
        p.ok += 1;
        for (const s of Object.values(scores)) {
          p.scoreSum += s;
          p.scoreCount += 1;
        }
        byPersona.set(bot.persona, p);
        return;
      }
      const key = String(res.status);
      countError(stats, key);
      const message = apiError(json).message;
      if (message) lastErrorMessage.set(key, message);
      if (res.status === 429) bot.retryAt = Date.now() + retryAfterMs(res.headers.get("retry-after"), Date.now());
      else if (res.status === 401) {
        bot.unauthorized += 1;
        if (bot.unauthorized >= 3) bot.gone = "its token is no longer accepted (401)";
      } else if (res.status === 403) bot.retryAt = Date.now() + 2_000; // round closed or paused before our stream said so
      else if (res.status === 404) void refreshRoster();
      else bot.retryAt = Date.now() + 1_000;
    } catch (error) {
      countError(stats, "network");
      lastErrorMessage.set("network", describeNetworkError(error));
      bot.retryAt = Date.now() + 1_000;
    }
  };

  const rateLoop = async (bot: Bot) => {
    const intervalMs = 1000 / opts.rate;
    let staggered = false;
    while (!stop.signal.aborted && !bot.gone) {
      if (!canRate(bot.phase)) {
        await waitForPhaseChange(bot); // in the lobby, or between rounds
        staggered = false;
        continue;
      }
      if (!staggered) {
        // Bots do not all rate in the same instant when a round opens.
        staggered = true;
        await sleep(random() * intervalMs, stop.signal);
        continue;
      }
      const wait = bot.retryAt - Date.now();
      if (wait > 0) {
        await sleep(wait, stop.signal);
        continue;
      }
      const next = Date.now() + intervalMs * (0.5 + random());
      if (roster.length < 2) await refreshRoster();
      await rateOnce(bot);
      await sleep(next - Date.now(), stop.signal);
    }
  };

  // 5. Join, a few at a time; each bot goes live as soon as it has joined.
  await refreshRoster();
  printStatus();
  const queue = [...specs];
  const joinOne = async (spec: BotSpec) => {
    let name = botName(spec.persona, spec.number, spec.nth, spec.clique ?? 0);
    let networkFailures = 0;
    for (let attempt = 0; attempt < 20 && !stop.signal.aborted && !joinBlocked; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${sessionPath}/participants`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ displayName: name }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        networkFailures += 1;
        if (networkFailures >= 3) {
          lastErrorMessage.set("join", `could not reach the app: ${describeNetworkError(error)}`);
          break;
        }
        await sleep(backoffMs(networkFailures, random), stop.signal);
        continue;
      }
      const { json } = await readBody(res);
      const err = apiError(json);
      if (res.status === 201) {
        const body = asRecord(json);
        const participant = asRecord(body.participant);
        if (typeof participant.id !== "string" || typeof body.token !== "string") break;
        const bot: Bot = {
          ...spec,
          id: participant.id,
          token: body.token,
          name: typeof participant.displayName === "string" ? participant.displayName : name,
          phase: { phase: stats.phase, round: stats.round, paused: stats.paused, participantCount: 0 },
          rated: new Set(),
          ratedRound: stats.round,
          retryAt: 0,
          unauthorized: 0,
          gone: null,
          tracker: spec.persona === "revenge" ? new RevengeTracker(participant.id) : null,
          waiters: [],
          abortStream: null,
        };
        bots.push(bot);
        if (bot.clique !== null) cliqueOf.set(bot.id, bot.clique);
        if (!roster.includes(bot.id)) roster = [...roster, bot.id];
        stats.joined += 1;
        tasks.push(streamLoop(bot), rateLoop(bot));
        return;
      }
      if (res.status === 409 && err.suggestion) {
        name = err.suggestion; // someone already uses this name (a previous run?)
        continue;
      }
      if (res.status === 429) {
        await sleep(retryAfterMs(res.headers.get("retry-after"), Date.now()), stop.signal);
        continue;
      }
      if (res.status === 403 || res.status === 404) {
        joinBlocked = err.message ?? `HTTP ${res.status}`;
        break;
      }
      lastErrorMessage.set("join", `HTTP ${res.status}: ${err.message ?? "unexpected answer"}`);
      if (res.status < 500) break;
      await sleep(backoffMs(attempt, random), stop.signal);
    }
    if (!stop.signal.aborted) stats.joinFailed += 1;
  };
  const joiners = Array.from({ length: Math.min(8, specs.length) }, async () => {
    for (let spec = queue.shift(); spec && !stop.signal.aborted && !joinBlocked; spec = queue.shift()) await joinOne(spec);
  });
  await Promise.all(joiners);
  void refreshRoster();

  if (stats.joined === 0) {
    clearInterval(ticker);
    clearInterval(rosterTimer);
    if (durationTimer) clearTimeout(durationTimer);
    stop.abort();
    if (interactive) process.stdout.write("\n");
    const why = joinBlocked ?? lastErrorMessage.get("join") ?? (stopReason ? `stopped (${stopReason}) before any bot joined` : "no reason given");
    console.error(`No bot could join session ${opts.session}: ${why}`);
    return 1;
  }
  if (joinBlocked && stats.joined < opts.count) {
    if (interactive) process.stdout.write("\n");
    console.log(`Only ${stats.joined} of ${opts.count} bots joined: ${joinBlocked}`);
  }

  // 6. Run until stopped; then let in-flight ratings finish (at most 5 s).
  await Promise.race([finished, Promise.all(tasks).then(() => shutdown("every bot left the session"))]);
  clearInterval(ticker);
  clearInterval(rosterTimer);
  if (durationTimer) clearTimeout(durationTimer);
  await Promise.race([Promise.allSettled(tasks), sleep(5_000, new AbortController().signal)]);
  for (const bot of bots) if (bot.gone) goneReasons.set(bot.gone, (goneReasons.get(bot.gone) ?? 0) + 1);

  // 7. Final summary.
  const elapsed = Date.now() - started;
  if (interactive) process.stdout.write("\n");
  const errors = errorTotal(stats);
  const lines = [
    `Stopped after ${formatElapsed(elapsed)} (${stopReason}).`,
    `  bots      ${stats.joined} of ${opts.count} joined${stats.joinFailed ? `, ${stats.joinFailed} could not join` : ""}` +
      ` (${headCount.map(([p, n]) => `${n} ${p}`).join(", ")})`,
    `  ratings   ${stats.sent} sent, ${stats.ok} ok, ${errors} failed${errors ? ` (${formatErrors(stats.errors)})` : ""}; ` +
      `${((stats.ok * 1000) / elapsed).toFixed(2)} ok/s overall`,
    ...[...lastErrorMessage.entries()].filter(([k]) => k !== "join").map(([k, m]) => `            last ${k}: ${m}`),
    `  personas  ${PERSONAS.filter((p) => byPersona.has(p))
      .map((p) => {
        const s = byPersona.get(p)!;
        return `${p} ${s.ok} ok, mean score ${(s.scoreSum / Math.max(1, s.scoreCount)).toFixed(2)}`;
      })
      .join(" · ") || "no ratings"}`,
    `  live      ${stats.events} events (${[...eventCounts.entries()].map(([e, n]) => `${e} ${n}`).join(", ") || "none"}), ` +
      `${stats.sseReconnects} reconnects`,
    `  session   ${describePhase(stats.phase, stats.round, stats.paused)}, leaderboard version ${stats.leaderboardVersion}`,
  ];
  const grudges = bots.reduce((n, b) => n + (b.tracker?.resented().length ?? 0), 0);
  if (bots.some((b) => b.tracker)) lines.push(`  revenge   ${grudges} grudges held at the end`);
  for (const [reason, n] of goneReasons) lines.push(`  left      ${n} bot${n > 1 ? "s" : ""}: ${reason}`);
  console.log(lines.join("\n"));
  return 0;
}

async function loadSession(opts: BotOptions): Promise<SessionInfo> {
  const address = `${opts.url}/api/sessions/${opts.session}`;
  let res: Response;
  try {
    res = await fetch(address, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Fatal(`Cannot reach ${opts.url}: ${describeNetworkError(error)}. Check --url.`);
  }
  const { json, isJson } = await readBody(res);
  if (!isJson) {
    throw new Fatal(`${opts.url} does not look like a Stakhanov app (GET /api/sessions/${opts.session} answered ${res.status} without JSON). Check --url.`);
  }
  if (res.status === 404) throw new Fatal(`No session uses the code ${opts.session} on ${opts.url}. Check the code on the projector or in the control room.`);
  if (!res.ok) throw new Fatal(`Could not read session ${opts.session}: HTTP ${res.status} ${apiError(json).message ?? ""}`.trim());
  const b = asRecord(json);
  const dimensions = Array.isArray(b.dimensions) ? (b.dimensions as { key: string; label: string }[]).filter((d) => typeof d?.key === "string") : [];
  if (dimensions.length === 0 || typeof b.phase !== "string") {
    throw new Fatal(`${opts.url} answered GET /api/sessions/${opts.session} with something that is not a Stakhanov session. Check --url.`);
  }
  return { ...phaseOf(b), title: typeof b.title === "string" ? b.title : "", joiningOpen: b.joiningOpen !== false, dimensions };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseBotArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`Error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    return await run(parsed.options);
  } catch (error) {
    if (error instanceof Fatal) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
