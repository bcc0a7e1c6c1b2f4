// The route → schema registry and the OpenAPI 3.1 document built from it.
//
// API_OPERATIONS lists every method of every route under app/api with the very
// zod object its handler validates the body with (lib/api/schemas.ts). The
// document at GET /api/openapi.json, the reference page at /api-reference and
// any tool that needs the routes' contracts (e.g. an API fuzz: iterate
// API_OPERATIONS, generate bodies from `body`) read it from here.
// lib/api/openapi.test.ts fails when a route or method is missing, or when a
// route reads its body with a schema other than the one registered.
import { z } from "zod";
import * as schemas from "./schemas";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call: nobody in particular, the session's facilitator (cookie or API token), a participant (cookie or token). */
export type ApiAuth = "none" | "facilitator" | "participant";

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. /api/sessions/{code}/ratings/{targetId}. */
  path: string;
  tag: "Health" | "Accounts" | "Sessions" | "Participants" | "Interactive rounds" | "After the session" | "Reference";
  summary: string;
  description?: string;
  auth: ApiAuth;
  /** The zod schema the handler passes to readJson; absent when the route reads no body. */
  body?: z.ZodType;
  query?: Record<string, { description: string; schema: z.ZodType; required?: boolean }>;
  /** Status and description of the successful answer. */
  success: { status: number; description: string; contentType?: string };
}

const code = "{code}";
const s = `/api/sessions/${code}`;

export const API_OPERATIONS: readonly ApiOperation[] = [
  // Health and reference
  { method: "GET", path: "/api/health", tag: "Health", summary: "Health check", description: "200 `{ ok: true }` when the database answers, 503 otherwise.", auth: "none", success: { status: 200, description: "The database answers." } },
  { method: "GET", path: "/api/openapi.json", tag: "Reference", summary: "This OpenAPI document", auth: "none", success: { status: 200, description: "The OpenAPI 3.1 document." } },
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method): ApiOperation => ({ method, path: "/api/{path}", tag: "Reference", summary: "Any other /api path", description: "Answers 404 in the JSON error shape (never an HTML page).", auth: "none", success: { status: 404, description: "No such API route." } })),

  // Accounts
  { method: "POST", path: "/api/facilitators", tag: "Accounts", summary: "Sign up", description: "Creates a facilitator account. The client then signs in through next-auth.", auth: "none", body: schemas.signUpBody, success: { status: 201, description: "The new facilitator." } },
  { method: "GET", path: "/api/auth/{nextauth}", tag: "Accounts", summary: "next-auth (session, csrf, providers, sign-out page)", description: "next-auth's own endpoints, e.g. `/api/auth/csrf`, `/api/auth/session`.", auth: "none", success: { status: 200, description: "next-auth's answer." } },
  { method: "POST", path: "/api/auth/{nextauth}", tag: "Accounts", summary: "next-auth (sign in with credentials, sign out)", description: "`/api/auth/callback/credentials` with a form body `email`, `password`, `csrfToken` signs in and sets the session cookie.", auth: "none", success: { status: 200, description: "next-auth's answer (often a redirect)." } },
  { method: "GET", path: "/api/tokens", tag: "Accounts", summary: "My API tokens (never the secrets)", auth: "facilitator", success: { status: 200, description: "The tokens." } },
  { method: "POST", path: "/api/tokens", tag: "Accounts", summary: "Create an API token", description: "The secret is returned once.", auth: "facilitator", body: schemas.createTokenBody, success: { status: 201, description: "The token and its secret." } },
  { method: "DELETE", path: "/api/tokens/{id}", tag: "Accounts", summary: "Revoke an API token", auth: "facilitator", success: { status: 200, description: "Revoked." } },

  // Sessions (facilitator)
  { method: "POST", path: "/api/sessions", tag: "Sessions", summary: "Create a session", auth: "facilitator", body: schemas.createSessionBody, success: { status: 201, description: "The new session with its join code and link." } },
  { method: "GET", path: "/api/sessions", tag: "Sessions", summary: "My sessions, newest first", auth: "facilitator", success: { status: 200, description: "The sessions." } },
  { method: "GET", path: s, tag: "Sessions", summary: "Public session state", description: "Phase, round and timer, dimensions and scale.", auth: "none", success: { status: 200, description: "The session." } },
  { method: "DELETE", path: s, tag: "Sessions", summary: "Delete a session and all its data", auth: "facilitator", success: { status: 200, description: "Deleted." } },
  { method: "PATCH", path: s, tag: "Sessions", summary: "The release clock, the participant cap and the language", description: "The room's `language` (en, de, ru: the projector, the phones and the debrief speak it). How often rating-derived figures move on screens (`release.seconds`, 1–10, plus up to 1 s of jitter) and after how many new distinct raters per person (`release.batch`, 2 up to k); how many people may join (`maxParticipants`, 2–20,000, not below those already in). Either or both. See docs/decisions/0011-release-clock.md and 0021-admission-behind-nat.md.", auth: "facilitator", body: schemas.sessionSettingsBody, success: { status: 200, description: "The release settings, the participant cap and the language now in force." } },
  { method: "POST", path: `${s}/actions`, tag: "Sessions", summary: "Drive the session", description: "Rounds, timer, joining, leaderboard visibility. 409 when the phase does not allow the action.", auth: "facilitator", body: schemas.sessionActionBody, success: { status: 200, description: "The session after the action." } },
  { method: "GET", path: `${s}/agenda`, tag: "Sessions", summary: "The agenda and how far the session has got", auth: "facilitator", success: { status: 200, description: "The agenda." } },
  { method: "PUT", path: `${s}/agenda`, tag: "Sessions", summary: "Replace the rounds not opened yet", auth: "facilitator", body: schemas.agendaBody, success: { status: 200, description: "The agenda." } },
  { method: "POST", path: `${s}/archive`, tag: "Sessions", summary: "Archive (read-only) or unarchive", auth: "facilitator", body: schemas.archiveBody, success: { status: 200, description: "The new state." } },
  { method: "DELETE", path: `${s}/participants/{id}`, tag: "Sessions", summary: "Remove a participant", description: "`?ban=true` bans (cannot rejoin); otherwise a kick (may rejoin).", auth: "facilitator", query: { ban: { description: "`true` bans the participant.", schema: z.enum(["true", "false"]) } }, success: { status: 200, description: "Removed." } },
  { method: "PATCH", path: `${s}/participants/{id}`, tag: "Sessions", summary: "Rename a participant", auth: "facilitator", body: schemas.renameBody, success: { status: 200, description: "Renamed." } },
  { method: "POST", path: `${s}/participants/{id}/rejoin-code`, tag: "Sessions", summary: "Issue a participant a fresh rejoin code", description: "For someone who lost their phone's identity. Answered once; the previous code stops working. 409 for someone removed.", auth: "facilitator", success: { status: 200, description: "The new rejoin code (shown once)." } },
  { method: "GET", path: `${s}/round-control`, tag: "Interactive rounds", summary: "The interactive round as the control room sees it", auth: "facilitator", success: { status: 200, description: "The round's control view." } },
  { method: "POST", path: `${s}/round-control`, tag: "Interactive rounds", summary: "Drive the interactive rounds", description: "Hearing, moderation, reveal, free-text decisions, lifting rule changes.", auth: "facilitator", body: schemas.roundControlBody, success: { status: 200, description: "The round's control view." } },

  // Participants
  { method: "POST", path: `${s}/participants`, tag: "Participants", summary: "Join a session", description: "Creates a participant, sets the identity cookie and returns the token and a rejoin code once. 403 when the session is full (its participant cap); 429 with Retry-After over the session's join rate (docs/decisions/0021-admission-behind-nat.md).", auth: "none", body: schemas.joinBody, success: { status: 201, description: "The participant, the token and the rejoin code." } },
  { method: "GET", path: `${s}/participants`, tag: "Participants", summary: "Active participants (ids and display names only)", auth: "none", success: { status: 200, description: "The participants." } },
  { method: "POST", path: `${s}/rejoin`, tag: "Participants", summary: "Continue on another device with a rejoin code", auth: "none", body: schemas.rejoinBody, success: { status: 200, description: "The participant and a new token." } },
  { method: "POST", path: `${s}/me/rejoin-code`, tag: "Participants", summary: "A new rejoin code (the previous one stops working)", auth: "participant", success: { status: 200, description: "The new rejoin code." } },
  { method: "GET", path: `${s}/me`, tag: "Participants", summary: "My score, rank, neighbours (≥ k raters only)", auth: "participant", success: { status: 200, description: "My view." } },
  { method: "PUT", path: `${s}/ratings/{targetId}`, tag: "Participants", summary: "Rate a colleague", description: "Some or all dimensions; the latest score per dimension counts.", auth: "participant", body: schemas.ratingBody, success: { status: 200, description: "Stored." } },
  { method: "GET", path: `${s}/ratings`, tag: "Participants", summary: "The scores I gave this round", auth: "participant", success: { status: 200, description: "My ratings, by colleague." } },
  { method: "GET", path: `${s}/leaderboard`, tag: "Participants", summary: "The current round's ranking", description: "Hidden from everyone but the facilitator while the facilitator hides it.", auth: "none", success: { status: 200, description: "The ranking." } },
  { method: "GET", path: `${s}/qr`, tag: "Participants", summary: "The join link as an SVG QR code", auth: "none", success: { status: 200, description: "An SVG image.", contentType: "image/svg+xml" } },
  {
    method: "GET",
    path: `${s}/events`,
    tag: "Participants",
    summary: "Live updates (Server-Sent Events)",
    description: "A full snapshot on every (re)connect, then `phase`, `leaderboard`, `me`, `round` and (control view) `control` events. See docs/api.md for the events.",
    auth: "none",
    query: { view: { description: "`phone` (default), `screen` (projector) or `control` (the session's facilitator).", schema: z.enum(["phone", "screen", "control"]) } },
    success: { status: 200, description: "An event stream.", contentType: "text/event-stream" },
  },
  { method: "GET", path: `${s}/self-rating`, tag: "Participants", summary: "My self-rating", auth: "participant", success: { status: 200, description: "My self-rating." } },
  { method: "PUT", path: `${s}/self-rating`, tag: "Participants", summary: "Rate myself (lobby or first round)", auth: "participant", body: schemas.selfRatingBody, success: { status: 200, description: "Stored." } },

  // Interactive rounds (participants)
  { method: "POST", path: `${s}/denunciations`, tag: "Interactive rounds", summary: "Tribunal: denounce a colleague anonymously", auth: "participant", body: schemas.denunciationBody, success: { status: 201, description: "Recorded (names nobody)." } },
  { method: "POST", path: `${s}/appeal`, tag: "Interactive rounds", summary: "Tribunal: the accused's one appeal", auth: "participant", body: schemas.appealBody, success: { status: 201, description: "Recorded." } },
  { method: "PUT", path: `${s}/statement`, tag: "Interactive rounds", summary: "Reduction in Force: my public statement", auth: "participant", body: schemas.statementBody, success: { status: 200, description: "Stored." } },
  { method: "PUT", path: `${s}/rif-votes/{targetId}`, tag: "Interactive rounds", summary: "Reduction in Force: vote keep or let go", auth: "participant", body: schemas.rifVoteBody, success: { status: 200, description: "Stored." } },
  { method: "POST", path: `${s}/proposals`, tag: "Interactive rounds", summary: "Production conference: propose a rule change", auth: "participant", body: schemas.proposalBody, success: { status: 201, description: "The proposal's id." } },
  { method: "PUT", path: `${s}/proposals/{proposalId}/vote`, tag: "Interactive rounds", summary: "Production conference: vote on a proposal", auth: "participant", body: schemas.proposalVoteBody, success: { status: 200, description: "Stored." } },

  // After the session
  { method: "POST", path: `${s}/reflection`, tag: "After the session", summary: "Open or close the reflection questions", auth: "facilitator", body: schemas.reflectionOpenBody, success: { status: 200, description: "The new state." } },
  { method: "GET", path: `${s}/reflection/mine`, tag: "After the session", summary: "My reflection answers", auth: "participant", success: { status: 200, description: "My answers, if any." } },
  { method: "PUT", path: `${s}/reflection/mine`, tag: "After the session", summary: "Answer the reflection", auth: "participant", body: schemas.reflectionBody, success: { status: 200, description: "Stored." } },
  { method: "POST", path: `${s}/reflection/spotlight`, tag: "After the session", summary: "Show one anonymous reflection on the projector (null clears)", auth: "facilitator", body: schemas.spotlightBody, success: { status: 200, description: "The spotlight." } },
  { method: "GET", path: `${s}/report`, tag: "After the session", summary: "My private report", description: "Own data only; every figure behind k. Closed once the session is archived.", auth: "participant", success: { status: 200, description: "The report." } },
  {
    method: "GET",
    path: `${s}/debrief`,
    tag: "After the session",
    summary: "The facilitator's debrief statistics",
    auth: "facilitator",
    query: { reveal: { description: "`churn` shows names on the rank-churn chart and the ranking replay (the same ranks) only.", schema: z.string().max(64) } },
    success: { status: 200, description: "The debrief." },
  },
  {
    method: "GET",
    path: `${s}/export/{file}`,
    tag: "After the session",
    summary: "Exports: ratings, scores, reflections or scenes as .csv or .json",
    auth: "facilitator",
    success: { status: 200, description: "A CSV or JSON download.", contentType: "text/csv" },
  },
];

const PATH_PARAMS: Record<string, { description: string; schema: z.ZodType }> = {
  code: { description: "The session's join code (e.g. `KX4P7Q`; case and dashes do not matter).", schema: z.string().min(1).max(16) },
  id: { description: "A participant's or token's id.", schema: z.string().min(1).max(64) },
  targetId: { description: "The colleague's participant id.", schema: z.string().min(1).max(64) },
  proposalId: { description: "The proposal's id.", schema: z.string().min(1).max(64) },
  file: { description: "`ratings`, `scores`, `reflections` or `scenes`, then `.csv` or `.json`.", schema: z.string().regex(/^(ratings|scores|reflections|scenes)\.(csv|json)$/) },
  nextauth: { description: "next-auth's action, e.g. `session`, `csrf`, `callback/credentials`, `signout`.", schema: z.string() },
};

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends: the schema's input side. */
export function inputJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

const SECURITY: Record<ApiAuth, Array<Record<string, string[]>>> = {
  none: [],
  facilitator: [{ facilitatorToken: [] }, { facilitatorCookie: [] }],
  participant: [{ participantToken: [] }, { participantCookie: [] }],
};

let cached: Record<string, unknown> | null = null;

/** The OpenAPI 3.1 document of every route, built once from API_OPERATIONS. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const parameters = [
      ...names.map((name) => ({
        name,
        in: "path",
        required: true,
        description: PATH_PARAMS[name]?.description ?? name,
        schema: inputJsonSchema(PATH_PARAMS[name]?.schema ?? z.string()),
      })),
      ...Object.entries(op.query ?? {}).map(([name, q]) => ({ name, in: "query", required: q.required ?? false, description: q.description, schema: inputJsonSchema(q.schema) })),
    ];
    const contentType = op.success.contentType ?? "application/json";
    const operation: Record<string, unknown> = {
      operationId: operationId(op),
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: inputJsonSchema(op.body) } } } } : {}),
      security: SECURITY[op.auth],
      responses: {
        [String(op.success.status)]: { description: op.success.description, content: { [contentType]: {} } },
        default: { description: "An error: `{ error: { code, message, field? } }` with the matching status (see docs/api.md).", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operation;
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Stakhanov HTTP API",
      version: "1",
      description:
        "Every route of the app, generated from the zod schemas the route handlers validate with (lib/api/openapi.ts). Request bodies are JSON (at most 64 KB). Flows, anonymity guarantees and the live events are described in docs/api.md.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [...new Set(API_OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: inputJsonSchema(schemas.errorResponse) },
      securitySchemes: {
        facilitatorToken: { type: "http", scheme: "bearer", description: "A facilitator's personal API token (`stk_…`), from /settings or POST /api/tokens." },
        facilitatorCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The signed-in browser's next-auth cookie (`__Secure-next-auth.session-token` over HTTPS). State changes must come from the app's own origin." },
        participantToken: { type: "http", scheme: "bearer", description: "The participant token (`stp_…`) returned once by joining or rejoining." },
        participantCookie: { type: "apiKey", in: "cookie", name: "stk_p_CODE", description: "The participant cookie `stk_p_<CODE>` set on joining (one per session). State changes must come from the app's own origin." },
      },
    },
  };
  return cached;
}

function operationId(op: ApiOperation): string {
  const words = op.path
    .replace(/^\/api\//, "")
    .split("/")
    .map((part) => part.replace(/[{}.]/g, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase()))
    .filter(Boolean);
  return [op.method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join("");
}
