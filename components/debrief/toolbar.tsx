"use client";

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
  const chip = "inline-flex min-h-11 items-center gap-2 rounded-md border-2 px-3 text-sm font-semibold uppercase tracking-wide";
  return (
    <div className="flex flex-col gap-3 rounded-lg border-2 border-ink bg-white p-4 print:hidden" data-testid="debrief-toolbar">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-semibold uppercase tracking-wide text-steel" id="reveal-label">
            Show names on:
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
                {chart}
                <span className="sr-only">{on ? "(names shown — select to hide them)" : "(pseudonyms — select to show names)"}</span>
              </Link>
            );
          })}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/sessions/${code}/present${revealed.length ? `?reveal=${revealed.join(",")}` : ""}`} className={buttonClasses("primary")} data-testid="debrief-present">
            Present full screen
          </a>
          <button type="button" className={buttonClasses("primary")} onClick={() => window.print()} data-testid="debrief-print">
            Print / save as PDF
          </button>
          <a href={`/sessions/${code}`} className={buttonClasses("secondary")} data-testid="debrief-back">
            ← Control room
          </a>
        </div>
      </div>
      <p className="text-sm text-steel">
        Names appear only on the chart you tick (and in what you print while it is ticked). The admiration network, reciprocity and
        leniency never show names: they would reveal who rated whom.
        {ended ? "" : " They open, with the ratings export, once you end the session; until then the debrief covers closed rounds only."}
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t-2 border-ink/10 pt-3 text-sm">
        <span className="font-semibold uppercase tracking-wide text-steel">Export (pseudonymised):</span>
        {EXPORTS.map((file) =>
          !ended && file.startsWith("ratings.") ? (
            <span key={file} className="font-mono text-steel" data-testid={`export-${file}`}>
              {file} <span className="font-sans">(after the end)</span>
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
