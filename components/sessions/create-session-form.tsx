"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useErrorText } from "@/components/i18n/use-error-text";
import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "@/lib/i18n/locales";
import { DEFAULT_K, DIMENSION_LABEL_MAX, MAX_DIMENSIONS, MAX_K, MIN_K } from "@/lib/domain/session-config";

interface ApiError {
  error?: { code?: string; message?: string; field?: string };
}

interface DimensionRow {
  id: number;
  label: string;
}

type FormError = { message: string; field?: string };
type FocusRequest = { id: number; target: "input" | "up" | "down" } | { id: null; target: "add" };

const TITLE_MAX = 80;

const PRESETS = ["nosedive-arc", "whole-essay", "none"] as const;

/**
 * The "New session" form: title, the session's language, rating dimensions (the essay's seven by
 * default, in that language) and the anonymity threshold k. `defaults` holds the seven labels in
 * every language (the server reads them from the content catalogs).
 */
export function CreateSessionForm({ defaults }: { defaults: Record<Locale, readonly string[]> }) {
  const t = useTranslations("facilitator.create");
  const errorText = useErrorText();
  const pageLocale = useLocale();
  const router = useRouter();
  const baseId = useId();
  const [title, setTitle] = useState("");
  const [language, setLanguage] = useState<Locale>(pageLocale);
  const [rows, setRows] = useState<DimensionRow[]>(() => defaults[pageLocale].map((label, id) => ({ id, label })));
  const [k, setK] = useState(String(DEFAULT_K));
  const [preset, setPreset] = useState<"nosedive-arc" | "whole-essay" | "none">("nosedive-arc");
  const [error, setError] = useState<FormError | null>(null);
  const [pending, setPending] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const nextId = useRef(defaults[pageLocale].length);
  const formRef = useRef<HTMLFormElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // Moving or removing a row re-orders the DOM; put focus back where the person was working.
  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.id === null) {
      formRef.current?.querySelector<HTMLElement>('[data-focus="add"]')?.focus();
      return;
    }
    const row = listRef.current?.querySelector<HTMLElement>(`[data-row-id="${focusRequest.id}"]`);
    if (!row) return;
    const wanted = row.querySelector<HTMLElement>(`[data-focus="${focusRequest.target}"]`);
    const fallback = row.querySelector<HTMLElement>(`[data-focus="${focusRequest.target === "up" ? "down" : "up"}"]`);
    const target = wanted && !(wanted as HTMLButtonElement).disabled ? wanted : fallback && !(fallback as HTMLButtonElement).disabled ? fallback : row.querySelector<HTMLElement>('[data-focus="input"]');
    target?.focus();
  }, [focusRequest]);

  /** What a button calls a row: its label, or its position while it has none. */
  const rowName = (row: DimensionRow, index: number) => row.label.trim() || t("unnamed", { number: index + 1 });

  /** A new session language re-labels the default dimensions the facilitator has not edited. */
  function changeLanguage(next: Locale) {
    const before = defaults[language];
    setRows((current) =>
      current.map((row) => {
        const index = before.indexOf(row.label);
        return index >= 0 && defaults[next][index] !== undefined ? { ...row, label: defaults[next][index]! } : row;
      }),
    );
    setLanguage(next);
  }

  const dimensionsFieldError = error?.field === "dimensions" ? error.message : null;
  const rowError = (index: number) => (error?.field === `dimensions.${index}` ? error.message : undefined);
  const atMax = rows.length >= MAX_DIMENSIONS;
  const atMin = rows.length <= 1;

  function clearErrorFor(field: string) {
    if (error?.field && (error.field === field || error.field.startsWith(`${field}.`) || field.startsWith(`${error.field}.`))) setError(null);
  }

  function updateLabel(id: number, label: string, index: number) {
    setRows((current) => current.map((r) => (r.id === id ? { ...r, label } : r)));
    clearErrorFor(`dimensions.${index}`);
    if (error?.field === "dimensions") setError(null);
  }

  function move(index: number, delta: -1 | 1) {
    const to = index + delta;
    const row = rows[index];
    if (!row || to < 0 || to >= rows.length) return;
    const next = [...rows];
    next.splice(index, 1);
    next.splice(to, 0, row);
    setRows(next);
    if (error?.field?.startsWith("dimensions")) setError(null);
    setAnnouncement(t("moved", { name: rowName(row, index), position: to + 1, total: rows.length }));
    setFocusRequest({ id: row.id, target: delta < 0 ? "up" : "down" });
  }

  function remove(index: number) {
    const row = rows[index];
    if (!row || rows.length <= 1) return;
    const next = rows.filter((r) => r.id !== row.id);
    setRows(next);
    if (error?.field?.startsWith("dimensions")) setError(null);
    setAnnouncement(t("removed", { name: rowName(row, index), count: next.length }));
    const neighbour = next[index] ?? next[index - 1];
    setFocusRequest(neighbour ? { id: neighbour.id, target: "input" } : { id: null, target: "add" });
  }

  function add() {
    if (rows.length >= MAX_DIMENSIONS) return;
    const id = nextId.current++;
    setRows([...rows, { id, label: "" }]);
    setAnnouncement(t("added", { number: rows.length + 1 }));
    setFocusRequest({ id, target: "input" });
  }

  function reset() {
    const fresh = defaults[language].map((label) => ({ id: nextId.current++, label }));
    setRows(fresh);
    if (error?.field?.startsWith("dimensions")) setError(null);
    setAnnouncement(t("resetDone"));
  }

  function focusField(field: string | undefined) {
    // Runs after the error renders, so the field's description already carries the message.
    requestAnimationFrame(() => {
      if (field === "title" || field === "k") formRef.current?.querySelector<HTMLElement>(`input[name="${field}"]`)?.focus();
      else if (field?.startsWith("dimensions.")) {
        const index = Number(field.split(".")[1]);
        const row = rows[index];
        if (row) listRef.current?.querySelector<HTMLElement>(`[data-row-id="${row.id}"] [data-focus="input"]`)?.focus();
      }
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const kValue = Number(k);
    if (k.trim() === "" || !Number.isInteger(kValue) || kValue < MIN_K || kValue > MAX_K) {
      const problem = { message: t("kError", { min: MIN_K, max: MAX_K }), field: "k" };
      setError(problem);
      focusField(problem.field);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/sessions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title, language, dimensions: rows.map((r) => r.label), k: kValue, ...(preset !== "none" ? { preset } : {}) }),
      });
      if (response.status !== 201) {
        const data = (await response.json().catch(() => ({}))) as ApiError;
        const problem = {
          message: data.error?.code ? errorText({ code: data.error.code, message: data.error.message ?? "" }) : t("failed"),
          field: data.error?.field,
        };
        setError(problem);
        setPending(false);
        focusField(problem.field);
        return;
      }
      const data = (await response.json()) as { session: { code: string } };
      // Stay "pending" while the control room loads.
      router.push(`/sessions/${data.session.code}`);
    } catch {
      setError({ message: errorText({ code: "network", message: "Could not reach the server. Check your connection and try again." }) });
      setPending(false);
    }
  }

  const knownField = error?.field === "title" || error?.field === "k" || error?.field?.startsWith("dimensions");
  const countHintId = `${baseId}-dims-hint`;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-6" aria-label={t("formLabel")} noValidate data-testid="create-session-form">
      {error && !knownField ? <Alert>{error.message}</Alert> : null}

      <TextField
        label={t("title")}
        name="title"
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          clearErrorFor("title");
        }}
        maxLength={TITLE_MAX}
        required
        autoComplete="off"
        placeholder={t("titlePlaceholder")}
        error={error?.field === "title" ? error.message : undefined}
      />

      <div className="flex flex-col gap-1">
        <label htmlFor={`${baseId}-language`} className="text-sm font-semibold">
          {t("language")}
        </label>
        <select
          id={`${baseId}-language`}
          name="language"
          value={language}
          onChange={(e) => {
            if (isLocale(e.target.value)) changeLanguage(e.target.value);
          }}
          aria-describedby={`${baseId}-language-hint`}
          className="min-h-12 max-w-xs rounded-md border-2 border-ink/30 bg-white px-3 text-base text-ink focus:border-ink"
          data-testid="session-language"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
        <p id={`${baseId}-language-hint`} className="text-sm text-steel">
          {t("languageHint")}
        </p>
      </div>

      <fieldset className="flex flex-col gap-3" aria-describedby={dimensionsFieldError ? `${baseId}-dims-error` : countHintId}>
        <legend className="mb-1 text-sm font-semibold">{t("dimensions")}</legend>
        <p className="text-sm text-steel">
          {t("dimensionsHint")}
        </p>
        <ol ref={listRef} className="flex flex-col gap-2" data-testid="dimension-list">
          {rows.map((row, index) => {
            const inputId = `${baseId}-dim-${row.id}`;
            const rowErr = rowError(index);
            const name = rowName(row, index);
            return (
              <li key={row.id} data-row-id={row.id} className="flex flex-col gap-1" data-testid="dimension-row">
                <div className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
                  <label htmlFor={inputId} className="w-full shrink-0 text-sm font-semibold sm:w-28">
                    {t("dimension", { number: index + 1 })}
                  </label>
                  <input
                    id={inputId}
                    data-focus="input"
                    value={row.label}
                    onChange={(e) => updateLabel(row.id, e.target.value, index)}
                    maxLength={DIMENSION_LABEL_MAX}
                    required
                    autoComplete="off"
                    aria-invalid={rowErr ? true : undefined}
                    aria-describedby={rowErr ? `${inputId}-error` : undefined}
                    className={`min-h-11 min-w-0 flex-1 rounded-md border-2 bg-white px-3 text-base text-ink ${rowErr ? "border-party" : "border-ink/30 focus:border-ink"}`}
                  />
                  <div className="flex shrink-0 gap-1">
                    <Button
                      variant="secondary"
                      className="w-11 px-0"
                      data-focus="up"
                      aria-label={t("moveUp", { name })}
                      title={index === 0 ? t("alreadyFirst") : t("moveUp", { name })}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </Button>
                    <Button
                      variant="secondary"
                      className="w-11 px-0"
                      data-focus="down"
                      aria-label={t("moveDown", { name })}
                      title={index === rows.length - 1 ? t("alreadyLast") : t("moveDown", { name })}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </Button>
                    <Button
                      variant="secondary"
                      className="w-11 px-0"
                      aria-label={t("remove", { name })}
                      aria-describedby={atMin ? countHintId : undefined}
                      title={atMin ? t("needOne") : t("remove", { name })}
                      disabled={atMin}
                      onClick={() => remove(index)}
                    >
                      <span aria-hidden="true">✕</span>
                    </Button>
                  </div>
                </div>
                {rowErr ? (
                  <p id={`${inputId}-error`} className="text-sm font-semibold text-party sm:pl-30">
                    <span aria-hidden="true">⚠ </span>
                    {rowErr}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
        {dimensionsFieldError ? (
          <p id={`${baseId}-dims-error`} className="text-sm font-semibold text-party">
            <span aria-hidden="true">⚠ </span>
            {dimensionsFieldError}
          </p>
        ) : null}
        <p id={countHintId} className="text-sm text-steel" data-testid="dimension-count">
          {t("count", { count: rows.length, max: MAX_DIMENSIONS })}
          {atMax ? t("atMax") : ""}
          {atMin ? t("atMin") : ""}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button data-focus="add" variant="secondary" onClick={add} disabled={atMax} aria-describedby={countHintId}>
            <span aria-hidden="true">+</span> {t("add")}
          </Button>
          <Button variant="ghost" onClick={reset}>
            {t("reset")}
          </Button>
        </div>
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
      </fieldset>

      <TextField
        label={t("k")}
        name="k"
        type="number"
        inputMode="numeric"
        min={MIN_K}
        max={MAX_K}
        step={1}
        value={k}
        onChange={(e) => {
          setK(e.target.value);
          clearErrorFor("k");
        }}
        required
        className="max-w-xs"
        hint={t("kHint", { min: MIN_K, max: MAX_K, default: DEFAULT_K })}
        error={error?.field === "k" ? error.message : undefined}
      />

      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-semibold">{t("agenda")}</legend>
        {PRESETS.map((id) => (
          <label key={id} className="flex items-start gap-3">
            <input type="radio" name="preset" className="mt-1 h-5 w-5 accent-party" checked={preset === id} onChange={() => setPreset(id)} />
            <span className="min-w-0 break-words hyphens-auto">
              <span className="font-semibold">{t(`presets.${id}.title`)}</span>
              <span className="block text-steel">{t(`presets.${id}.text`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <Button type="submit" size="lg" disabled={pending} className="self-start">
        {pending ? t("creating") : t("submit")}
      </Button>
    </form>
  );
}
