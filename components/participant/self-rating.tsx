"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import type { PublicSession } from "@/components/live/types";
import { StarInput } from "@/components/rating/star-input";
import { api } from "./api";

/** Optional, private: how I see myself, compared later with how others saw me. */
export function SelfRating({ code, session }: { code: string; session: PublicSession }) {
  const t = useTranslations("participant.self");
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api<{ scores: Record<string, number> }>(`/api/sessions/${code}/self-rating`).then((r) => {
      // Merge: a tap made before this answer arrived wins over the stored value.
      if (!cancelled && r.ok) setScores((s) => ({ ...r.data.scores, ...s }));
    });
    return () => {
      cancelled = true;
    };
  }, [code]);

  async function rate(dimension: string, score: number) {
    const before = scores[dimension];
    setScores((s) => ({ ...s, [dimension]: score }));
    const result = await api(`/api/sessions/${code}/self-rating`, { method: "PUT", body: { scores: { [dimension]: score } } });
    if (!result.ok) {
      setError(errorText(result));
      setScores((s) => {
        const next = { ...s };
        if (before === undefined) delete next[dimension];
        else next[dimension] = before;
        return next;
      });
    } else setError(null);
  }

  const done = Object.keys(scores).length;
  return (
    <div className="rounded-lg border-2 border-dashed border-ink/40 bg-paper" data-testid="self-rating">
      <button type="button" className="flex min-h-14 w-full items-center justify-between gap-3 px-4 text-left" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span>
          <span className="block font-bold">{t("title")}</span>
          <span className="text-sm text-steel">{t("hint")}</span>
        </span>
        <span className="shrink-0 text-sm text-steel">
          {done}/{session.dimensions.length} <span aria-hidden="true">{open ? "▴" : "▾"}</span>
        </span>
      </button>
      {open ? (
        <div className="flex flex-col gap-1 border-t-2 border-ink/10 px-3 py-2">
          {session.dimensions.map((d) => (
            <StarInput key={d.key} label={t("starsFor", { dimension: d.label })} shortLabel={d.label} value={scores[d.key]} onChange={(v) => void rate(d.key, v)} min={session.scale.min} max={session.scale.max} />
          ))}
          {error ? <p className="text-sm font-semibold text-party">{error}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
