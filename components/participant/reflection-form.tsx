"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { REFLECTION_ITEMS, REFLECTION_TEXT_MAX } from "@/lib/domain/reflection";

const LIKERT_VALUES = ["1", "2", "3", "4", "5"] as const;
import { api } from "./api";

/** How being rated felt: five statements on a 1–5 scale and one free answer (anonymous in the debrief). */
export function ReflectionForm({ code }: { code: string }) {
  const t = useTranslations("participant.reflect");
  const tc = useTranslations("content");
  const errorText = useErrorText();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [text, setText] = useState("");
  const [status, setStatus] = useState<"idle" | "saving" | "saved">("idle");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api<{ reflection: { answers: Record<string, number>; text: string } | null }>(`/api/sessions/${code}/reflection/mine`).then((r) => {
      if (cancelled || !r.ok || !r.data.reflection) return;
      // Merge: anything chosen before the saved answers arrived wins.
      const saved = r.data.reflection;
      setAnswers((a) => ({ ...saved.answers, ...a }));
      setText((t) => t || saved.text);
      setStatus("saved");
    });
    return () => {
      cancelled = true;
    };
  }, [code]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus("saving");
    setError(null);
    const result = await api(`/api/sessions/${code}/reflection/mine`, { method: "PUT", body: { answers, text } });
    if (!result.ok) {
      setError(errorText(result));
      setStatus("idle");
      return;
    }
    setStatus("saved");
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-labelledby="reflect-heading" noValidate>
      <div>
        <h2 id="reflect-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          {t("heading")}
        </h2>
        <p className="text-sm text-steel">{t("anonymous")}</p>
      </div>
      {REFLECTION_ITEMS.map((item) => (
        <fieldset key={item.key} className="rounded-lg border-2 border-ink/20 bg-white p-3" data-testid="reflection-item">
          <legend className="px-1 font-semibold">{tc(`reflection.${item.key}`)}</legend>
          <div className="mt-1 grid grid-cols-5 gap-1">
            {LIKERT_VALUES.map((value, i) => (
              <label key={value} className="flex min-h-14 min-w-0 cursor-pointer flex-col items-center justify-center rounded-md border-2 border-ink/20 p-1 text-center text-[11px] leading-tight hyphens-auto break-words has-[:checked]:border-ink has-[:checked]:bg-ink has-[:checked]:text-paper has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-gold">
                <input
                  type="radio"
                  className="sr-only"
                  name={item.key}
                  value={i + 1}
                  checked={answers[item.key] === i + 1}
                  onChange={() => {
                    setAnswers((a) => ({ ...a, [item.key]: i + 1 }));
                    setStatus("idle");
                  }}
                />
                <span className="font-mono text-base font-bold">{i + 1}</span>
                {tc(`likert.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label className="flex flex-col gap-1 font-semibold">
        {t("free")}
        <textarea
          value={text}
          maxLength={REFLECTION_TEXT_MAX}
          onChange={(e) => {
            setText(e.target.value);
            setStatus("idle");
          }}
          className="min-h-28 rounded-md border-2 border-ink/30 bg-white p-3 font-normal"
        />
        <span className="text-right text-xs font-normal text-steel">
          {text.length}/{REFLECTION_TEXT_MAX}
        </span>
      </label>
      {error ? <Alert>{error}</Alert> : null}
      {status === "saved" ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Button type="submit" size="lg" disabled={status === "saving"}>
        {status === "saving" ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
