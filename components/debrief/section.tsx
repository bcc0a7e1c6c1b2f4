import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

export type StatName = "gini" | "churn" | "reciprocity" | "revenge" | "cliques" | "halo" | "leniency" | "replay" | "ranking" | "reflection" | "tribunal" | "rif" | "conference";

/** One analysis: a heading, one sentence on what it shows, the headline number(s), then the chart. */
export function DebriefSection({
  id,
  title,
  what,
  stats,
  reading,
  children,
}: {
  id: string;
  title: string;
  /** ONE sentence: what this section shows. */
  what: string;
  stats: ReactNode;
  /** What this session's data says (or why there is not enough of it). */
  reading: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className="debrief-section flex scroll-mt-4 flex-col gap-5 rounded-lg border-2 border-ink bg-white p-6 shadow-[6px_6px_0_0_var(--color-ink)] print:gap-3 print:p-4 print:shadow-none"
    >
      <div className="flex flex-wrap items-start justify-between gap-x-8 gap-y-4">
        <div className="min-w-0 flex-1 basis-[28rem] print:basis-[60%]">
          <h2 id={`${id}-heading`} className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase break-words hyphens-auto sm:text-4xl print:text-2xl">
            {title}
          </h2>
          <p className="mt-2 text-xl leading-snug print:mt-1 print:text-sm">{what}</p>
        </div>
        <div className="flex flex-wrap gap-3">{stats}</div>
      </div>
      <div className="text-xl leading-snug print:text-sm" data-testid={`reading-${id}`}>
        {reading}
      </div>
      {children}
    </section>
  );
}

/** The highlighted headline number. The number itself carries data-testid="stat-<name>"; "—" when there is none. */
export function Stat({ name, value, label }: { name: StatName; value: string; label: string }) {
  return (
    <div className="flex min-w-[11rem] max-w-[18rem] flex-col rounded-md border-l-8 border-party bg-paper px-4 py-3 print:min-w-[8rem] print:max-w-[12rem] print:px-3 print:py-2">
      <span data-testid={`stat-${name}`} className="font-mono text-6xl font-bold leading-none tabular-nums text-party print:text-4xl">
        {value}
      </span>
      <span className="mt-2 text-base font-semibold leading-tight text-ink print:mt-1 print:text-xs">{label}</span>
    </div>
  );
}

/** A short note in the muted style, e.g. a legend or a caveat. */
export function Note({ children }: { children: ReactNode }) {
  return <p className="text-lg text-steel print:text-xs">{children}</p>;
}

/**
 * A pairwise section before the session has ended: its heading (so the table of contents still works)
 * and the one sentence that says why it waits. Marked with a padlock glyph and the words, not colour alone.
 */
export function LockedSection({ id, title }: { id: string; title: string }) {
  // The sentence is the page's own (the stored one, lib/debrief/build.ts, stays English for API clients).
  const t = useTranslations("debrief.view");
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      data-testid={`locked-${id}`}
      className="debrief-section flex scroll-mt-4 flex-col gap-3 rounded-lg border-2 border-dashed border-ink bg-paper p-6 print:p-4"
    >
      <h2 id={`${id}-heading`} className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase break-words hyphens-auto sm:text-4xl print:text-2xl">
        {title} <span className="text-2xl font-semibold normal-case text-steel">{t("lockedTitle")}</span>
      </h2>
      <p className="text-xl leading-snug print:text-sm" data-testid={`reading-${id}`}>
        <span aria-hidden="true">🔒 </span>
        {t("locked")}
      </p>
    </section>
  );
}
