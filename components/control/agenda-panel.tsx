"use client";

import { useEffect, useState } from "react";
import { api } from "@/components/participant/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DISTRIBUTION_PRESETS, TIE_RULE, type Band } from "@/lib/domain/rules/forced-distribution";
import { DEFAULT_NORM } from "@/lib/domain/rules/norm";
import { DEFAULT_TIERS } from "@/lib/domain/rules/nosedive";
import { describeRules, NOSEDIVE_ARC, PLAIN_RULES, type AgendaItem, type RuleSet } from "@/lib/domain/rules/ruleset";

interface AgendaState {
  agenda: AgendaItem[];
  currentRound: number;
  phase: string;
}

const DURATION_OPTIONS = [0, 60, 120, 180, 240, 300, 420, 600];
const fmt = (s: number | null) => (s ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` : "no timer");

/** The agenda: past rounds as history, the next round's prompt up front, upcoming rounds editable. */
export function AgendaPanel({ code, round, phase }: { code: string; round: number; phase: string }) {
  const [state, setState] = useState<AgendaState | null>(null);
  const [draft, setDraft] = useState<AgendaItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api<AgendaState>(`/api/sessions/${code}/agenda?r=${round}&p=${phase}`).then((r) => {
      if (!cancelled && r.ok) setState(r.data);
    });
    return () => {
      cancelled = true;
    };
  }, [code, round, phase]);

  if (!state) return null;
  const opened = state.currentRound;
  const upcoming = draft ?? state.agenda.slice(opened);
  const next = state.agenda[opened];

  async function save(items: AgendaItem[]) {
    setError(null);
    setSaved(false);
    const result = await api<AgendaState>(`/api/sessions/${code}/agenda`, { method: "PUT", body: { upcoming: items } });
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setState(result.data);
    setDraft(null);
    setSaved(true);
  }

  const update = (i: number, item: AgendaItem) => setDraft(upcoming.map((x, j) => (j === i ? item : x)));

  return (
    <section aria-labelledby="agenda-heading" className="flex flex-col gap-4 rounded-lg border-2 border-ink bg-white p-5" data-testid="agenda-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="agenda-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
          Agenda
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setDraft(opened === 0 ? NOSEDIVE_ARC : [...upcoming, ...NOSEDIVE_ARC].slice(0, 20 - opened))}>
            Load “The Nosedive arc”
          </Button>
          <Button
            variant="secondary"
            onClick={() => setDraft([...upcoming, { title: `Round ${opened + upcoming.length + 1}`, prompt: "", durationSeconds: 240, rules: PLAIN_RULES }])}
            disabled={opened + upcoming.length >= 20}
          >
            Add round
          </Button>
        </div>
      </div>

      {next && (phase === "lobby" || phase === "round_closed") ? (
        <div className="rounded-md border-l-4 border-party bg-party/5 p-3" data-testid="next-prompt">
          <p className="text-sm font-semibold uppercase tracking-wide text-party">
            Next: round {opened + 1} · {next.title}
          </p>
          <p className="mt-1">{next.prompt}</p>
        </div>
      ) : null}

      {error ? <Alert>{error}</Alert> : null}
      {saved && !draft ? <Alert tone="success">Agenda saved. It applies when each round opens.</Alert> : null}

      <ol className="flex flex-col gap-2">
        {state.agenda.slice(0, opened).map((item, i) => (
          <li key={`past-${i}`} className="rounded-md bg-paper-dark/60 px-3 py-2 text-sm">
            <span className="font-semibold">
              Round {i + 1}: {item.title}
            </span>{" "}
            — {describeRules(item.rules).join(" · ")} {i + 1 === opened && phase === "round_open" ? <strong>(running)</strong> : <span className="text-steel">(done)</span>}
          </li>
        ))}
        {upcoming.map((item, i) => (
          <AgendaItemEditor
            key={`up-${i}`}
            number={opened + i + 1}
            item={item}
            onChange={(it) => update(i, it)}
            onRemove={() => setDraft(upcoming.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      {upcoming.length === 0 ? <p className="text-sm text-steel">No upcoming rounds planned: further rounds use plain 360° rules.</p> : null}
      {draft ? (
        <div className="flex gap-2">
          <Button onClick={() => void save(upcoming)}>Save agenda</Button>
          <Button variant="ghost" onClick={() => setDraft(null)}>
            Discard changes
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function AgendaItemEditor({ number, item, onChange, onRemove }: { number: number; item: AgendaItem; onChange: (item: AgendaItem) => void; onRemove: () => void }) {
  const [open, setOpen] = useState(false);
  const rules = item.rules;
  const setRules = (r: Partial<RuleSet>) => onChange({ ...item, rules: { ...rules, ...r } });
  const id = `agenda-${number}`;
  return (
    <li className="rounded-md border-2 border-ink/20 px-3 py-2" data-testid="agenda-item">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <button type="button" className="min-h-11 text-left" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span className="font-semibold">
            Round {number}: {item.title}
          </span>
          <span className="text-sm text-steel">
            {" "}
            — {describeRules(rules).join(" · ")} · {fmt(item.durationSeconds)} <span aria-hidden="true">{open ? "▴" : "▾"}</span>
          </span>
        </button>
        <Button variant="ghost" className="!min-h-9 !text-xs" onClick={onRemove} aria-label={`Remove round ${number} from the agenda`}>
          Remove
        </Button>
      </div>
      {open ? (
        <div id={id} className="mt-2 grid gap-3 text-sm sm:grid-cols-2">
          <label className="flex flex-col gap-1 font-semibold">
            Title
            <input className="min-h-10 rounded border-2 border-ink/30 px-2 font-normal" value={item.title} maxLength={60} onChange={(e) => onChange({ ...item, title: e.target.value })} />
          </label>
          <label className="flex flex-col gap-1 font-semibold">
            Timer
            <select
              className="min-h-10 rounded border-2 border-ink/30 px-2 font-normal"
              value={item.durationSeconds ?? 0}
              onChange={(e) => onChange({ ...item, durationSeconds: Number(e.target.value) || null })}
            >
              {DURATION_OPTIONS.map((s) => (
                <option key={s} value={s}>
                  {fmt(s || null)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 font-semibold sm:col-span-2">
            Facilitator prompt (only you see it)
            <textarea className="min-h-20 rounded border-2 border-ink/30 p-2 font-normal" maxLength={600} value={item.prompt} onChange={(e) => onChange({ ...item, prompt: e.target.value })} />
          </label>

          <fieldset className="flex flex-col gap-2 rounded border border-ink/20 p-2 sm:col-span-2">
            <legend className="px-1 font-semibold">Rules for this round</legend>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={!!rules.distribution}
                onChange={(e) => setRules({ distribution: e.target.checked ? { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands } : null })}
              />
              Forced distribution
            </label>
            {rules.distribution ? <DistributionEditor value={rules.distribution} onChange={(distribution) => setRules({ distribution })} /> : null}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!rules.nosedive} onChange={(e) => setRules({ nosedive: e.target.checked ? { tiers: DEFAULT_TIERS } : null })} />
              Nosedive weighting (a rater&apos;s stars count by their own score)
            </label>
            {rules.nosedive ? (
              <div className="ml-6 grid gap-1">
                {rules.nosedive.tiers.map((t, i) => (
                  <div key={i} className="flex flex-wrap items-center gap-2">
                    <span className="w-20 text-steel">from {t.min.toFixed(1)}</span>
                    <label className="sr-only" htmlFor={`${id}-tier-${i}`}>
                      Name of tier {i + 1}
                    </label>
                    <input
                      id={`${id}-tier-${i}`}
                      className="min-h-9 w-28 rounded border border-ink/30 px-1"
                      value={t.name}
                      onChange={(e) => setRules({ nosedive: { tiers: rules.nosedive!.tiers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) } })}
                    />
                    <span>×{t.weight}</span>
                    <label className="sr-only" htmlFor={`${id}-priv-${i}`}>
                      Privileges of tier {i + 1}
                    </label>
                    <input
                      id={`${id}-priv-${i}`}
                      className="min-h-9 min-w-0 flex-1 rounded border border-ink/30 px-1"
                      value={t.privilege}
                      maxLength={120}
                      onChange={(e) => setRules({ nosedive: { tiers: rules.nosedive!.tiers.map((x, j) => (j === i ? { ...x, privilege: e.target.value } : x)) } })}
                    />
                  </div>
                ))}
              </div>
            ) : null}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!rules.norm} onChange={(e) => setRules({ norm: e.target.checked ? DEFAULT_NORM : null })} />
              Stakhanovite norm
            </label>
            {rules.norm ? (
              <div className="ml-6 flex flex-wrap items-center gap-3">
                <label className="flex items-center gap-1">
                  Norm
                  <select
                    className="min-h-9 rounded border border-ink/30"
                    value={rules.norm.mode}
                    onChange={(e) => setRules({ norm: { ...rules.norm!, mode: e.target.value as "fixed" | "previous-median", fixedValue: e.target.value === "fixed" ? (rules.norm!.fixedValue ?? 3) : undefined } })}
                  >
                    <option value="previous-median">previous round&apos;s median</option>
                    <option value="fixed">a fixed value</option>
                  </select>
                </label>
                {rules.norm.mode === "fixed" ? (
                  <label className="flex items-center gap-1">
                    Value
                    <input
                      type="number"
                      min={1}
                      max={5}
                      step={0.1}
                      className="min-h-9 w-20 rounded border border-ink/30 px-1"
                      value={rules.norm.fixedValue ?? 3}
                      onChange={(e) => setRules({ norm: { ...rules.norm!, fixedValue: Number(e.target.value) } })}
                    />
                  </label>
                ) : null}
                <label className="flex items-center gap-1">
                  Record at
                  <input
                    type="number"
                    min={101}
                    max={1000}
                    className="min-h-9 w-20 rounded border border-ink/30 px-1"
                    value={rules.norm.recordPercent}
                    onChange={(e) => setRules({ norm: { ...rules.norm!, recordPercent: Math.round(Number(e.target.value)) } })}
                  />
                  % of the norm
                </label>
                <label className="flex items-center gap-1">
                  <input type="checkbox" checked={rules.norm.ratchet} onChange={(e) => setRules({ norm: { ...rules.norm!, ratchet: e.target.checked } })} />
                  Ratchet (the norm rises to last round&apos;s top 20%)
                </label>
              </div>
            ) : null}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!rules.quotaBallots} onChange={(e) => setRules({ quotaBallots: e.target.checked ? { share: 0.2 } : null })} />
              Quota ballots: top score for at most
              <input
                type="number"
                min={5}
                max={90}
                aria-label="Top-score share in percent"
                disabled={!rules.quotaBallots}
                className="min-h-9 w-16 rounded border border-ink/30 px-1"
                value={Math.round((rules.quotaBallots?.share ?? 0.2) * 100)}
                onChange={(e) => setRules({ quotaBallots: { share: Number(e.target.value) / 100 } })}
              />
              % of colleagues
            </label>
          </fieldset>
        </div>
      ) : null}
    </li>
  );
}

function DistributionEditor({ value, onChange }: { value: NonNullable<RuleSet["distribution"]>; onChange: (v: NonNullable<RuleSet["distribution"]>) => void }) {
  const setBands = (bands: Band[]) => onChange({ preset: "custom", bands });
  const total = value.bands.reduce((s, b) => s + b.percent, 0);
  return (
    <div className="ml-6 flex flex-col gap-2">
      <label className="flex items-center gap-2">
        Split
        <select
          className="min-h-9 rounded border border-ink/30"
          value={value.preset}
          onChange={(e) => {
            const preset = DISTRIBUTION_PRESETS.find((p) => p.id === e.target.value);
            onChange(preset ? { preset: preset.id, bands: preset.bands } : { preset: "custom", bands: value.bands });
          }}
        >
          {DISTRIBUTION_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom split</option>
        </select>
      </label>
      {value.preset === "custom" ? (
        <div className="flex flex-col gap-1">
          {value.bands.map((b, i) => (
            <div key={i} className="flex items-center gap-2">
              <input
                aria-label={`Band ${i + 1} name`}
                className="min-h-9 w-40 rounded border border-ink/30 px-1"
                value={b.name}
                maxLength={30}
                onChange={(e) => setBands(value.bands.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <input
                aria-label={`Band ${i + 1} percent`}
                type="number"
                min={1}
                max={98}
                className="min-h-9 w-20 rounded border border-ink/30 px-1"
                value={b.percent}
                onChange={(e) => setBands(value.bands.map((x, j) => (j === i ? { ...x, percent: Math.round(Number(e.target.value)) } : x)))}
              />
              %
              <Button variant="ghost" className="!min-h-9 !text-xs" disabled={value.bands.length <= 2} onClick={() => setBands(value.bands.filter((_, j) => j !== i))}>
                Remove band
              </Button>
            </div>
          ))}
          <div className="flex items-center gap-3">
            <Button variant="ghost" className="!min-h-9 !text-xs" disabled={value.bands.length >= 5} onClick={() => setBands([...value.bands, { name: `Band ${value.bands.length + 1}`, percent: 10 }])}>
              Add band
            </Button>
            <span className={total === 100 ? "text-steel" : "font-semibold text-party"}>Total {total}%{total === 100 ? "" : " (must be 100%)"}</span>
          </div>
        </div>
      ) : null}
      <p className="text-xs text-steel">Ties: {TIE_RULE}</p>
    </div>
  );
}
