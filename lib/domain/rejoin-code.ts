// Personal rejoin codes: shown on a participant's screen so they can continue
// on another device. 8 symbols from the join-code alphabet = 40 bits, stored
// hashed, rate-limited per session, address and participant (lib/api/admission.ts), and rotated on request.
import crypto from "node:crypto";
import { JOIN_CODE_ALPHABET } from "./join-code";

export const REJOIN_CODE_LENGTH = 8;

export function newRejoinCode(random: (n: number) => Uint8Array = (n) => crypto.randomBytes(n)): string {
  // 32 symbols divide 256 evenly, so taking a byte modulo 32 is unbiased.
  return [...random(REJOIN_CODE_LENGTH)].map((b) => JOIN_CODE_ALPHABET[b % 32]).join("");
}

/** "abcd-efgh " → "ABCDEFGH"; null when it cannot be a rejoin code. */
export function normalizeRejoinCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s.-]/g, "");
  if (cleaned.length !== REJOIN_CODE_LENGTH) return null;
  return [...cleaned].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? cleaned : null;
}

/** "ABCDEFGH" → "ABCD-EFGH", easier to read aloud and copy. */
export function formatRejoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
