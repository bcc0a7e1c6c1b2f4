// One error type for everything a client can get wrong, mapped once to the
// JSON shape { error: { code, message } } with the right HTTP status.
import { ZodError } from "zod";
import type { ErrorCode } from "./error-codes";

export { ERROR_CODES, type ErrorCode } from "./error-codes";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

// Route bundles can each carry their own copy of this module, while live
// objects (the session hub) are shared across them through globalThis; so
// errors are recognised by a global brand, not by `instanceof`.
const BRAND = Symbol.for("stakhanov.AppError");

export function isAppError(error: unknown): error is AppError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

export class AppError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { retryAfterSeconds?: number; field?: string; suggestion?: string; allow?: readonly string[] },
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** A readable single sentence from a zod error: the first issue, prefixed by its field. */
export function describeZodError(error: ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: "Invalid input." };
  const field = issue.path.length > 0 ? issue.path.join(".") : undefined;
  const message = issue.message.endsWith(".") ? issue.message : `${issue.message}.`;
  return { message, field };
}

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details?.field ? { field: error.details.field } : {}),
      ...(error.details?.suggestion ? { suggestion: error.details.suggestion } : {}),
    },
  };
}

function isZodError(error: unknown): error is ZodError {
  return error instanceof ZodError || (error instanceof Error && error.name === "ZodError" && Array.isArray((error as ZodError).issues));
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (isZodError(error)) {
    const { message, field } = describeZodError(error);
    return new AppError("validation_failed", message, { field });
  }
  return new AppError("internal", "Something went wrong on the server. Nothing you sent was lost; try again.");
}
