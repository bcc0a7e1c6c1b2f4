// next-intl's per-request configuration (wired in next.config.js): which language this page
// request speaks (lib/i18n/locales.ts decides; proxy.ts passes the path) and its messages.
import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { LANGUAGE_COOKIE, PHONE_LANGUAGE_COOKIE, isLocale, resolveLocale } from "@/lib/i18n/locales";
import { PATH_HEADER, sessionLanguage } from "@/lib/i18n/server";
import { SERVER_TIME_ZONE } from "@/lib/i18n/format";
import { MESSAGES } from "@/messages";

export default getRequestConfig(async ({ locale: explicit }) => {
  // An explicit language (getTranslations({ locale })) wins: the debrief's exports, a session's content.
  const locale = isLocale(explicit)
    ? explicit
    : await (async () => {
        const [h, c] = await Promise.all([headers(), cookies()]);
        return resolveLocale({
          path: h.get(PATH_HEADER),
          ownCookie: c.get(LANGUAGE_COOKIE)?.value ?? null,
          phoneCookie: c.get(PHONE_LANGUAGE_COOKIE)?.value ?? null,
          acceptLanguage: h.get("accept-language"),
          sessionLanguage,
        });
      })();
  return { locale, messages: MESSAGES[locale], timeZone: SERVER_TIME_ZONE };
});
