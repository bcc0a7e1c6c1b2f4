"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export type Revealable = "churn";
const REVEALABLE: Revealable[] = ["churn"];

const EXPORTS = ["ratings.csv", "ratings.json", "scores.csv", "scores.json", "reflections.csv", "reflections.json", "scenes.csv", "scenes.json"] as const;

function revealHref(code: string, reveal: Revealable[]): string {
  const base = `/sessions/${code}/debrief`;
  return reveal.length ? `${base}?reveal=${reveal.join(",")}` : base;
}

/** Screen-only controls: names on/off per chart, print, exports and the way back. Hidden in print. */
export function DebriefToolbar({ code, revealed, ended }: { code: string; revealed: Revealable[]; ended: boolean }) {
  const t = useTranslations("debrief.toolbar");
  const chip = "inline-flex min-h-11 items-center gap-2 rounded-md border-2 px-3 text-sm font-semibold uppercase tracking-wide";
  return (
    <div className="flex flex-col gap-3 rounded-lg border-2 border-ink bg-white p-4 print:hidden" data-testid="debrief-toolbar">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-semibold uppercase tracking-wide text-steel" id="reveal-label">
            {t("showNames")}
          </span>
          {REVEALABLE.map((chart) => {
            const on = revealed.includes(chart);
            const next = on ? revealed.filter((c) => c !== chart) : REVEALABLE.filter((c) => c === chart || revealed.includes(c));
            return (
              <Link
                key={chart}
                href={revealHref(code, next)}
                scroll={false}
                replace
                data-testid={`reveal-${chart}`}
                aria-describedby="reveal-label"
                className={`${chip} ${on ? "border-ink bg-ink text-paper" : "border-ink/40 bg-white text-ink hover:border-ink"}`}
              >
                <span aria-hidden="true">{on ? "☑" : "☐"}</span>
                {t(`charts.${chart}`)}
                <span className="sr-only">{on ? t("namesShown") : t("pseudonyms")}</span>
              </Link>
            );
          })}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/sessions/${code}/present${revealed.length ? `?reveal=${revealed.join(",")}` : ""}`} className={buttonClasses("primary")} data-testid="debrief-present">
            {t("present")}
          </a>
          <button type="button" className={buttonClasses("primary")} onClick={() => window.print()} data-testid="debrief-print">
            {t("print")}
          </button>
          <a href={`/sessions/${code}`} className={buttonClasses("secondary")} data-testid="debrief-back">
            {t("back")}
          </a>
        </div>
      </div>
      <p className="text-sm text-steel">
        {t("note")}
        {ended ? "" : t("noteRunning")}
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t-2 border-ink/10 pt-3 text-sm">
        <span className="font-semibold uppercase tracking-wide text-steel">{t("exports")}</span>
        {EXPORTS.map((file) =>
          !ended && file.startsWith("ratings.") ? (
            <span key={file} className="font-mono text-steel" data-testid={`export-${file}`}>
              {file} <span className="font-sans">{t("afterEnd")}</span>
            </span>
          ) : (
            <a key={file} href={`/api/sessions/${code}/export/${file}`} download className="font-mono font-semibold underline underline-offset-4 hover:text-party" data-testid={`export-${file}`}>
              {file}
            </a>
          ),
        )}
      </div>
    </div>
  );
}
