// Thin helpers for route handlers: parse → authorize → domain → respond, with
// every failure mapped once to { error: { code, message } }.
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, errorBody, statusOf, toAppError } from "./errors";

const MAX_JSON_BYTES = 64 * 1024;

export function json<T>(data: T, init?: number | ResponseInit): NextResponse {
  const options = typeof init === "number" ? { status: init } : init;
  return NextResponse.json(data, { ...options, headers: { "Cache-Control": "no-store", ...options?.headers } });
}

export function errorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  if (appError.code === "internal") console.error(error);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (appError.details?.retryAfterSeconds) headers["Retry-After"] = String(appError.details.retryAfterSeconds);
  return NextResponse.json(errorBody(appError), { status: statusOf(appError.code), headers });
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

/** Reads a JSON body (size-capped, content-type checked) and validates it. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
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
