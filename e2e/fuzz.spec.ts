// Property-based fuzz of every API route (issue 13), against the production
// build: requests generated from the routes' own zod schemas (lib/api/schemas.ts)
// plus hostile headers, path parameters and media types. Whatever comes in, the
// answer is never a 5xx, and every error has the { error: { code, message } } shape.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { z } from "zod";
import * as schemas from "../lib/api/schemas";
import { FacilitatorApi, fetchResend, joinViaApi, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { restartServer, serverInfo } from "./support/server";
import { bodyArbitrary } from "./support/zod-arbitrary";

// Each run sends a batch of BATCH requests at once: RUNS × BATCH requests per route (200 by default).
const RUNS = Number(process.env.STAKHANOV_FUZZ_RUNS ?? "50");
const BATCH = 4;
const base = () => serverInfo().baseURL;

type Auth = "none" | "participant" | "facilitator" | "cookie";
interface RouteSpec {
  file: string;
  method: string;
  path: string; // with {code}, {participantId}, {any}
  schema: z.ZodType | null;
  auth: Auth;
}

const S = "app/api/sessions/[code]";
// Destructive routes (ending, archiving, deleting, kicking) last, so the others meet a live session.
const ROUTES: RouteSpec[] = [
  { file: "app/api/health/route.ts", method: "GET", path: "/api/health", schema: null, auth: "none" },
  { file: "app/api/openapi.json/route.ts", method: "GET", path: "/api/openapi.json", schema: null, auth: "none" },
  ...["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => ({ file: "app/api/[...path]/route.ts", method, path: "/api/{any}", schema: null, auth: "none" as Auth })),
  { file: "app/api/facilitators/route.ts", method: "POST", path: "/api/facilitators", schema: schemas.signUpSchema, auth: "none" },
  { file: "app/api/auth/[...nextauth]/route.ts", method: "GET", path: "/api/auth/{any}", schema: null, auth: "none" },
  { file: "app/api/auth/[...nextauth]/route.ts", method: "POST", path: "/api/auth/{any}", schema: null, auth: "none" },
  { file: "app/api/tokens/route.ts", method: "GET", path: "/api/tokens", schema: null, auth: "cookie" },
  { file: "app/api/tokens/route.ts", method: "POST", path: "/api/tokens", schema: schemas.createTokenBody, auth: "cookie" },
  { file: "app/api/tokens/[id]/route.ts", method: "DELETE", path: "/api/tokens/{any}", schema: null, auth: "cookie" },
  { file: "app/api/sessions/route.ts", method: "GET", path: "/api/sessions", schema: null, auth: "facilitator" },
  { file: "app/api/sessions/route.ts", method: "POST", path: "/api/sessions", schema: schemas.createSessionBody, auth: "facilitator" },
  { file: `${S}/route.ts`, method: "GET", path: "/api/sessions/{code}", schema: null, auth: "none" },
  { file: `${S}/route.ts`, method: "PATCH", path: "/api/sessions/{code}", schema: schemas.sessionSettingsBody, auth: "facilitator" },
  { file: `${S}/participants/route.ts`, method: "GET", path: "/api/sessions/{code}/participants", schema: null, auth: "none" },
  { file: `${S}/participants/route.ts`, method: "POST", path: "/api/sessions/{code}/participants", schema: schemas.joinBody, auth: "none" },
  { file: `${S}/participants/[id]/route.ts`, method: "PATCH", path: "/api/sessions/{code}/participants/{participantId}", schema: schemas.renameBody, auth: "facilitator" },
  { file: `${S}/participants/[id]/rejoin-code/route.ts`, method: "POST", path: "/api/sessions/{code}/participants/{participantId}/rejoin-code", schema: null, auth: "facilitator" },
  { file: `${S}/rejoin/route.ts`, method: "POST", path: "/api/sessions/{code}/rejoin", schema: schemas.rejoinBody, auth: "none" },
  { file: `${S}/me/route.ts`, method: "GET", path: "/api/sessions/{code}/me", schema: null, auth: "participant" },
  { file: `${S}/me/rejoin-code/route.ts`, method: "POST", path: "/api/sessions/{code}/me/rejoin-code", schema: null, auth: "participant" },
  { file: `${S}/leaderboard/route.ts`, method: "GET", path: "/api/sessions/{code}/leaderboard", schema: null, auth: "none" },
  { file: `${S}/qr/route.ts`, method: "GET", path: "/api/sessions/{code}/qr", schema: null, auth: "none" },
  { file: `${S}/events/route.ts`, method: "GET", path: "/api/sessions/{code}/events", schema: null, auth: "participant" },
  { file: `${S}/agenda/route.ts`, method: "GET", path: "/api/sessions/{code}/agenda", schema: null, auth: "facilitator" },
  { file: `${S}/agenda/route.ts`, method: "PUT", path: "/api/sessions/{code}/agenda", schema: schemas.agendaBody, auth: "facilitator" },
  { file: `${S}/ratings/route.ts`, method: "GET", path: "/api/sessions/{code}/ratings", schema: null, auth: "participant" },
  { file: `${S}/ratings/[targetId]/route.ts`, method: "PUT", path: "/api/sessions/{code}/ratings/{participantId}", schema: schemas.ratingBody, auth: "participant" },
  { file: `${S}/self-rating/route.ts`, method: "GET", path: "/api/sessions/{code}/self-rating", schema: null, auth: "participant" },
  { file: `${S}/self-rating/route.ts`, method: "PUT", path: "/api/sessions/{code}/self-rating", schema: schemas.selfRatingBody, auth: "participant" },
  { file: `${S}/statement/route.ts`, method: "PUT", path: "/api/sessions/{code}/statement", schema: schemas.statementBody, auth: "participant" },
  { file: `${S}/rif-votes/[targetId]/route.ts`, method: "PUT", path: "/api/sessions/{code}/rif-votes/{participantId}", schema: schemas.rifVoteBody, auth: "participant" },
  { file: `${S}/denunciations/route.ts`, method: "POST", path: "/api/sessions/{code}/denunciations", schema: schemas.denunciationBody, auth: "participant" },
  { file: `${S}/appeal/route.ts`, method: "POST", path: "/api/sessions/{code}/appeal", schema: schemas.appealBody, auth: "participant" },
  { file: `${S}/proposals/route.ts`, method: "POST", path: "/api/sessions/{code}/proposals", schema: schemas.proposalBody, auth: "participant" },
  { file: `${S}/proposals/[proposalId]/vote/route.ts`, method: "PUT", path: "/api/sessions/{code}/proposals/{any}/vote", schema: schemas.proposalVoteBody, auth: "participant" },
  { file: `${S}/round-control/route.ts`, method: "GET", path: "/api/sessions/{code}/round-control", schema: null, auth: "facilitator" },
  { file: `${S}/round-control/route.ts`, method: "POST", path: "/api/sessions/{code}/round-control", schema: schemas.roundControlBody, auth: "facilitator" },
  { file: `${S}/reflection/route.ts`, method: "POST", path: "/api/sessions/{code}/reflection", schema: schemas.reflectionOpenBody, auth: "facilitator" },
  { file: `${S}/reflection/mine/route.ts`, method: "GET", path: "/api/sessions/{code}/reflection/mine", schema: null, auth: "participant" },
  { file: `${S}/reflection/mine/route.ts`, method: "PUT", path: "/api/sessions/{code}/reflection/mine", schema: schemas.reflectionSchema, auth: "participant" },
  { file: `${S}/reflection/spotlight/route.ts`, method: "POST", path: "/api/sessions/{code}/reflection/spotlight", schema: schemas.spotlightBody, auth: "facilitator" },
  { file: `${S}/report/route.ts`, method: "GET", path: "/api/sessions/{code}/report", schema: null, auth: "participant" },
  { file: `${S}/debrief/route.ts`, method: "GET", path: "/api/sessions/{code}/debrief", schema: null, auth: "facilitator" },
  { file: `${S}/export/[file]/route.ts`, method: "GET", path: "/api/sessions/{code}/export/{any}", schema: null, auth: "facilitator" },
  { file: `${S}/actions/route.ts`, method: "POST", path: "/api/sessions/{code}/actions", schema: schemas.sessionActionBody, auth: "facilitator" },
  { file: `${S}/archive/route.ts`, method: "POST", path: "/api/sessions/{code}/archive", schema: schemas.archiveBody, auth: "facilitator" },
  { file: `${S}/participants/[id]/route.ts`, method: "DELETE", path: "/api/sessions/{code}/participants/{participantId}", schema: null, auth: "facilitator" },
  { file: `${S}/route.ts`, method: "DELETE", path: "/api/sessions/{code}", schema: null, auth: "facilitator" },
];

interface World {
  code: string;
  participants: ApiParticipant[];
  apiToken: string;
  cookie: string;
}
let world: World;

/** Route files and their exported methods, read from the source: the table above must cover them all. */
function routeMethods(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        for (const m of source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b|(?:handler|notFound) as (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${m[1] ?? m[2]} ${full}`);
      }
    }
  };
  walk("app/api");
  return found.sort();
}

const nastySegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constantFrom("..", "%2e%2e", "%00", "ABCDEF", "0", "-1", "null", "a".repeat(300), "%E0%A4%A", "🙂", "<x>"),
);

function requestArbitrary(spec: RouteSpec) {
  const segment = (kind: "code" | "participantId" | "any") =>
    kind === "code"
      ? fc.oneof({ weight: 8, arbitrary: fc.constant(world.code) }, { weight: 1, arbitrary: fc.constant(world.code.toLowerCase()) }, { weight: 1, arbitrary: nastySegment })
      : kind === "participantId"
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.participants.map((p) => p.id)) }, { weight: 1, arbitrary: nastySegment })
        : spec.path.startsWith("/api/auth/")
          ? fc.constantFrom("session", "csrf", "providers", "signin", "signin/credentials", "callback/credentials", "signout", "error", "_log", "nope/x/y")
          : spec.path.includes("/export/")
            ? fc.oneof(fc.constantFrom("ratings.csv", "summary.csv", "session.json", "x.csv"), nastySegment)
            : nastySegment;
  const contentType = fc.oneof(
    { weight: 12, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom("text/plain; application/json", "application/json; charset=latin1", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json;;") },
  );
  const rawBody = fc.oneof(
    { weight: 10, arbitrary: bodyArbitrary(spec.schema).map((b) => (b === undefined ? undefined : JSON.stringify(b))) },
    { weight: 1, arbitrary: fc.constantFrom("{", "[", '{"a":', "\u0000", "null", "1e999", '"\ud800"', "x".repeat(70_000)) },
  );
  const participant = fc.constantFrom(...world.participants);
  const authHeader = fc.oneof(
    { weight: 10, arbitrary: fc.constant("valid") },
    { weight: 1, arbitrary: fc.constantFrom("none", "Bearer ", "Bearer stp_forged", "Bearer stk_forged", "Basic YTpi", "Bearer " + "x".repeat(500)) },
  );
  const cookieJunk = fc.oneof({ weight: 6, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(`stk_p_${world.code}=%E0%A4%A`, "=;=;", "a=%", `stk_p_${world.code}=${"z".repeat(5000)}`) });
  return fc.record({
    code: segment("code"),
    participantId: segment("participantId"),
    any: segment("any"),
    contentType,
    body: rawBody,
    participant,
    auth: authHeader,
    cookieJunk,
    query: fc.oneof(fc.constant(""), fc.constantFrom("?view=screen", "?view=control", "?view=%00", "?ban=true", "?reveal=names,scores", "?reveal=" + "x,".repeat(200), "?a=%E0%A4%A")),
  });
}

type RequestSample = ReturnType<typeof requestArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function headersFor(spec: RouteSpec, r: RequestSample): Record<string, string> {
  const headers: Record<string, string> = { Origin: base() };
  if (r.body !== undefined) headers["Content-Type"] = r.contentType;
  const cookies: string[] = [];
  if (r.cookieJunk) cookies.push(r.cookieJunk);
  if (r.auth === "valid") {
    if (spec.auth === "participant") headers.Authorization = `Bearer ${r.participant.token}`;
    if (spec.auth === "facilitator") headers.Authorization = `Bearer ${world.apiToken}`;
    if (spec.auth === "cookie") cookies.push(world.cookie);
  } else if (r.auth !== "none") {
    headers.Authorization = r.auth;
  }
  if (cookies.length) headers.Cookie = cookies.join("; ");
  return headers;
}

test.describe.serial("API fuzz", () => {
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const request = context.request;
    const { createFacilitator } = await import("./support/fixtures");
    const creds = await createFacilitator(request, "Fuzz Facilitator");
    await signInViaApi(context, creds);
    const { code } = await FacilitatorApi.of(context).createSession({ title: "Fuzz target" });
    const tokenResponse = await request.post("/api/tokens", { data: { name: "fuzz" }, headers: { Origin: base() } });
    const { secret } = (await tokenResponse.json()) as { secret: string };
    const participants = [];
    for (const name of ["Fuzz Ana", "Fuzz Ben", "Fuzz Cleo", "Fuzz Dan"]) participants.push(await joinViaApi(code, name));
    await FacilitatorApi.of(context).mustAct(code, "open-round");
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    world = { code, participants, apiToken: secret, cookie };
    await context.close();
  });

  test.afterAll(async () => {
    // Rate limits and the fuzzed session live in the server's memory: the rest of the suite gets a fresh process.
    await restartServer();
  });

  test("the table covers every route and method", () => {
    const covered = [...new Set(ROUTES.map((r) => `${r.method} ${r.file}`))].sort();
    expect(covered).toEqual(routeMethods());
  });

  for (const spec of ROUTES) {
    test(`${spec.method} ${spec.path}: ${RUNS * BATCH} generated requests, no 5xx, errors shaped`, async () => {
      test.setTimeout(120_000);
      const statuses = new Map<number, number>();
      const one = async (r: RequestSample) => {
        const url =
          base() +
          spec.path
            .replace("{code}", encodeURIComponent(r.code))
            .replace("{participantId}", encodeURIComponent(r.participantId))
            .replace("{any}", spec.path.startsWith("/api/auth/") ? r.any : encodeURIComponent(r.any)) +
          r.query;
        const controller = new AbortController();
        const hasBody = spec.method !== "GET" && spec.method !== "DELETE";
        const response = await fetchResend(url, {
          method: spec.method,
          headers: headersFor(spec, r),
          body: hasBody ? r.body : undefined,
          redirect: "manual",
          signal: controller.signal,
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const type = response.headers.get("content-type") ?? "";
        let text = "";
        if (type.includes("text/event-stream")) controller.abort();
        else text = await response.text();
        expect(response.status, `${spec.method} ${url} → ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) {
          const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof body.error?.code, text).toBe("string");
          expect(typeof body.error?.message, text).toBe("string");
        }
      };
      await fc.assert(
        fc.asyncProperty(fc.array(requestArbitrary(spec), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          await Promise.all(batch.map(one));
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      test.info().annotations.push({ type: "statuses", description: JSON.stringify(Object.fromEntries(statuses)) });
    });
  }
});
