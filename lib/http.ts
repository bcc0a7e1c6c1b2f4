// Thin helpers for route handlers: parse → authorize → domain → respond, with
// every failure mapped once to { error: { code, message } }.
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, errorBody, statusOf, toAppError } from "./errors";

export const MAX_JSON_BYTES = 64 * 1024;

export function json<T>(data: T, init?: number | ResponseInit): NextResponse {
  const options = typeof init === "number" ? { status: init } : init;
  return NextResponse.json(data, { ...options, headers: { "Cache-Control": "no-store", ...options?.headers } });
}

/** Any failure as the API answers it: status, JSON body, headers (also the custom server's hot path). */
export function errorParts(error: unknown): { status: number; body: ReturnType<typeof errorBody>; headers: Record<string, string> } {
  const appError = toAppError(error);
  if (appError.code === "internal") console.error(error);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (appError.details?.retryAfterSeconds) headers["Retry-After"] = String(appError.details.retryAfterSeconds);
  if (appError.details?.allow) headers.Allow = appError.details.allow.join(", ");
  return { status: statusOf(appError.code), body: errorBody(appError), headers };
}

export function errorResponse(error: unknown): NextResponse {
  const { status, body, headers } = errorParts(error);
  return NextResponse.json(body, { status, headers });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so no exception becomes an unshaped 500. */
export function route<C = unknown>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Handlers for the methods a route does not have: a JSON 405 with `Allow`, like every other error
 * (Next's own 405 has no body). A route file ends with, e.g.,
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: HttpMethod[]): Record<HttpMethod, Handler<unknown>> {
  const refuse = route(async (request: Request) => {
    throw methodNotAllowed(request.method, allowed);
  });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}

/** The 405 for `method` on a path that answers `allowed` (and HEAD with GET). */
export function methodNotAllowed(method: string, allowed: readonly HttpMethod[]): AppError {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])];
  return new AppError("method_not_allowed", `${method} is not allowed here; this path answers ${allow.join(", ")}.`, { allow });
}

/**
 * The media type of a Content-Type header, exactly: `application/json` with at
 * most a UTF-8 charset parameter. `text/plain; application/json` (a cross-site
 * "simple" request in disguise) or `application/jsonp` are not JSON.
 */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const [essence, ...params] = header.split(";");
  if (essence?.trim().toLowerCase() !== "application/json") return false;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) return false;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1").toLowerCase();
    if (name !== "charset" || (value !== "utf-8" && value !== "utf8")) return false;
  }
  return true;
}

/**
 * Reads a request body as text, refusing it as soon as it passes `maxBytes`:
 * a chunked body with no Content-Length is never buffered past the cap.
 */
export async function readTextCapped(request: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new AppError("payload_too_large", "The request body is too large.");
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("payload_too_large", "The request body is too large.");
    }
    chunks.push(value);
  }
  return decodeUtf8(chunks, total);
}

/** Chunks of a body as text; 400 when they are not UTF-8. */
export function decodeUtf8(chunks: readonly Uint8Array[], total: number): string {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
}

/** Reads a JSON body (exact media type, streaming size cap) and validates it. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  assertJsonContentType(request.headers.get("content-type"));
  return parseJson(await readTextCapped(request), schema);
}

/** 415 unless the Content-Type is exactly JSON (isJsonContentType). */
export function assertJsonContentType(header: string | null): void {
  if (!isJsonContentType(header)) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
}

/** A JSON body's text, parsed and validated: 400 when it is not JSON, zod's error when it does not fit. */
export function parseJson<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}
