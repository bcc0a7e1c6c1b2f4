"use client";
import { useTranslations } from "next-intl";
import { useContentText } from "@/components/live/rule-text";
import type { RoundPayload } from "@/components/live/types";

/** The production conference's decisions in force, on every screen. */
export function AmendmentsBanner({ amendments, size = "md" }: { amendments: RoundPayload["amendments"]; size?: "md" | "xl" }) {
  const t = useTranslations("live.amendments");
  const content = useContentText();
  if (amendments.length === 0) return null;
  const big = size === "xl";
  return (
    <section
      aria-label={t("title")}
      data-testid="amendments-banner"
      className={`rounded-lg border-4 border-gold bg-gold/15 ${big ? "px-6 py-3 text-2xl" : "px-3 py-2 text-sm"}`}
    >
      <p className={`font-bold uppercase tracking-wide ${big ? "text-gold" : "text-ink"}`}>
        <span aria-hidden="true">☭ </span>
        {t("title")}
      </p>
      <ul className={`${big ? "mt-1 flex flex-wrap gap-x-8" : "mt-1 list-disc pl-5"}`}>
        {amendments.map((a, i) => (
          <li key={`${a.kind}-${i}`} data-testid="amendment">
            {big ? <span aria-hidden="true">▸ </span> : null}
            {content.amendment(a)}
          </li>
        ))}
      </ul>
    </section>
  );
}
