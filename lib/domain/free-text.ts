// Free text that other people's screens show (tribunal charges and appeals,
// RIF statements, conference proposals): filtered like display names. NFKC,
// whitespace folded to single spaces, and refused when it carries control,
// invisible or bidi characters (they can reorder or hide text on the projector).
import { z } from "zod";
import { FORBIDDEN_TEXT_CHARS } from "./names";

const FOLDABLE_SPACE = /[\t\n\v\f\r\p{Zs}\u2028\u2029]+/gu;

export function cleanPublicText(raw: string): string {
  return raw.normalize("NFKC").replace(FOLDABLE_SPACE, " ").trim();
}

export function hasForbiddenChars(text: string): boolean {
  return FORBIDDEN_TEXT_CHARS.test(text);
}

/** A zod step after the length pre-check: cleaned, then refused if anything forbidden is left. */
export const publicText = z
  .string()
  .transform(cleanPublicText)
  .refine((s) => !hasForbiddenChars(s), "The text contains control or direction characters that are not allowed.");
