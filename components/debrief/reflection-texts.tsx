"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import { api } from "@/components/participant/api";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";

export interface ReflectionText {
  /** Opaque handle (a keyed hash), not the reflection's time-ordered id. */
  handle: string;
  text: string;
  hidden: boolean;
}

/** The anonymous free answers, each of which the facilitator can put on the projector (one at a time). */
export function ReflectionTexts({ code, texts, spotlight: initialSpotlight }: { code: string; texts: ReflectionText[]; spotlight: string | null }) {
  const [spotlight, setSpotlight] = useState(initialSpotlight);
  const m = useTranslations("debrief.texts");
  const errorText = useErrorText();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function show(handle: string | null) {
    setPending(handle ?? "clear");
    setError(null);
    const result = await api(`/api/sessions/${code}/reflection/spotlight`, { method: "POST", body: { handle } });
    setPending(null);
    if (result.ok) setSpotlight(handle);
    else setError(errorText(result));
  }

  if (texts.length === 0) return <p className="text-xl text-steel print:text-sm">{m("none")}</p>;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <h3 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">{m("heading", { count: texts.length })}</h3>
        <button
          type="button"
          className={buttonClasses("secondary")}
          disabled={spotlight === null || pending !== null}
          onClick={() => void show(null)}
          data-testid="spotlight-clear-all"
        >
          {m("clearAll")}
        </button>
      </div>
      <h3 className="hidden font-[family-name:var(--font-display)] text-lg font-bold uppercase print:block">{m("heading", { count: texts.length })}</h3>
      {error ? <Alert>{error}</Alert> : null}
      <ul className="flex flex-col gap-3" data-testid="reflection-texts">
        {texts.map((t) => {
          const on = spotlight === t.handle;
          return (
            <li
              key={t.handle}
              data-testid="reflection-text"
              className={`debrief-quote flex flex-wrap items-start justify-between gap-3 rounded-md border-l-8 px-4 py-3 ${
                on ? "border-party bg-gold/20" : t.hidden ? "border-steel/40 bg-paper/60 print:hidden" : "border-ink bg-paper"
              }`}
            >
              <blockquote className="min-w-0 flex-1 basis-[24rem] text-2xl leading-snug print:text-sm">
                <span aria-hidden="true" className="font-bold text-party">
                  “
                </span>
                <span className={t.hidden ? "text-steel" : ""}>{t.text}</span>
                <span aria-hidden="true" className="font-bold text-party">
                  ”
                </span>
                {t.hidden ? <span className="ml-2 text-base font-semibold uppercase text-steel">{m("hidden")}</span> : null}
              </blockquote>
              <div className="flex items-center gap-2 print:hidden">
                {on ? (
                  <>
                    <span className="text-sm font-bold uppercase tracking-wide text-party" data-testid="spotlight-on">
                      {m("onProjector")}
                    </span>
                    <button type="button" className={buttonClasses("secondary")} disabled={pending !== null} onClick={() => void show(null)}>
                      {m("clear")}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className={buttonClasses("primary")}
                    disabled={pending !== null || t.hidden}
                    onClick={() => void show(t.handle)}
                    data-testid="spotlight-show"
                  >
                    {pending === t.handle ? m("showing") : m("show")}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
