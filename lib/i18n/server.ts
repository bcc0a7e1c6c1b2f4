// Server-side helpers for languages: the session's language by join code, and translators for code
// that runs outside React (the debrief's readings, a session's default content).
import { createTranslator } from "next-intl";
import { getDb } from "@/lib/db/client";
import { MESSAGES } from "@/messages";
import type { Locale } from "./locales";

export { PATH_HEADER } from "./locales";

export async function sessionLanguage(code: string): Promise<string | null> {
  const session = await getDb().session.findUnique({ where: { code }, select: { language: true } });
  return session?.language ?? null;
}

/** A translator for one language, usable anywhere on the server (no request needed). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}
