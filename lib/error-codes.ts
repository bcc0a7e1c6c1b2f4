// The stable `code` of every API error answer ({ error: { code, message } }): the one list that
// lib/errors.ts (statuses), the OpenAPI schema (lib/api/schemas.ts) and the screens' sentences per
// code (components/i18n/use-error-text.ts) all use. No imports: the browser bundle takes it too.
export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "method_not_allowed",
  "rate_limited",
  "payload_too_large",
  "unsupported_media_type",
  "unavailable",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
