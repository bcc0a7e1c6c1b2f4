"use client";
// API errors stay English with stable codes (clients rely on them); a screen shows them in the
// reader's language: the server's own sentence in English (it is the most precise), otherwise the
// sentence for its code.
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { ERROR_CODES } from "@/lib/error-codes";

// Every API code, and "network" (no answer at all: components say so themselves).
const CODES = [...ERROR_CODES, "network"] as const;
type Code = (typeof CODES)[number];
const isCode = (code: string): code is Code => (CODES as readonly string[]).includes(code);

export function useErrorText(): (failure: { code: string; message: string }) => string {
  const t = useTranslations("common.errors");
  const locale = useLocale();
  return useCallback(
    (failure) => (locale === "en" && failure.message ? failure.message : t(isCode(failure.code) ? failure.code : "unknown")),
    [locale, t],
  );
}
