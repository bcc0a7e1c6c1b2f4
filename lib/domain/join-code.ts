// Join codes that participants type from a projector: short, case-insensitive
// and free of look-alike symbols. Randomness is injected so tests stay pure.

/** Crockford-like alphabet without 0/O and 1/I, which people misread on a screen. */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 6;

/**
 * Draws a code from `random` (callers pass `crypto.randomBytes`).
 * The alphabet has 32 symbols and 32 divides 256, so `byte % 32` is exactly
 * uniform and needs no rejection sampling.
 */
export function generateJoinCode(random: (n: number) => Uint8Array): string {
  const bytes = random(JOIN_CODE_LENGTH);
  if (bytes.length < JOIN_CODE_LENGTH) throw new Error(`generateJoinCode needs ${JOIN_CODE_LENGTH} random bytes`);
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    code += JOIN_CODE_ALPHABET.charAt((bytes[i] ?? 0) % JOIN_CODE_ALPHABET.length);
  }
  return code;
}

const SEPARATORS = /[\s.-]+/g;
const VALID_CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** Turns what someone typed (" k7q-x4m ") into a code ("K7QX4M"), or null if it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(SEPARATORS, "");
  return VALID_CODE.test(code) ? code : null;
}
