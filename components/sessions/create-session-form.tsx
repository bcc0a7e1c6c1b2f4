"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { DEFAULT_DIMENSIONS, DEFAULT_K, DIMENSION_LABEL_MAX, MAX_DIMENSIONS, MAX_K, MIN_K } from "@/lib/domain/session-config";

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

function defaultRows(): DimensionRow[] {
  return DEFAULT_DIMENSIONS.map((label, id) => ({ id, label }));
}

/** What a button calls a row: its label, or its position while it has none. */
function rowName(row: DimensionRow, index: number): string {
  return row.label.trim() || `dimension ${index + 1}`;
}

/** The "New session" form: title, rating dimensions (the essay's seven by default) and the anonymity threshold k. */
export function CreateSessionForm() {
  const router = useRouter();
  const baseId = useId();
  const [title, setTitle] = useState("");
  const [rows, setRows] = useState<DimensionRow[]>(defaultRows);
  const [k, setK] = useState(String(DEFAULT_K));
  const [preset, setPreset] = useState<"nosedive-arc" | "whole-essay" | "none">("nosedive-arc");
  const [error, setError] = useState<FormError | null>(null);
  const [pending, setPending] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const nextId = useRef(DEFAULT_DIMENSIONS.length);
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
    setAnnouncement(`Moved ${rowName(row, index)} to position ${to + 1} of ${rows.length}.`);
    setFocusRequest({ id: row.id, target: delta < 0 ? "up" : "down" });
  }

  function remove(index: number) {
    const row = rows[index];
    if (!row || rows.length <= 1) return;
    const next = rows.filter((r) => r.id !== row.id);
    setRows(next);
    if (error?.field?.startsWith("dimensions")) setError(null);
    setAnnouncement(`Removed ${rowName(row, index)}. ${next.length} dimension${next.length === 1 ? "" : "s"} left.`);
    const neighbour = next[index] ?? next[index - 1];
    setFocusRequest(neighbour ? { id: neighbour.id, target: "input" } : { id: null, target: "add" });
  }

  function add() {
    if (rows.length >= MAX_DIMENSIONS) return;
    const id = nextId.current++;
    setRows([...rows, { id, label: "" }]);
    setAnnouncement(`Added dimension ${rows.length + 1}. Type its name.`);
    setFocusRequest({ id, target: "input" });
  }

  function reset() {
    const fresh = DEFAULT_DIMENSIONS.map((label) => ({ id: nextId.current++, label }));
    setRows(fresh);
    if (error?.field?.startsWith("dimensions")) setError(null);
    setAnnouncement(`Reset to the essay's seven dimensions.`);
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
      const problem = { message: `The anonymity threshold must be a whole number from ${MIN_K} to ${MAX_K}.`, field: "k" };
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
        body: JSON.stringify({ title, dimensions: rows.map((r) => r.label), k: kValue, ...(preset !== "none" ? { preset } : {}) }),
      });
      if (response.status !== 201) {
        const data = (await response.json().catch(() => ({}))) as ApiError;
        const problem = { message: data.error?.message ?? "Could not create the session. Try again.", field: data.error?.field };
        setError(problem);
        setPending(false);
        focusField(problem.field);
        return;
      }
      const data = (await response.json()) as { session: { code: string } };
      // Stay "pending" while the control room loads.
      router.push(`/sessions/${data.session.code}`);
    } catch {
      setError({ message: "Could not reach the server. Check your connection and try again." });
      setPending(false);
    }
  }

  const knownField = error?.field === "title" || error?.field === "k" || error?.field?.startsWith("dimensions");
  const countHintId = `${baseId}-dims-hint`;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-6" aria-label="New session" noValidate data-testid="create-session-form">
      {error && !knownField ? <Alert>{error.message}</Alert> : null}

      <TextField
        label="Session title"
        name="title"
        value={title}
        onChange={(e) => {
          setTitle(e.target.value);
          clearErrorFor("title");
        }}
        maxLength={TITLE_MAX}
        required
        autoComplete="off"
        placeholder="e.g. Leadership offsite, Thursday"
        error={error?.field === "title" ? error.message : undefined}
      />

      <fieldset className="flex flex-col gap-3" aria-describedby={dimensionsFieldError ? `${baseId}-dims-error` : countHintId}>
        <legend className="mb-1 text-sm font-semibold">Rating dimensions</legend>
        <p className="text-sm text-steel">
          Participants rate each colleague from 1 to 5 on every dimension. The defaults are the seven qualities from the essay — vague on purpose.
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
                    Dimension {index + 1}
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
                      aria-label={`Move ${name} up`}
                      title={index === 0 ? "Already first" : `Move ${name} up`}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </Button>
                    <Button
                      variant="secondary"
                      className="w-11 px-0"
                      data-focus="down"
                      aria-label={`Move ${name} down`}
                      title={index === rows.length - 1 ? "Already last" : `Move ${name} down`}
                      disabled={index === rows.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </Button>
                    <Button
                      variant="secondary"
                      className="w-11 px-0"
                      aria-label={`Remove ${name}`}
                      aria-describedby={atMin ? countHintId : undefined}
                      title={atMin ? "A session needs at least one dimension" : `Remove ${name}`}
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
          {rows.length} of {MAX_DIMENSIONS} dimensions.
          {atMax ? ` That is the maximum: remove one to add another.` : ""}
          {atMin ? " A session needs at least one dimension, so the last one cannot be removed." : ""}
        </p>
        <div className="flex flex-wrap gap-2">
          <Button data-focus="add" variant="secondary" onClick={add} disabled={atMax} aria-describedby={countHintId}>
            <span aria-hidden="true">+</span> Add dimension
          </Button>
          <Button variant="ghost" onClick={reset}>
            Reset to the essay&apos;s seven
          </Button>
        </div>
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
      </fieldset>

      <TextField
        label="Anonymity threshold (k)"
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
        hint={`A score is shown only once at least k different people have rated someone. Between ${MIN_K} and ${MAX_K}; ${DEFAULT_K} by default.`}
        error={error?.field === "k" ? error.message : undefined}
      />

      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-semibold">Agenda (you can edit it in the control room)</legend>
        {(
          [
            {
              id: "nosedive-arc",
              title: "The Nosedive arc",
              text: "Six rounds in about 45 minutes, from a friendly first round to Nosedive weighting, the Stakhanovite norm and forced distribution, with a prompt for each round.",
            },
            {
              id: "whole-essay",
              title: "The whole essay",
              text: "About an hour: two rating rounds, then the tribunal (anonymous denunciations), a Reduction in Force (statements and keep/let-go votes) and a production conference where the room votes on the rules of the last round.",
            },
            { id: "none", title: "No agenda", text: "Every round is a plain 360° rating round until you plan others." },
          ] as const
        ).map((p) => (
          <label key={p.id} className="flex items-start gap-3">
            <input type="radio" name="preset" className="mt-1 h-5 w-5 accent-party" checked={preset === p.id} onChange={() => setPreset(p.id)} />
            <span>
              <span className="font-semibold">{p.title}</span>
              <span className="block text-steel">{p.text}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <Button type="submit" size="lg" disabled={pending} className="self-start">
        {pending ? "Creating…" : "Create session"}
      </Button>
    </form>
  );
}
