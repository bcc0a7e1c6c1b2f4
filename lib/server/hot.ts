// The live hot path on the custom server (scripts/server.mjs, docs/decisions/0023): plain node:http
// handlers for the two requests a lecture hall sends thousands of, GET /api/sessions/{code}/events
// and PUT /api/sessions/{code}/ratings/{targetId}, without Next's per-request route layer. They call
// the very implementation the route handlers call (lib/api/events.ts, lib/api/rating.ts), and answer
// with the same statuses, JSON error shape and headers. Everything else, and whatever these handlers
// cannot answer without Next's request context, goes to Next.
//
// instrumentation.ts (bundled and run by Next at boot) registers them on globalThis under HOT_PATH_KEY
// after the migrations ran; the custom server, plain JavaScript, finds them there. So they share
// every module-level state with the route handlers through the globalThis singletons (hubs, limits,
// idempotency store, database), never through a second copy of a module.
import type { IncomingMessage, ServerResponse } from "node:http";
import { openEvents } from "../api/events";
import { submitRating } from "../api/rating";
import { ratingBody } from "../api/schemas";
import { getEnv } from "../env";
import { assertJsonContentType, decodeUtf8, errorParts, methodNotAllowed, MAX_JSON_BYTES, parseJson, HTTP_METHODS, type HttpMethod } from "../http";
import { AppError } from "../errors";
import { nodeEventStream } from "../live/sse";
import { apiSecurityHeaders } from "../security/headers";
import type { z } from "zod";

export const HOT_PATH_KEY = Symbol.for("stakhanov.hotPath");

export interface HotPath {
  /** Answers the request, or calls `next()` to hand it to Next untouched. */
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

const EVENTS = /^\/api\/sessions\/([^/?]+)\/events(?:\?.*)?$/;
const RATING = /^\/api\/sessions\/([^/?]+)\/ratings\/([^/?]+)(?:\?.*)?$/;

/** A path segment as Next's router gives it to a route (percent-decoded), or null to leave it to Next. */
function segment(raw: string): string | null {
  if (raw === "." || raw === "..") return null;
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.includes("/") ? null : decoded;
  } catch {
    return null;
  }
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

function baseHeaders(req: IncomingMessage): Record<string, string> {
  const proto = req.headers["x-forwarded-proto"];
  const headers = apiSecurityHeaders(Array.isArray(proto) ? proto[0] : proto);
  if (getEnv().hotPath === "mark") headers["X-Stakhanov-Hot-Path"] = "1";
  return headers;
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...baseHeaders(req),
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function sendError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body, headers } = errorParts(error);
  sendJson(req, res, status, body, headers);
}

/** The body as text, refused past `maxBytes` as soon as it passes (lib/http.ts readTextCapped's rule). */
function readTextCapped(req: IncomingMessage, maxBytes = MAX_JSON_BYTES): Promise<string> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.reject(new AppError("payload_too_large", "The request body is too large."));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) {
        stop();
        req.resume(); // the rest is read and dropped
        reject(new AppError("payload_too_large", "The request body is too large."));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve(decodeUtf8(chunks, total));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** lib/http.ts readJson for a node:http request: exact media type, streaming size cap, schema. */
async function readJsonNode<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  const type = req.headers["content-type"];
  assertJsonContentType(type ?? null);
  return parseJson(await readTextCapped(req), schema);
}

const isApiMethod = (method: string): method is HttpMethod => (HTTP_METHODS as readonly string[]).includes(method);

export function createHotPath(): HotPath {
  function events(req: IncomingMessage, res: ServerResponse, next: () => void, code: string): void {
    // Listen for the disconnect before any await, so an early leave is never missed.
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    const request = { headers: webHeaders(req), url: req.url ?? "/" };
    openEvents(request, code, abort.signal, false).then(
      (start) => {
        if (!start) return next();
        if (abort.signal.aborted) return;
        nodeEventStream(res, baseHeaders(req), start);
      },
      (error) => sendError(req, res, error),
    );
  }

  function rating(req: IncomingMessage, res: ServerResponse, code: string, targetId: string): void {
    const request = { headers: webHeaders(req) };
    submitRating(request, code, targetId, () => readJsonNode(req, ratingBody)).then(
      (answer) => sendJson(req, res, 200, answer, { "Cache-Control": "no-store" }),
      (error) => sendError(req, res, error),
    );
  }

  return {
    handle(req, res, next) {
      const url = req.url ?? "";
      if (!url.startsWith("/api/sessions/")) return next();
      const method = req.method ?? "GET";
      let m = EVENTS.exec(url);
      if (m) {
        const code = segment(m[1]!);
        if (code === null || !isApiMethod(method)) return next(); // HEAD, OPTIONS: Next's own answers
        if (method !== "GET") return sendError(req, res, methodNotAllowed(method, ["GET"]));
        return events(req, res, next, code);
      }
      m = RATING.exec(url);
      if (m) {
        const code = segment(m[1]!);
        const targetId = segment(m[2]!);
        if (code === null || targetId === null || !isApiMethod(method)) return next();
        if (method !== "PUT") return sendError(req, res, methodNotAllowed(method, ["PUT"]));
        return rating(req, res, code, targetId);
      }
      next();
    },
  };
}

/** Called by instrumentation.ts once the database is ready: the custom server dispatches from now on. */
export function registerHotPath(): void {
  const g = globalThis as unknown as Record<symbol, HotPath | undefined>;
  if (getEnv().hotPath === "off") return;
  g[HOT_PATH_KEY] ??= createHotPath();
}
