// Anonymity audit: nothing a participant, an anonymous visitor or the
// projector can fetch, render or hear over the live stream may say who rated
// whom, or what one person gave someone else. The facilitator's control room
// may count how many colleagues each person rated, never which ones.
//
// The walk collects every participant-facing response (API, SSE, page HTML)
// as every kind of viewer, then runs detectors over all of it. The detectors
// are themselves tested on synthetic leaks, and the walk fails when a route
// file exists that this spec does not account for.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";
import { FacilitatorApi } from "./support/api";
import { expect, signInViaApi, test, type FacilitatorCredentials } from "./support/fixtures";
import { serverInfo } from "./support/server";

// ── the routes this spec accounts for ──────────────────────────────────────

type Coverage = "walked" | "write-only" | "facilitator-only";

/**
 * Every route and page file under the scanned folders, and how this spec covers it.
 * "walked": read as every kind of viewer and checked. "write-only": called while
 * setting up, its answer checked. "facilitator-only": refuses participants; what it
 * answers the facilitator is checked with the control-room rules (check 5).
 */
const ROUTES: Record<string, { coverage: Coverage; what: string }> = {
  "app/api/sessions/route.ts": { coverage: "facilitator-only", what: "create / list the facilitator's own sessions" },
  "app/api/sessions/[code]/route.ts": { coverage: "walked", what: "GET public session state" },
  "app/api/sessions/[code]/participants/route.ts": { coverage: "walked", what: "GET colleague list; POST join (answer checked)" },
  "app/api/sessions/[code]/participants/[id]/route.ts": { coverage: "facilitator-only", what: "DELETE kick/ban, PATCH rename (kick answer checked)" },
  "app/api/sessions/[code]/me/route.ts": { coverage: "walked", what: "GET own score, rank, neighbours, dimensions" },
  "app/api/sessions/[code]/me/rejoin-code/route.ts": { coverage: "walked", what: "POST new own rejoin code" },
  "app/api/sessions/[code]/rejoin/route.ts": { coverage: "walked", what: "POST move own identity to another device" },
  "app/api/sessions/[code]/ratings/route.ts": { coverage: "walked", what: "GET own given ratings" },
  "app/api/sessions/[code]/ratings/[targetId]/route.ts": { coverage: "write-only", what: "PUT a rating (the echo is checked)" },
  "app/api/sessions/[code]/leaderboard/route.ts": { coverage: "walked", what: "GET leaderboard (public and facilitator views)" },
  "app/api/sessions/[code]/events/route.ts": { coverage: "walked", what: "SSE phone / screen views; control view = check 5" },
  "app/api/sessions/[code]/actions/route.ts": { coverage: "facilitator-only", what: "POST session actions (answers checked)" },
  "app/api/sessions/[code]/qr/route.ts": { coverage: "walked", what: "GET join QR code (SVG)" },
  "app/s/[code]/page.tsx": { coverage: "walked", what: "participant phone page (HTML + flight data)" },
  "app/s/[code]/screen/page.tsx": { coverage: "walked", what: "projector page (HTML + flight data)" },
};

const ROOT = path.resolve(__dirname, "..");
const SCANNED = ["app/api/sessions", "app/s"];

function routeFilesOnDisk(): string[] {
  const files: string[] = [];
  for (const dir of SCANNED) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })) {
      const rel = `${dir}/${entry.split(path.sep).join("/")}`;
      if (/(^|\/)(route\.ts|page\.tsx)$/.test(rel)) files.push(rel);
    }
  }
  return files.sort();
}

/** "app/api/sessions/[code]/ratings/[targetId]/route.ts" → a regex for request paths. */
function routePattern(file: string): RegExp {
  const urlPath = file
    .replace(/^app/, "")
    .replace(/\/(route\.ts|page\.tsx)$/, "")
    .replace(/\/\([^/]+\)/g, "");
  const source = urlPath
    .split("/")
    .map((segment) => (/^\[.+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source || "/"}$`);
}

function routeFileOf(urlPath: string): string | null {
  const pathname = urlPath.split("?")[0] ?? urlPath;
  const matches = Object.keys(ROUTES).filter((file) => routePattern(file).test(pathname));
  return matches[0] ?? null;
}

// ── detectors ──────────────────────────────────────────────────────────────

/** Keys that only make sense for who-rated-whom data. */
const FORBIDDEN_KEY = /rater|given|voter|rated_?by|reviewer|evaluator|received/i;
/** What may sit next to another person's id in what a participant or visitor sees. */
const PUBLIC_PERSON_KEYS = new Set(["id", "participantId", "displayName", "rank", "score", "movement"]);
/** What the facilitator's control room may add: presence and a count, never a target. */
const CONTROL_PERSON_KEYS = new Set([...PUBLIC_PERSON_KEYS, "status", "connected", "ratedCount", "joinedAt"]);

const mentioned = (text: string, ids: readonly string[]) => ids.filter((id) => text.includes(id));
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Check 1: an object (or a string, or a tuple) that ties two or more different
 * participant ids together — as property values, as keys (a map keyed by id),
 * or nested under a key that is an id — is a rater→ratee pair.
 */
export function pairFindings(value: unknown, ids: readonly string[], at = "$"): string[] {
  const out: string[] = [];
  const visit = (node: unknown, where: string, keyIds: string[]) => {
    if (typeof node === "string") {
      const inString = new Set([...keyIds, ...mentioned(node, ids)]);
      if (inString.size >= 2) out.push(`${where} = ${JSON.stringify(node)} ties ${[...inString].join(" + ")}`);
      return;
    }
    if (Array.isArray(node)) {
      const strings = node.filter((el): el is string => typeof el === "string");
      const inArray = new Set([...keyIds, ...strings.flatMap((s) => mentioned(s, ids))]);
      if (inArray.size >= 2) out.push(`${where} ties ${[...inArray].join(" + ")}`);
      node.forEach((el, i) => {
        if (typeof el !== "string") visit(el, `${where}[${i}]`, keyIds);
      });
      return;
    }
    if (!isObject(node)) return;
    const direct = new Set(keyIds);
    for (const [key, v] of Object.entries(node)) {
      for (const id of mentioned(key, ids)) direct.add(id);
      if (typeof v === "string") for (const id of mentioned(v, ids)) direct.add(id);
      if (Array.isArray(v)) for (const el of v) if (typeof el === "string") for (const id of mentioned(el, ids)) direct.add(id);
    }
    if (direct.size >= 2) out.push(`${where} ties ${[...direct].join(" + ")}: ${JSON.stringify(node).slice(0, 300)}`);
    for (const [key, v] of Object.entries(node)) {
      // Strings and string arrays were judged with their object above.
      if (typeof v === "string" || (Array.isArray(v) && v.every((el) => typeof el === "string"))) continue;
      visit(v, `${where}.${key}`, [...keyIds, ...mentioned(key, ids)]);
    }
  };
  visit(value, at, []);
  return out;
}

/** Check 2: no property name that speaks of raters or of what someone gave. */
export function keyFindings(value: unknown, at = "$"): string[] {
  const out: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((el, i) => visit(el, `${where}[${i}]`));
    else if (isObject(node)) {
      for (const [key, v] of Object.entries(node)) {
        if (FORBIDDEN_KEY.test(key)) out.push(`${where}.${key} (forbidden key)`);
        visit(v, `${where}.${key}`);
      }
    }
  };
  visit(value, at);
  return out;
}

/**
 * Any object that mentions someone else's id may only carry that person's public
 * facts (name, rank, score, movement) — or, for the facilitator, presence and a count.
 */
export function shapeFindings(value: unknown, foreignIds: readonly string[], allowed: ReadonlySet<string>, at = "$"): string[] {
  const out: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((el, i) => visit(el, `${where}[${i}]`));
    else if (isObject(node)) {
      const entries = Object.entries(node);
      const aboutSomeoneElse = entries.some(
        ([key, v]) => mentioned(key, foreignIds).length > 0 || (typeof v === "string" && mentioned(v, foreignIds).length > 0),
      );
      if (aboutSomeoneElse) {
        const extra = entries.map(([key]) => key).filter((key) => !allowed.has(key));
        if (extra.length > 0) out.push(`${where} has ${extra.join(", ")} next to another person's id: ${JSON.stringify(node).slice(0, 300)}`);
      }
      for (const [key, v] of entries) visit(v, `${where}.${key}`);
    }
  };
  visit(value, at);
  return out;
}

/** Check 3: every score shown next to a participant id is that participant's public score. */
function scoreFindings(value: unknown, expected: ReadonlyMap<string, number | null>, at = "$"): string[] {
  const out: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((el, i) => visit(el, `${where}[${i}]`));
    else if (isObject(node)) {
      const id = node.participantId;
      if (typeof id === "string" && expected.has(id) && "score" in node && node.score !== expected.get(id)) {
        out.push(`${where}: score ${JSON.stringify(node.score)} for ${id}, expected the public ${JSON.stringify(expected.get(id))}`);
      }
      for (const [key, v] of Object.entries(node)) visit(v, `${where}.${key}`);
    }
  };
  visit(value, at);
  return out;
}

const PUBLIC_ENTRY =
  /\{"rank":(?:null|\d+),"participantId":"([^"]+)","displayName":"(?:[^"\\]|\\.)*","score":(?:null|-?\d+(?:\.\d+)?),"movement":"(?:up|down|same|new)"\}/g;

/** The React flight data a Next.js page streams in `self.__next_f.push([1, "…"])` scripts, decoded. */
function flightData(html: string): string {
  const chunks: string[] = [];
  for (const match of html.matchAll(/self\.__next_f\.push\((\[[\s\S]*?\])\)<\/script>/g)) {
    try {
      const parsed = JSON.parse(match[1] ?? "[]") as unknown[];
      if (typeof parsed[1] === "string") chunks.push(parsed[1]);
    } catch {
      chunks.push(match[1] ?? "");
    }
  }
  return chunks.join("");
}

/**
 * Check 4 on a page: no rater/given vocabulary, and participant ids only where the
 * public leaderboard puts them (an entry of exactly the public shape, or a board
 * row's data-participant-id) — or, on a participant's own page, only their own id.
 */
export function htmlFindings(html: string, ids: readonly string[], ownId: string | null, label: string): string[] {
  const out: string[] = [];
  const flight = flightData(html);
  const markup = html.replace(/<script\b[\s\S]*?<\/script>/g, "");
  for (const [name, text] of [
    ["html", html],
    ["flight data", flight],
  ] as const) {
    if (/raterId/i.test(text)) out.push(`${label}: ${name} contains "raterId"`);
    if (/\\?"given\\?"/.test(text)) out.push(`${label}: ${name} contains "given"`);
    const key = /\\?"([A-Za-z_$]*(?:rater|given|voter|ratedBy|received)[A-Za-z_$]*)\\?"\s*:/i.exec(text);
    if (key) out.push(`${label}: ${name} has the key ${key[1]}`);
  }
  const foreign = ids.filter((id) => id !== ownId);
  const flightLeft = flight.replace(PUBLIC_ENTRY, "");
  const markupLeft = markup.replace(/data-participant-id="[^"]*"/g, "");
  const scriptsLeft = html.replace(/self\.__next_f\.push\(\[[\s\S]*?\]\)<\/script>/g, "").replace(/data-participant-id="[^"]*"/g, "");
  for (const id of foreign) {
    if (flightLeft.includes(id)) {
      const i = flightLeft.indexOf(id);
      out.push(`${label}: flight data names ${id} outside a public leaderboard entry: …${flightLeft.slice(Math.max(0, i - 150), i + 80)}…`);
    }
    if (markupLeft.includes(id)) out.push(`${label}: markup names ${id} outside a board row`);
    else if (scriptsLeft.includes(id) && !flight.includes(id)) out.push(`${label}: a script names ${id}`);
  }
  return out;
}

// ── talking to the server, recording everything ────────────────────────────

interface Seen {
  viewer: string;
  label: string;
  kind: "json" | "sse" | "html" | "svg";
  status: number;
  body: unknown;
  text: string;
  events?: SseEvent[];
}

interface SseEvent {
  event: string;
  data: unknown;
  raw: string;
}

interface Auth {
  token?: string;
  cookie?: string;
  origin?: boolean;
}

const base = () => serverInfo().baseURL;

class Recorder {
  readonly seen: Seen[] = [];
  readonly hits = new Set<string>();
  readonly requested: string[] = [];

  hit(urlPath: string) {
    this.requested.push(urlPath);
    const file = routeFileOf(urlPath);
    if (file) this.hits.add(file);
  }

  async call(viewer: string, method: string, urlPath: string, auth: Auth = {}, json?: unknown): Promise<Seen> {
    this.hit(urlPath);
    const headers: Record<string, string> = {};
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.Cookie = auth.cookie;
    if (auth.origin) headers.Origin = base();
    if (json !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${base()}${urlPath}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    const kind: Seen["kind"] = type.includes("json") ? "json" : type.includes("svg") ? "svg" : "html";
    let body: unknown = null;
    if (kind === "json") body = JSON.parse(text) as unknown;
    const seen: Seen = { viewer, label: `${method} ${urlPath}`, kind, status: response.status, body, text };
    this.seen.push(seen);
    return seen;
  }

  async ok(viewer: string, method: string, urlPath: string, auth: Auth = {}, json?: unknown, status = 200): Promise<unknown> {
    const seen = await this.call(viewer, method, urlPath, auth, json);
    expect(seen.status, `${viewer}: ${seen.label} → ${seen.text.slice(0, 300)}`).toBe(status);
    return seen.body;
  }

  /** Reads an SSE stream for `ms` and keeps the whole text and every event. */
  async stream(viewer: string, urlPath: string, auth: Auth = {}, ms = 1_500): Promise<SseEvent[]> {
    this.hit(urlPath);
    const headers: Record<string, string> = {};
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.Cookie = auth.cookie;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    let text = "";
    let status = 0;
    try {
      const response = await fetch(`${base()}${urlPath}`, { headers, signal: controller.signal });
      status = response.status;
      expect(response.headers.get("content-type"), `${viewer}: ${urlPath}`).toContain("text/event-stream");
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
    }
    const events = text
      .split("\n\n")
      .filter((frame) => /^event: /m.test(frame))
      .map((frame) => {
        const line = (name: string) => frame.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
        const raw = line("data");
        return { event: line("event"), data: JSON.parse(raw) as unknown, raw };
      });
    this.seen.push({ viewer, label: `SSE ${urlPath}`, kind: "sse", status, body: events.map((e) => e.data), text, events });
    return events;
  }
}

// ── the scenario ───────────────────────────────────────────────────────────

type Key = "A" | "B" | "C" | "D" | "E" | "F" | "G";
const NAMES: Record<Key, string> = { A: "Alla", B: "Boris", C: "Chen", D: "Dasha", E: "Emil", F: "Fedor", G: "Gleb" };

interface Person {
  key: Key;
  name: string;
  id: string;
  token: string;
  rejoinCode: string;
}

type Scores = Record<string, number>;

/**
 * Who rates whom (k = 3, dimensions talent and potential):
 * - B: A (talent 5, potential 1), C (talent 3), D (talent 4) → 3 raters; talent has 3, potential only A's 1.
 * - C: A, B, D on both dimensions → 3 raters on each; G also rated C, then was kicked (does not count).
 * - F: only E → below k, no score anywhere.
 */
const RATINGS: [Key, Key, Scores][] = [
  ["A", "B", { talent: 5, potential: 1 }],
  ["C", "B", { talent: 3 }],
  ["D", "B", { talent: 4 }],
  ["A", "C", { talent: 2, potential: 3 }],
  ["B", "C", { talent: 4, potential: 4 }],
  ["D", "C", { talent: 3, potential: 2 }],
  ["E", "F", { talent: 2, potential: 5 }],
  ["G", "C", { talent: 1, potential: 1 }],
];

/** Public score per person: B (talent 4.00, potential 1.00 → 2.50), C 3.00, everyone else none. */
const EXPECTED_SCORE: Record<Key, number | null> = { A: null, B: 2.5, C: 3, D: null, E: null, F: null, G: null };
/** Own per-dimension scores: only dimensions with at least k raters. */
const EXPECTED_DIMENSIONS: Record<Key, Record<string, number | null>> = {
  A: { talent: null, potential: null },
  B: { talent: 4, potential: null },
  C: { talent: 3, potential: 3 },
  D: { talent: null, potential: null },
  E: { talent: null, potential: null },
  F: { talent: null, potential: null },
  G: { talent: null, potential: null },
};

interface Scenario {
  code: string;
  facContext: BrowserContext;
  facCookie: string;
  people: Record<Key, Person>;
  ids: string[];
  rec: Recorder;
}

const KEYS: Key[] = ["A", "B", "C", "D", "E", "F", "G"];
const ACTIVE: Key[] = ["A", "B", "C", "D", "E", "F"];

async function setUp(browser: Browser, facilitator: FacilitatorCredentials): Promise<Scenario> {
  const rec = new Recorder();
  const facContext = await browser.newContext();
  await signInViaApi(facContext, facilitator);
  const facCookie = (await facContext.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const session = await FacilitatorApi.of(facContext).createSession({ title: "Anonymity audit", dimensions: ["Talent", "Potential"], k: 3 });
  const code = session.code;
  expect(session.dimensions.map((d) => d.key)).toEqual(["talent", "potential"]);
  const fac: Auth = { cookie: facCookie, origin: true };

  const people = {} as Record<Key, Person>;
  for (const key of KEYS) {
    const body = (await rec.ok(NAMES[key], "POST", `/api/sessions/${code}/participants`, {}, { displayName: NAMES[key] }, 201)) as {
      participant: { id: string; displayName: string };
      token: string;
      rejoinCode: string;
    };
    people[key] = { key, name: NAMES[key], id: body.participant.id, token: body.token, rejoinCode: body.rejoinCode };
  }
  await rec.ok("facilitator", "POST", `/api/sessions/${code}/actions`, fac, { action: "open-round" });
  for (const [rater, target, scores] of RATINGS) {
    await rec.ok(NAMES[rater], "PUT", `/api/sessions/${code}/ratings/${people[target].id}`, { token: people[rater].token }, { scores });
  }
  // G's ratings stop counting once G is removed.
  await rec.ok("facilitator", "DELETE", `/api/sessions/${code}/participants/${people.G.id}`, fac);
  // F moves to another device: the rejoin answer is F's own identity only.
  const moved = (await rec.ok("anonymous", "POST", `/api/sessions/${code}/rejoin`, {}, { rejoinCode: people.F.rejoinCode })) as { token: string };
  people.F.token = moved.token;

  const ids = KEYS.map((k) => people[k].id);
  // Wait for the leaderboard snapshot that holds every rating.
  await expect
    .poll(async () => {
      const { body } = await rec.call("anonymous", "GET", `/api/sessions/${code}/leaderboard`);
      const entries = (body as { entries: { participantId: string; score: number | null }[] }).entries;
      return Object.fromEntries(entries.map((e) => [e.participantId, e.score]));
    })
    .toEqual(Object.fromEntries(ACTIVE.map((k) => [people[k].id, EXPECTED_SCORE[k]])));
  return { code, facContext, facCookie, people, ids, rec };
}

const cookieOf = (s: Scenario, p: Person) => `stk_p_${s.code}=${p.token}`;

/** Reads everything a participant-facing client can read, as every kind of viewer. */
async function walk(s: Scenario): Promise<void> {
  const { code, rec, people } = s;
  const api = `/api/sessions/${code}`;
  const reads: Promise<unknown>[] = [];

  // An anonymous visitor (a phone that has not joined, a curious laptop).
  reads.push(
    rec.call("anonymous", "GET", api),
    rec.call("anonymous", "GET", `${api}/participants`),
    rec.call("anonymous", "GET", `${api}/leaderboard`),
    rec.call("anonymous", "GET", `${api}/me`),
    rec.call("anonymous", "GET", `${api}/ratings`),
    rec.call("anonymous", "GET", `${api}/qr`),
    rec.call("anonymous", "GET", `/s/${code}`),
    rec.call("anonymous", "GET", `/s/${code}/screen`),
    rec.stream("anonymous", `${api}/events`),
    rec.stream("anonymous", `${api}/events?as=${people.B.id}`),
    rec.stream("anonymous", `${api}/events?view=screen`),
  );

  // Every participant, including the kicked G, with the bearer token and with the cookie.
  for (const key of KEYS) {
    const p = people[key];
    const other = key === "B" ? people.A : people.B;
    const bearer = { token: p.token };
    const cookie = { cookie: cookieOf(s, p) };
    reads.push(
      rec.call(p.name, "GET", api, bearer),
      rec.call(p.name, "GET", `${api}/participants?n=6`, bearer),
      rec.call(p.name, "GET", `${api}/leaderboard`, bearer),
      rec.call(p.name, "GET", `${api}/me`, bearer),
      rec.call(p.name, "GET", `${api}/me?as=${other.id}`, cookie),
      rec.call(p.name, "GET", `${api}/ratings`, bearer),
      rec.call(p.name, "GET", `${api}/ratings?as=${other.id}`, cookie),
      rec.call(p.name, "POST", `${api}/me/rejoin-code`, bearer, {}),
      rec.call(p.name, "GET", `/s/${code}`, cookie),
      rec.call(p.name, "GET", `/s/${code}/screen`, cookie),
      rec.stream(p.name, `${api}/events`, bearer),
      rec.stream(p.name, `${api}/events?as=${other.id}`, cookie),
      rec.stream(p.name, `${api}/events?view=screen`, bearer),
    );
  }

  // The facilitator's control room and leaderboard (check 5).
  reads.push(
    rec.stream("facilitator", `${api}/events?view=control`, { cookie: s.facCookie }),
    rec.call("facilitator", "GET", `${api}/leaderboard`, { cookie: s.facCookie }),
  );
  await Promise.all(reads);
}

/** Opens B's phone and the projector in real browsers and records every API answer their code fetches. */
async function browse(browser: Browser, s: Scenario): Promise<void> {
  const record = (context: BrowserContext, viewer: string, pending: Promise<void>[]) => {
    context.on("response", (response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith("/api/")) return;
      s.rec.hit(url.pathname + url.search);
      if ((response.headers()["content-type"] ?? "").includes("event-stream")) return; // read by the walk
      pending.push(
        response.text().then(
          (text) => {
            const type = response.headers()["content-type"] ?? "";
            s.rec.seen.push({
              viewer,
              label: `browser ${response.request().method()} ${url.pathname}${url.search}`,
              kind: type.includes("json") ? "json" : type.includes("svg") ? "svg" : "html",
              status: response.status(),
              body: type.includes("json") ? (JSON.parse(text) as unknown) : null,
              text,
            });
          },
          () => undefined,
        ),
      );
    });
  };

  const pending: Promise<void>[] = [];
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await phone.addCookies([{ name: `stk_p_${s.code}`, value: s.people.B.token, url: base() }]);
  record(phone, s.people.B.name, pending);
  const page = await phone.newPage();
  await page.goto(`/s/${s.code}`);
  await expect(page.getByTestId("my-name")).toHaveText(s.people.B.name);
  await expect(page.getByTestId("colleague")).toHaveCount(ACTIVE.length - 1);
  await page.getByRole("tab", { name: "My score" }).click();
  await expect(page.getByTestId("my-score")).toHaveText(/2\.50/);
  await page.getByRole("tab", { name: "Board" }).click();
  await expect(page.getByTestId("phone-board-row")).toHaveCount(ACTIVE.length);

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  record(projectorContext, "projector", pending);
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${s.code}/screen`);
  await expect(projector.getByTestId("board-row")).toHaveCount(ACTIVE.length);

  await page.waitForLoadState("networkidle").catch(() => undefined);
  await Promise.all(pending);
  await phone.close();
  await projectorContext.close();
}

/** Runs every check over everything recorded; returns the findings (empty = anonymous). */
function audit(s: Scenario, expectScores: boolean): string[] {
  const { people, ids } = s;
  const findings: string[] = [];
  const byName = new Map(KEYS.map((k) => [people[k].name, people[k]]));
  const expectedScores = new Map(KEYS.map((k) => [people[k].id, EXPECTED_SCORE[k]]));
  const expectedGiven = (rater: Key) => {
    const given: Record<string, Scores> = {};
    for (const [r, target, scores] of RATINGS) if (r === rater) given[people[target].id] = { ...given[people[target].id], ...scores };
    return given;
  };

  for (const seen of s.rec.seen) {
    const who = `${seen.viewer} · ${seen.label}`;
    const self = byName.get(seen.viewer) ?? null;
    const isFacilitator = seen.viewer === "facilitator";
    const foreign = ids.filter((id) => id !== self?.id);
    const allowed = isFacilitator ? CONTROL_PERSON_KEYS : PUBLIC_PERSON_KEYS;
    const jsonValues: { value: unknown; where: string }[] = [];

    if (seen.kind === "json") {
      let value = seen.body;
      const pathname = seen.label.split(" ").pop()?.split("?")[0] ?? "";
      if (/\/ratings$/.test(pathname) && seen.status === 200) {
        // The caller's own given ratings, keyed by target: exactly what they gave, nothing else.
        const { given, ...rest } = seen.body as { given: unknown };
        expect(self, `${who}: only a participant can read /ratings`).not.toBeNull();
        expect(Object.keys(rest), `${who}: /ratings carries only round and given`).toEqual(["round"]);
        expect(given, `${who}: /ratings is exactly what ${seen.viewer} gave`).toEqual(expectedGiven(self!.key));
        value = rest;
      }
      if (/\/ratings\/[^/]+$/.test(pathname) && seen.status === 200) {
        // The echo of a PUT: the caller's own rating of one colleague.
        const echo = seen.body as { targetId: string; scores: unknown };
        value = { ...echo, targetId: undefined };
        findings.push(...keyFindings(echo, who));
      }
      if (/\/me$/.test(pathname) && seen.status === 200) findings.push(...meFindings(s, seen.body, self, who, expectScores));
      jsonValues.push({ value, where: who });
    } else if (seen.kind === "sse") {
      if (/rater/i.test(seen.text) || /"given"/.test(seen.text)) findings.push(`${who}: the stream text mentions raters or given ratings`);
      const view = /view=(\w+)/.exec(seen.label)?.[1] ?? "phone";
      for (const [i, e] of (seen.events ?? []).entries()) {
        const where = `${who} event #${i} ${e.event}`;
        jsonValues.push({ value: e.data, where });
        if (e.event === "me") {
          if (view !== "phone" || !self) findings.push(`${where}: a "me" event on a stream that belongs to nobody`);
          else findings.push(...meFindings(s, e.data, self, where, expectScores));
        }
        if (e.event === "control" && view !== "control") findings.push(`${where}: control data outside the control room`);
        if (e.event === "removed") {
          const removed = e.data as { participantId?: string };
          if (!self || removed.participantId !== self.id) findings.push(`${where}: told about someone else's removal`);
        }
        if (!["phase", "leaderboard", "me", "control", "removed"].includes(e.event)) findings.push(`${where}: unknown event (add it to this audit)`);
      }
    } else if (seen.kind === "html") {
      if (seen.status === 200) {
        const onOwnPage = /^GET \/s\/[^/]+$/.test(seen.label);
        // A participant's own page may name only them; the projector page names people only in board entries.
        const allowedIds = onOwnPage ? ids : ids;
        findings.push(...htmlFindings(seen.text, allowedIds, onOwnPage ? (self?.id ?? null) : null, who));
        if (onOwnPage) for (const id of foreign) if (seen.text.includes(id)) findings.push(`${who}: the phone page names ${id}`);
      }
    } else if (seen.kind === "svg") {
      for (const id of ids) if (seen.text.includes(id)) findings.push(`${who}: the QR code names ${id}`);
    }

    for (const { value, where } of jsonValues) {
      findings.push(...pairFindings(value, ids, where));
      findings.push(...keyFindings(value, where));
      findings.push(...shapeFindings(value, foreign, allowed, where));
      findings.push(...scoreFindings(value, expectedScores, where));
    }
  }
  return findings;
}

/** Check 3 on a participant's own view: own score only, per-dimension means only with ≥ k raters. */
function meFindings(s: Scenario, body: unknown, self: Person | null, where: string, expectScores: boolean): string[] {
  const out: string[] = [];
  const me = body as { participant?: { id?: string }; score?: unknown; dimensions?: { key: string; score: unknown }[] } | null;
  if (!self || !me) return [`${where}: a "me" answer for a viewer who is nobody`];
  if (me.participant?.id !== self.id) out.push(`${where}: ${self.name} got the "me" view of ${me.participant?.id}`);
  if (expectScores && me.score !== EXPECTED_SCORE[self.key]) out.push(`${where}: own score ${JSON.stringify(me.score)}, expected ${EXPECTED_SCORE[self.key]}`);
  const dims = Object.fromEntries((me.dimensions ?? []).map((d) => [d.key, d.score]));
  if (JSON.stringify(dims) !== JSON.stringify(EXPECTED_DIMENSIONS[self.key])) {
    out.push(`${where}: own dimensions ${JSON.stringify(dims)}, expected ${JSON.stringify(EXPECTED_DIMENSIONS[self.key])} (null below k raters)`);
  }
  void s;
  return out;
}

/** The walk must have seen real data, or the audit would pass on nothing. */
function assertNotVacuous(s: Scenario, leaderboardVisible: boolean) {
  const streams = s.rec.seen.filter((x) => x.kind === "sse");
  const eventsOf = (viewer: string, view: RegExp) =>
    streams.filter((x) => x.viewer === viewer && view.test(x.label)).flatMap((x) => (x.events ?? []).map((e) => e.event));
  for (const key of ACTIVE) {
    const phone = eventsOf(s.people[key].name, /\/events$/);
    expect(phone, `${s.people[key].name}'s phone stream`).toEqual(expect.arrayContaining(["phase", "leaderboard", "me"]));
  }
  expect(eventsOf(s.people.G.name, /\/events$/), "the kicked participant's stream").toContain("removed");
  expect(eventsOf("anonymous", /view=screen/), "the projector stream").toEqual(expect.arrayContaining(["phase", "leaderboard"]));
  expect(eventsOf("facilitator", /view=control/), "the control stream").toEqual(expect.arrayContaining(["phase", "leaderboard", "control"]));
  const screen = streams.find((x) => x.viewer === "anonymous" && /view=screen/.test(x.label));
  const board = screen?.events?.find((e) => e.event === "leaderboard")?.data as { entries: { participantId: string }[] } | undefined;
  expect(board?.entries.map((e) => e.participantId).sort(), "the projector's board").toEqual(
    leaderboardVisible ? ACTIVE.map((k) => s.people[k].id).sort() : [],
  );
  const control = s.rec.seen
    .filter((x) => x.viewer === "facilitator" && x.kind === "sse")
    .flatMap((x) => x.events ?? [])
    .find((e) => e.event === "control")?.data as { participants: { id: string; ratedCount: number }[] } | undefined;
  // Counts only: A rated 2, B 1, C 1, D 2, E 1, F 0; kicked G counts 0.
  expect(Object.fromEntries((control?.participants ?? []).map((p) => [p.id, p.ratedCount]))).toEqual(
    Object.fromEntries(KEYS.map((k) => [s.people[k].id, { A: 2, B: 1, C: 1, D: 2, E: 1, F: 0, G: 0 }[k]])),
  );
  expect(s.rec.seen.length).toBeGreaterThan(100);
}

// ── the tests ──────────────────────────────────────────────────────────────

test.describe("anonymity", () => {
  test("the detectors flag the leaks they look for (negative control)", () => {
    const [a, b, c, d] = ["ppl_a_0001", "ppl_b_0002", "ppl_c_0003", "ppl_d_0004"];
    const ids = [a, b, c, d];
    expect(pairFindings({ raterId: a, targetId: b, score: 5 }, ids)).toHaveLength(1);
    expect(pairFindings({ from: a, to: b }, ids)).toHaveLength(1);
    expect(pairFindings({ [a]: { [b]: { talent: 5 } } }, ids)).not.toHaveLength(0);
    expect(pairFindings({ [b]: [{ who: a, score: 1 }] }, ids)).not.toHaveLength(0);
    expect(pairFindings({ entries: [{ participantId: b, raters: [a, c, d] }] }, ids)).not.toHaveLength(0);
    expect(pairFindings({ edges: [[a, b]] }, ids)).not.toHaveLength(0);
    expect(pairFindings({ note: `${a}->${b}` }, ids)).not.toHaveLength(0);
    expect(pairFindings({ entries: [{ participantId: a, score: 4 }, { participantId: b, score: null }] }, ids)).toEqual([]);
    expect(keyFindings({ entries: [{ participantId: b, raterIds: [] }] })).not.toHaveLength(0);
    expect(keyFindings({ givenBy: {} })).not.toHaveLength(0);
    expect(keyFindings({ participants: [{ id: a, ratedCount: 2 }] })).toEqual([]);
    expect(shapeFindings({ entries: [{ participantId: b, score: 3, dimensions: [] }] }, [b], PUBLIC_PERSON_KEYS)).not.toHaveLength(0);
    expect(shapeFindings({ participants: [{ id: a, ratedCount: 2 }] }, [a], PUBLIC_PERSON_KEYS)).not.toHaveLength(0);
    expect(shapeFindings({ participants: [{ id: a, ratedCount: 2 }] }, [a], CONTROL_PERSON_KEYS)).toEqual([]);
    const entry = `{"rank":1,"participantId":"${b}","displayName":"Boris","score":2.5,"movement":"new"}`;
    const page = (payload: string) => `<div data-participant-id="${b}">Boris</div><script>self.__next_f.push(${JSON.stringify([1, payload])})</script>`;
    expect(htmlFindings(page(`{"entries":[${entry}]}`), ids, null, "clean")).toEqual([]);
    expect(htmlFindings(page(`{"entries":[${entry.replace("}", `,"raters":3}`)}]}`), ids, null, "extra field")).not.toHaveLength(0);
    expect(htmlFindings(page(`{"pair":{"a":"${a}","b":"${b}"}}`), ids, null, "pair")).not.toHaveLength(0);
    expect(htmlFindings(page(`{"given":{}}`), ids, null, "given")).not.toHaveLength(0);
  });

  test("every route file under app/api/sessions and app/s is accounted for", () => {
    const onDisk = routeFilesOnDisk();
    expect(onDisk.length).toBeGreaterThan(10);
    expect(onDisk.filter((f) => !(f in ROUTES)), "route files this audit does not cover: add them to ROUTES and to the walk").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !onDisk.includes(f)), "ROUTES lists files that no longer exist").toEqual([]);
  });

  test("no response, page or live event tells anyone who rated whom", async ({ browser, facilitator }) => {
    test.setTimeout(150_000);
    const s = await setUp(browser, facilitator);

    // 1. A round in progress, leaderboard visible.
    await walk(s);
    await browse(browser, s);
    assertNotVacuous(s, true);
    const open = audit(s, true);

    // 2. Leaderboard hidden and round closed: nothing new may appear.
    const fac: Auth = { cookie: s.facCookie, origin: true };
    await s.rec.ok("facilitator", "POST", `/api/sessions/${s.code}/actions`, fac, { action: "hide-leaderboard" });
    await s.rec.ok("facilitator", "POST", `/api/sessions/${s.code}/actions`, fac, { action: "close-round" });
    const before = s.rec.seen.length;
    await walk(s);
    const closedRec = new Recorder();
    closedRec.seen.push(...s.rec.seen.slice(before));
    assertNotVacuous({ ...s, rec: closedRec }, false);
    const closed = audit({ ...s, rec: closedRec }, true);

    // Every walked or written route was really called; nothing outside ROUTES was.
    const missed = Object.entries(ROUTES)
      .filter(([file, { coverage }]) => coverage !== "facilitator-only" && !s.rec.hits.has(file))
      .map(([file]) => file);
    expect(missed, "routes marked walked/write-only that the walk never called").toEqual([]);
    expect(s.rec.requested.filter((p) => routeFileOf(p) === null), "requests to routes outside ROUTES").toEqual([]);

    expect([...open, ...closed], "anonymity findings").toEqual([]);
    await s.facContext.close();
  });

  test("a dimension rated by fewer than k people moves no number anyone can see", async ({ browser, facilitator }) => {
    // B's potential was rated by A alone (1 < k = 3), so B's own view hides it. But if
    // B's public score still averages it in, B recovers it: potential = 2 × score − talent.
    const s = await setUp(browser, facilitator);
    const api = `/api/sessions/${s.code}`;
    const visible = async () => {
      const board = (await s.rec.ok("anonymous", "GET", `${api}/leaderboard`)) as { version: number; entries: { participantId: string; score: number | null }[] };
      const me = (await s.rec.ok("Boris", "GET", `${api}/me`, { token: s.people.B.token })) as { score: number | null; dimensions: { key: string; score: number | null }[] };
      return {
        version: board.version,
        publicScore: board.entries.find((e) => e.participantId === s.people.B.id)?.score ?? null,
        ownScore: me.score,
        ownDimensions: me.dimensions.map((d) => [d.key, d.score]),
      };
    };
    const before = await visible();
    const talent = before.ownDimensions.find(([key]) => key === "talent")?.[1] as number;
    const derived = before.publicScore === null ? null : Math.round((2 * before.publicScore - talent) * 100) / 100;

    // A, the lone potential rater, changes 1 → 5.
    const put = (await s.rec.ok("Alla", "PUT", `${api}/ratings/${s.people.B.id}`, { token: s.people.A.token }, { scores: { potential: 5 } })) as { version: number };
    await expect.poll(async () => (await visible()).version).toBeGreaterThanOrEqual(put.version);
    const after = await visible();

    expect(
      { publicScore: after.publicScore, ownScore: after.ownScore, ownDimensions: after.ownDimensions },
      `A single rating below k must not show through. Before: B's public score ${before.publicScore}, own talent ${talent} ` +
        `→ B can derive the hidden potential = 2 × ${before.publicScore} − ${talent} = ${derived}, which is A's lone rating (1).`,
    ).toEqual({ publicScore: before.publicScore, ownScore: before.ownScore, ownDimensions: before.ownDimensions });
    await s.facContext.close();
  });

  test("the control room's counts and the leaderboard's changes never pair a rater with a target", async ({ browser, facilitator }) => {
    // One rating in a quiet moment: if the same live update shows exactly one person's
    // "rated" count going up and exactly one colleague's score moving, that is who rated whom.
    const s = await setUp(browser, facilitator);
    const api = `/api/sessions/${s.code}`;
    const listening = s.rec.stream("facilitator", `${api}/events?view=control`, { cookie: s.facCookie }, 2_500);
    await new Promise((r) => setTimeout(r, 800));
    await s.rec.ok("Emil", "PUT", `${api}/ratings/${s.people.C.id}`, { token: s.people.E.token }, { scores: { talent: 5, potential: 5 } });
    const events = await listening;

    const nameOf = new Map(KEYS.map((k) => [s.people[k].id, s.people[k].name]));
    let scores: Map<string, number | null> | null = null;
    let scoresAtLastControl: Map<string, number | null> | null = null;
    let counts: Map<string, number> | null = null;
    const revealed: string[] = [];
    for (const e of events) {
      if (e.event === "leaderboard") {
        const entries = (e.data as { entries: { participantId: string; score: number | null }[] }).entries;
        scores = new Map(entries.map((x) => [x.participantId, x.score]));
      }
      if (e.event !== "control") continue;
      const next = new Map((e.data as { participants: { id: string; ratedCount: number }[] }).participants.map((p) => [p.id, p.ratedCount]));
      if (counts && scoresAtLastControl && scores) {
        const raters = [...next].filter(([id, n]) => n !== counts!.get(id)).map(([id]) => id);
        const targets = [...scores].filter(([id, score]) => score !== scoresAtLastControl!.get(id)).map(([id]) => id);
        if (raters.length === 1 && targets.length === 1) {
          revealed.push(`${nameOf.get(raters[0]!)} → ${nameOf.get(targets[0]!)} (one control update: ratedCount +1 with that score change)`);
        }
      }
      counts = next;
      scoresAtLastControl = scores;
    }
    expect(events.filter((e) => e.event === "control").length, "control updates seen").toBeGreaterThan(1);
    expect(revealed, "rater → target pairs readable from one live update of the control room").toEqual([]);
    await s.facContext.close();
  });
});
