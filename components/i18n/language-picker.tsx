"use client";
// The language switch: the reader's own pages (a cookie for a year), or one phone in one session.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { LANGUAGE_COOKIE, LOCALES, LOCALE_NAMES, PHONE_LANGUAGE_COOKIE, type Locale } from "@/lib/i18n/locales";

const YEAR = 60 * 60 * 24 * 365;

export function LanguagePicker({ sessionCode, className = "" }: { /** Set on a phone: the choice applies to this session only. */ sessionCode?: string; className?: string }) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const choose = (next: Locale) => {
    const cookie = sessionCode ? `${PHONE_LANGUAGE_COOKIE}=${encodeURIComponent(`${sessionCode}:${next}`)}` : `${LANGUAGE_COOKIE}=${next}`;
    document.cookie = `${cookie}; path=/; max-age=${YEAR}; samesite=lax`;
    startTransition(() => router.refresh());
  };
  return (
    <div className={`flex items-center gap-2 text-sm ${className}`}>
      <label htmlFor={id} className="text-steel">
        {sessionCode ? t("phoneLabel") : t("label")}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        onChange={(event) => choose(event.target.value as Locale)}
        className="min-h-9 rounded-md border-2 border-ink/30 bg-white px-2 text-ink"
        data-testid={sessionCode ? "phone-language" : "own-language"}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
