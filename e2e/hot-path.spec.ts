// The custom server's hot path (issue 12, docs/decisions/0023): plain node:http handlers answer
// GET …/events and PUT …/ratings/{id} in front of Next. The suite's server runs with
// STAKHANOV_HOT_PATH=mark, so their answers carry X-Stakhanov-Hot-Path: 1; the same probes are
// then sent to a server with STAKHANOV_HOT_PATH=off (Next's route handlers answer everything), and
// every status, error body and header a client sees must be the same.
import { FacilitatorApi, fetchResend, joinViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { restartServer, serverInfo } from "./support/server";

const MARK = "x-stakhanov-hot-path";
/** Headers a client sees that must not depend on which path answered. */
const COMPARED = [
  "content-type",
  "cache-control",
  "allow",
  "retry-after",
  "x-accel-buffering",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "permissions-policy",
  "content-security-policy",
  "strict-transport-security",
];

interface Probe {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** An event stream: how many of its first frames to compare. */
  stream?: number;
}

interface Seen {
  status: number;
  body: unknown;
  headers: Record<string, string | null>;
  hot: boolean;
}

/**
 * An SSE answer as the event names of its first `count` frames: the snapshot on connect (retry, phase,
 * roster, round, leaderboard, and `me` for a phone).
 */
async function firstEvents(response: Response, count: number): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const names = () => [...text.matchAll(/^(retry|event): ?(\S*)\n/gm)].map((m) => `${m[1]}:${m[2]}`);
  const deadline = Date.now() + 5_000;
  while (names().length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return names().slice(0, count);
}

async function probe(p: Probe): Promise<Seen> {
  const response = await fetchResend(`${serverInfo().baseURL}${p.path}`, { method: p.method, headers: p.headers, body: p.body });
  const headers = Object.fromEntries(COMPARED.map((h) => [h, response.headers.get(h)]));
  const hot = response.headers.get(MARK) === "1";
  if (p.stream) return { status: response.status, body: await firstEvents(response, p.stream), headers, hot };
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: compared as text
  }
  return { status: response.status, body, headers, hot };
}

test("the hot handlers answer the live stream and the rating write exactly as Next's routes do", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  await signInViaApi(context, facilitator);
  const fac = FacilitatorApi.of(context);
  const { code } = await fac.createSession({ title: "Hot path", dimensions: ["Talent"], k: 2 });
  const ann = await joinViaApi(code, "Ann");
  const bob = await joinViaApi(code, "Bob");
  await fac.mustAct(code, "open-round");
  const origin = serverInfo().baseURL;
  const json = { "Content-Type": "application/json" };
  const asAnn = { ...json, Authorization: `Bearer ${ann.token}` };
  const rating = `/api/sessions/${code}/ratings/${bob.id}`;

  const probes = (round: string): Probe[] => [
    { name: "events, unknown code", method: "GET", path: "/api/sessions/ZZZZZZ/events" },
    { name: "events, bad view", method: "GET", path: `/api/sessions/${code}/events?view=bogus` },
    { name: "events, wrong method", method: "POST", path: `/api/sessions/${code}/events`, headers: json, body: "{}" },
    { name: "events, a phone", method: "GET", path: `/api/sessions/${code}/events`, headers: { Authorization: `Bearer ${ann.token}` }, stream: 6 },
    { name: "events, the projector over HTTPS", method: "GET", path: `/api/sessions/${code}/events?view=screen`, headers: { "X-Forwarded-Proto": "https" }, stream: 5 },
    { name: "rating, unknown code", method: "PUT", path: `/api/sessions/ZZZZZZ/ratings/${bob.id}`, headers: asAnn, body: '{"scores":{"talent":3}}' },
    { name: "rating, no participant", method: "PUT", path: rating, headers: json, body: '{"scores":{"talent":3}}' },
    { name: "rating, cookie from another site", method: "PUT", path: rating, headers: { ...json, Cookie: `stk_p_${code}=${ann.token}`, Origin: "https://evil.example" }, body: '{"scores":{"talent":3}}' },
    { name: "rating, not JSON", method: "PUT", path: rating, headers: asAnn, body: "{scores" },
    { name: "rating, wrong media type", method: "PUT", path: rating, headers: { ...asAnn, "Content-Type": "text/plain" }, body: '{"scores":{"talent":3}}' },
    { name: "rating, a score that is no number", method: "PUT", path: rating, headers: asAnn, body: '{"scores":{"talent":"five"}}' },
    { name: "rating, too large", method: "PUT", path: rating, headers: asAnn, body: JSON.stringify({ scores: { talent: 3 }, pad: "x".repeat(70_000) }) },
    { name: "rating, wrong method", method: "GET", path: rating },
    { name: "rating, yourself", method: "PUT", path: `/api/sessions/${code}/ratings/${ann.id}`, headers: asAnn, body: '{"scores":{"talent":3}}' },
    { name: "rating, ok", method: "PUT", path: rating, headers: { ...asAnn, "Idempotency-Key": `tap-${round}` }, body: '{"scores":{"talent":4}}' },
    { name: "rating, the same tap again", method: "PUT", path: rating, headers: { ...asAnn, "Idempotency-Key": `tap-${round}` }, body: '{"scores":{"talent":1}}' },
    { name: "rating, a cookie from the app itself", method: "PUT", path: rating, headers: { ...json, Cookie: `stk_p_${code}=${ann.token}`, Origin: origin }, body: '{"scores":{"talent":5}}' },
  ];

  const run = async (round: string) => {
    const seen: Record<string, Seen> = {};
    for (const p of probes(round)) seen[p.name] = await probe(p);
    return seen;
  };

  const hot = await run("hot");
  // Who answered: the hot handlers, for every probe but HEAD/OPTIONS (none here).
  for (const [name, s] of Object.entries(hot)) expect(s.hot, `${name} was answered by the hot handler`).toBe(true);
  expect(hot["events, unknown code"]).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  expect(hot["events, bad view"]).toMatchObject({ status: 400, body: { error: { code: "validation_failed", field: "view" } } });
  expect(hot["events, wrong method"]).toMatchObject({ status: 405, body: { error: { code: "method_not_allowed" } }, headers: { allow: "GET, HEAD" } });
  expect(hot["events, a phone"]).toMatchObject({ status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform" } });
  expect(hot["events, a phone"]!.body).toEqual(["retry:2000", "event:phase", "event:roster", "event:round", "event:leaderboard", "event:me"]);
  expect(hot["events, the projector over HTTPS"]!.headers["strict-transport-security"]).toContain("max-age=");
  expect(hot["rating, unknown code"]).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  expect(hot["rating, no participant"]).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
  expect(hot["rating, cookie from another site"]).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  expect(hot["rating, not JSON"]).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
  expect(hot["rating, wrong media type"]).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
  expect(hot["rating, a score that is no number"]).toMatchObject({ status: 400, body: { error: { code: "validation_failed" } } });
  expect(hot["rating, too large"]).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
  expect(hot["rating, wrong method"]).toMatchObject({ status: 405, body: { error: { code: "method_not_allowed" } }, headers: { allow: "PUT" } });
  expect(hot["rating, ok"]).toMatchObject({ status: 200, body: { ok: true, targetId: bob.id, scores: { talent: 4 } } });
  // Idempotency: the repeat gets the first answer, not its own body.
  expect(hot["rating, the same tap again"]!.body).toEqual(hot["rating, ok"]!.body);
  expect(hot["rating, a cookie from the app itself"]).toMatchObject({ status: 200, body: { scores: { talent: 5 } } });
  for (const [name, s] of Object.entries(hot)) {
    expect(s.headers["x-content-type-options"], name).toBe("nosniff");
    expect(s.headers["content-security-policy"], name).toContain("default-src 'none'");
  }

  // The same probes with the hot path off: Next's route handlers answer, and a client sees the same.
  try {
    await restartServer("SIGTERM", { STAKHANOV_HOT_PATH: "off" });
    const next = await run("next");
    const comparable = (seen: Record<string, Seen>) =>
      Object.fromEntries(
        Object.entries(seen).map(([name, s]) => {
          const body = s.body as { version?: unknown };
          // A write's version counts the session's changes: it moved on between the two rounds.
          const normalized = body && typeof body === "object" && "version" in body ? { ...body, version: typeof body.version } : s.body;
          return [name, { status: s.status, body: normalized, headers: s.headers }];
        }),
      );
    for (const s of Object.values(next)) expect(s.hot).toBe(false);
    expect(comparable(next)).toEqual(comparable(hot));
  } finally {
    await restartServer();
  }
  await context.close();
});
