// Random tokens and their stored form. Tokens are shown once and only their
// SHA-256 is kept: a leaked database does not leak usable credentials.
import crypto from "node:crypto";

/** A URL-safe random string carrying `bytes` bytes (default 32 = 256 bits) of entropy. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export const API_TOKEN_PREFIX = "stk_";

/** A new personal API token: the secret to show once, its hash to store, a short prefix to display. */
export function newApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}
