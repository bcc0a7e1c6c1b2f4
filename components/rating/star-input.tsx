"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

/**
 * A 1–5 star rating as a real radio group: keyboard and screen readers work
 * natively; each star is a 44 px touch target; the chosen value is also
 * written as a number, so colour is not the only signal.
 */
export function StarInput({
  label,
  shortLabel,
  value,
  onChange,
  disabled,
  min = 1,
  max = 5,
}: {
  /** What screen readers hear for the group ("Talent for Ada"). */
  label: string;
  /** What is written next to the stars ("Talent"). */
  shortLabel: string;
  value: number | undefined;
  onChange: (value: number) => void;
  disabled?: boolean;
  min?: number;
  max?: number;
}) {
  const t = useTranslations("live.stars");
  const name = useId();
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <fieldset className="flex min-w-0 items-center justify-between gap-2" disabled={disabled}>
      <legend className="sr-only">{label}</legend>
      <span aria-hidden="true" className="min-w-0 flex-1 text-sm leading-tight font-semibold">
        {shortLabel}
      </span>
      <span className="flex shrink-0 items-center">
        {values.map((v) => {
          const filled = value !== undefined && v <= value;
          return (
            <label key={v} className="group relative inline-flex h-11 w-10 cursor-pointer items-center justify-center has-[:disabled]:cursor-not-allowed">
              <input
                type="radio"
                name={name}
                value={v}
                checked={value === v}
                onChange={() => onChange(v)}
                className="peer sr-only"
                aria-label={t("value", { value: v, max })}
              />
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className={`h-8 w-8 rounded peer-focus-visible:outline peer-focus-visible:outline-3 peer-focus-visible:outline-gold ${
                  filled ? "fill-gold stroke-ink" : "fill-white stroke-steel/60"
                } group-hover:stroke-ink peer-disabled:opacity-50`}
                strokeWidth={1.5}
              >
                <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6L2.5 9.4l6.6-.8z" />
              </svg>
            </label>
          );
        })}
        <span className="w-6 text-right font-mono text-sm tabular-nums" aria-hidden="true">
          {value ?? "–"}
        </span>
      </span>
    </fieldset>
  );
}
