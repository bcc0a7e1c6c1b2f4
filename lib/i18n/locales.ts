// The languages Stakhanov speaks, and how a request picks one. Pure: no Next.js here.
// Adding a language: README "Adding a language".
export const LOCALES = ["en", "de", "ru"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's own name, as a picker shows it (never translated: a reader looks for their own). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch", ru: "Русский" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language for an Accept-Language header ("de-CH,de;q=0.9,en;q=0.8"):
 * the highest-weighted entry whose primary subtag we speak; the default when none matches.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** The request header proxy.ts sets to the page's path (a client's own value is overwritten). */
export const PATH_HEADER = "x-stakhanov-path";

/** The cookie of a facilitator's own language setting (their pages: dashboard, control room, settings). */
export const LANGUAGE_COOKIE = "stakhanov_lang";
/** The cookie of a participant's own choice on their phone, for one session: "CODE:ru". */
export const PHONE_LANGUAGE_COOKIE = "stakhanov_phone_lang";

/** Which language a page speaks: the room's (projector, phone, debrief) or the reader's own. */
export type PageScope = { kind: "phone"; code: string } | { kind: "room"; code: string } | { kind: "own" };

/**
 * The scope of a page path. Phones (`/s/CODE`, `/s/CODE/report`) speak the session's language unless
 * the participant picked another; the projector (`/s/CODE/screen`), the debrief and the presenter
 * speak the session's; everything else (the facilitator's own pages) the reader's own.
 */
export function pageScope(path: string | null | undefined): PageScope {
  if (!path) return { kind: "own" };
  const phone = /^\/s\/([^/?#]+)(?:\/report)?\/?$/.exec(path);
  if (phone) return { kind: "phone", code: decodeURIComponent(phone[1]!).toUpperCase() };
  const room = /^\/(?:s\/([^/?#]+)\/screen|sessions\/([^/?#]+)\/(?:debrief|present))\/?$/.exec(path);
  if (room) return { kind: "room", code: decodeURIComponent((room[1] ?? room[2])!).toUpperCase() };
  return { kind: "own" };
}

/** The phone cookie's language if it was set for this session. */
export function phoneChoice(cookie: string | null | undefined, code: string): Locale | null {
  if (!cookie) return null;
  const [cookieCode, locale] = cookie.split(":");
  return cookieCode?.toUpperCase() === code.toUpperCase() && isLocale(locale) ? locale : null;
}

export interface LocaleInputs {
  path: string | null;
  ownCookie: string | null;
  phoneCookie: string | null;
  acceptLanguage: string | null;
  /** The session's language by join code (null: unknown code). */
  sessionLanguage: (code: string) => Promise<string | null>;
}

/** The language of one page request. */
export async function resolveLocale(inputs: LocaleInputs): Promise<Locale> {
  const own = isLocale(inputs.ownCookie) ? inputs.ownCookie : negotiateLocale(inputs.acceptLanguage);
  const scope = pageScope(inputs.path);
  if (scope.kind === "own") return own;
  if (scope.kind === "phone") {
    const chosen = phoneChoice(inputs.phoneCookie, scope.code);
    if (chosen) return chosen;
  }
  const language = await inputs.sessionLanguage(scope.code);
  return isLocale(language) ? language : own;
}
