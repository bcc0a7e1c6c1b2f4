"use client";

import { createTranslator, useTranslations } from "next-intl";
import { useContentText } from "@/components/live/rule-text";
import { ruleTags } from "@/lib/domain/rules/explain";
import { useEffect, useMemo, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { RoomAgendaContent } from "@/lib/i18n/presets";
import { useErrorText } from "@/components/i18n/use-error-text";
import { api } from "@/components/participant/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DISTRIBUTION_PRESETS, type Band } from "@/lib/domain/rules/forced-distribution";
import { DEFAULT_NORM } from "@/lib/domain/rules/norm";
import { DEFAULT_TIERS } from "@/lib/domain/rules/nosedive";
import { PLAIN_RULES, type AgendaItem, type RuleSet } from "@/lib/domain/rules/ruleset";
import {
  AMENDMENT_KINDS,
  DEFAULT_CONFERENCE,
  DEFAULT_RIF,
  DEFAULT_TRIBUNAL,
  ROUND_KINDS,
  type AmendmentKind,
  type RoundKind,
} from "@/lib/domain/rounds/kinds";

/** What a round is, in a few words, in the facilitator's language: its type (when not a plain rating round) and its rules. */
function useSummary(): (item: AgendaItem) => string {
  const { kind: kindText, rules } = useContentText();
  return (item) => {
    const kind = item.kind ?? "rating";
    if (kind === "rif" || kind === "conference") return kindText(kind);
    return [...(kind === "tribunal" ? [kindText("tribunal")] : []), rules(ruleTags(item.rules))].filter(Boolean).join(" · ");
  };
}

interface AgendaState {
  agenda: AgendaItem[];
  currentRound: number;
  phase: string;
}

const DURATION_OPTIONS = [0, 60, 120, 180, 240, 300, 420, 600];
const fmt = (s: number | null, none: string) => (s ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` : none);

/**
 * The agenda: past rounds as history, the next round's prompt up front, upcoming rounds editable.
 * `content`: the agenda presets and a new round's title in the session's current language (lib/i18n/presets.ts), so
 * what the facilitator adds is titled for the room even when this page speaks another language.
 */
export function AgendaPanel({
  code,
  round,
  phase,
  language,
  content,
}: {
  code: string;
  round: number;
  phase: string;
  /** The room's language: what the panel writes into the agenda (presets, a new round's title) is in it. */
  language: Locale;
  content: RoomAgendaContent;
}) {
  const t = useTranslations("facilitator.agenda");
  const presets = content.presets;
  const newRoundTitle = useMemo(() => {
    const room = createTranslator({ locale: language, messages: { newRound: content.newRound } });
    return (number: number) => room("newRound", { number });
  }, [language, content.newRound]);
  const summary = useSummary();
  const errorText = useErrorText();
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
  // An ended session plays no more rounds: nothing to load, add or edit.
  const ended = phase === "ended";

  async function save(items: AgendaItem[]) {
    setError(null);
    setSaved(false);
    const result = await api<AgendaState>(`/api/sessions/${code}/agenda`, { method: "PUT", body: { upcoming: items } });
    if (!result.ok) {
      setError(errorText(result));
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
          {t("title")}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" className="max-w-full !whitespace-normal" disabled={ended} onClick={() => setDraft(opened === 0 ? presets["nosedive-arc"] : [...upcoming, ...presets["nosedive-arc"]].slice(0, 20 - opened))}>
            {t("loadArc")}
          </Button>
          <Button variant="secondary" className="max-w-full !whitespace-normal" disabled={ended} onClick={() => setDraft(opened === 0 ? presets["whole-essay"] : [...upcoming, ...presets["whole-essay"]].slice(0, 20 - opened))}>
            {t("loadEssay")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => setDraft([...upcoming, { title: newRoundTitle(opened + upcoming.length + 1), prompt: "", durationSeconds: 240, rules: PLAIN_RULES }])}
            disabled={ended || opened + upcoming.length >= 20}
          >
            {t("add")}
          </Button>
        </div>
      </div>
      {ended ? (
        <p className="text-sm font-semibold text-steel" data-testid="agenda-ended">
          {t("ended")}
        </p>
      ) : null}

      {next && (phase === "lobby" || phase === "round_closed") ? (
        <div className="rounded-md border-l-4 border-party bg-party/5 p-3" data-testid="next-prompt">
          <p className="text-sm font-semibold uppercase tracking-wide text-party">
            {t("next", { number: opened + 1, title: next.title })}
          </p>
          <p className="mt-1">{next.prompt}</p>
        </div>
      ) : null}

      {error ? <Alert>{error}</Alert> : null}
      {saved && !draft ? <Alert tone="success">{t("saved")}</Alert> : null}

      <ol className="flex flex-col gap-2">
        {state.agenda.slice(0, opened).map((item, i) => (
          <li key={`past-${i}`} className="rounded-md bg-paper-dark/60 px-3 py-2 text-sm">
            <span className="font-semibold">
              {t("pastRound", { number: i + 1, title: item.title })}
            </span>{" "}
            — {summary(item)} {i + 1 === opened && phase === "round_open" ? <strong>{t("running")}</strong> : <span className="text-steel">{t("done")}</span>}
          </li>
        ))}
        {(ended ? [] : upcoming).map((item, i) => (
          <AgendaItemEditor
            key={`up-${i}`}
            number={opened + i + 1}
            item={item}
            onChange={(it) => update(i, it)}
            onRemove={() => setDraft(upcoming.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      {upcoming.length === 0 && !ended ? <p className="text-sm text-steel">{t("none")}</p> : null}
      {draft ? (
        <div className="flex gap-2">
          <Button onClick={() => void save(upcoming)}>{t("save")}</Button>
          <Button variant="ghost" onClick={() => setDraft(null)}>
            {t("discard")}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function AgendaItemEditor({ number, item, onChange, onRemove }: { number: number; item: AgendaItem; onChange: (item: AgendaItem) => void; onRemove: () => void }) {
  const summary = useSummary();
  const { kind: kindText } = useContentText();
  const [open, setOpen] = useState(false);
  const t = useTranslations("facilitator.agenda");
  const r = useTranslations("facilitator.agendaRules");
  const rules = item.rules;
  const setRules = (r: Partial<RuleSet>) => onChange({ ...item, rules: { ...rules, ...r } });
  const id = `agenda-${number}`;
  return (
    <li className="rounded-md border-2 border-ink/20 px-3 py-2" data-testid="agenda-item">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <button type="button" className="min-h-11 text-left" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span className="font-semibold">
            {t("pastRound", { number, title: item.title })}
          </span>
          <span className="text-sm text-steel">
            {" "}
            — {summary(item)} · {fmt(item.durationSeconds, t("noTimer"))} <span aria-hidden="true">{open ? "▴" : "▾"}</span>
          </span>
        </button>
        <Button variant="ghost" className="!min-h-9 !text-xs" onClick={onRemove} aria-label={t("removeLabel", { number })}>
          {t("remove")}
        </Button>
      </div>
      {open ? (
        <div id={id} className="mt-2 grid gap-3 text-sm sm:grid-cols-2">
          <label className="flex flex-col gap-1 font-semibold">
            {t("itemTitle")}
            <input className="min-h-10 rounded border-2 border-ink/30 px-2 font-normal" value={item.title} maxLength={60} onChange={(e) => onChange({ ...item, title: e.target.value })} />
          </label>
          <label className="flex flex-col gap-1 font-semibold">
            {t("timer")}
            <select
              className="min-h-10 rounded border-2 border-ink/30 px-2 font-normal"
              value={item.durationSeconds ?? 0}
              onChange={(e) => onChange({ ...item, durationSeconds: Number(e.target.value) || null })}
            >
              {DURATION_OPTIONS.map((s) => (
                <option key={s} value={s}>
                  {fmt(s || null, t("noTimer"))}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 font-semibold">
            {t("kind")}
            <select
              className="min-h-10 rounded border-2 border-ink/30 px-2 font-normal"
              value={item.kind ?? "rating"}
              onChange={(e) => onChange(withKind(item, e.target.value as RoundKind))}
            >
              {ROUND_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindText(k)}
                </option>
              ))}
            </select>
          </label>
          <KindEditor id={id} item={item} onChange={onChange} />
          <label className="flex flex-col gap-1 font-semibold sm:col-span-2">
            {t("prompt")}
            <textarea className="min-h-20 rounded border-2 border-ink/30 p-2 font-normal" maxLength={600} value={item.prompt} onChange={(e) => onChange({ ...item, prompt: e.target.value })} />
          </label>

          {item.kind === "rif" || item.kind === "conference" ? (
            <p className="text-steel sm:col-span-2">{r("noRatings")}</p>
          ) : (
          <fieldset className="flex flex-col gap-2 rounded border border-ink/20 p-2 sm:col-span-2">
            <legend className="px-1 font-semibold">{r("legend")}</legend>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={!!rules.distribution}
                onChange={(e) => setRules({ distribution: e.target.checked ? { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands } : null })}
              />
              {r("distribution")}
            </label>
            {rules.distribution ? <DistributionEditor value={rules.distribution} onChange={(distribution) => setRules({ distribution })} /> : null}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!rules.nosedive} onChange={(e) => setRules({ nosedive: e.target.checked ? { tiers: DEFAULT_TIERS } : null })} />
              {r("nosedive")}
            </label>
            {rules.nosedive ? (
              <div className="ml-6 grid gap-1">
                {rules.nosedive.tiers.map((t, i) => (
                  <div key={i} className="flex flex-wrap items-center gap-2">
                    <span className="w-20 text-steel">{r("from", { min: t.min.toFixed(1) })}</span>
                    <label className="sr-only" htmlFor={`${id}-tier-${i}`}>
                      {r("tierName", { n: i + 1 })}
                    </label>
                    <input
                      id={`${id}-tier-${i}`}
                      className="min-h-9 w-28 rounded border border-ink/30 px-1"
                      value={t.name}
                      onChange={(e) => setRules({ nosedive: { tiers: rules.nosedive!.tiers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) } })}
                    />
                    <span>×{t.weight}</span>
                    <label className="sr-only" htmlFor={`${id}-priv-${i}`}>
                      {r("tierPrivilege", { n: i + 1 })}
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
              {r("norm")}
            </label>
            {rules.norm ? (
              <div className="ml-6 flex flex-wrap items-center gap-3">
                <label className="flex items-center gap-1">
                  {r("normLabel")}
                  <select
                    className="min-h-9 rounded border border-ink/30"
                    value={rules.norm.mode}
                    onChange={(e) => setRules({ norm: { ...rules.norm!, mode: e.target.value as "fixed" | "previous-median", fixedValue: e.target.value === "fixed" ? (rules.norm!.fixedValue ?? 3) : undefined } })}
                  >
                    <option value="previous-median">{r("previousMedian")}</option>
                    <option value="fixed">{r("fixed")}</option>
                  </select>
                </label>
                {rules.norm.mode === "fixed" ? (
                  <label className="flex items-center gap-1">
                    {r("value")}
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
                  {r("recordAt")}
                  <input
                    type="number"
                    min={101}
                    max={1000}
                    className="min-h-9 w-20 rounded border border-ink/30 px-1"
                    value={rules.norm.recordPercent}
                    onChange={(e) => setRules({ norm: { ...rules.norm!, recordPercent: Math.round(Number(e.target.value)) } })}
                  />
                  {r("ofNorm")}
                </label>
                <label className="flex items-center gap-1">
                  <input type="checkbox" checked={rules.norm.ratchet} onChange={(e) => setRules({ norm: { ...rules.norm!, ratchet: e.target.checked } })} />
                  {r("ratchet")}
                </label>
              </div>
            ) : null}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={!!rules.quotaBallots} onChange={(e) => setRules({ quotaBallots: e.target.checked ? { share: 0.2 } : null })} />
              {r("quota")}
              <input
                type="number"
                min={5}
                max={90}
                aria-label={r("quotaShare")}
                disabled={!rules.quotaBallots}
                className="min-h-9 w-16 rounded border border-ink/30 px-1"
                value={Math.round((rules.quotaBallots?.share ?? 0.2) * 100)}
                onChange={(e) => setRules({ quotaBallots: { share: Number(e.target.value) / 100 } })}
              />
              {r("ofColleagues")}
            </label>
          </fieldset>
          )}
        </div>
      ) : null}
    </li>
  );
}

function DistributionEditor({ value, onChange }: { value: NonNullable<RuleSet["distribution"]>; onChange: (v: NonNullable<RuleSet["distribution"]>) => void }) {
  const tl = useTranslations("live");
  const setBands = (bands: Band[]) => onChange({ preset: "custom", bands });
  const total = value.bands.reduce((s, b) => s + b.percent, 0);
  const r = useTranslations("facilitator.agendaRules");
  return (
    <div className="ml-6 flex flex-col gap-2">
      <label className="flex items-center gap-2">
        {r("split")}
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
          <option value="custom">{r("custom")}</option>
        </select>
      </label>
      {value.preset === "custom" ? (
        <div className="flex flex-col gap-1">
          {value.bands.map((b, i) => (
            <div key={i} className="flex items-center gap-2">
              <input
                aria-label={r("bandName", { n: i + 1 })}
                className="min-h-9 w-40 rounded border border-ink/30 px-1"
                value={b.name}
                maxLength={30}
                onChange={(e) => setBands(value.bands.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <input
                aria-label={r("bandPercent", { n: i + 1 })}
                type="number"
                min={1}
                max={98}
                className="min-h-9 w-20 rounded border border-ink/30 px-1"
                value={b.percent}
                onChange={(e) => setBands(value.bands.map((x, j) => (j === i ? { ...x, percent: Math.round(Number(e.target.value)) } : x)))}
              />
              %
              <Button variant="ghost" className="!min-h-9 !text-xs" disabled={value.bands.length <= 2} onClick={() => setBands(value.bands.filter((_, j) => j !== i))}>
                {r("removeBand")}
              </Button>
            </div>
          ))}
          <div className="flex items-center gap-3">
            <Button variant="ghost" className="!min-h-9 !text-xs" disabled={value.bands.length >= 5} onClick={() => setBands([...value.bands, { name: r("newBand", { n: value.bands.length + 1 }), percent: 10 }])}>
              {r("addBand")}
            </Button>
            <span className={total === 100 ? "text-steel" : "font-semibold text-party"}>{r("total", { total, ok: total === 100 ? "yes" : "no" })}</span>
          </div>
        </div>
      ) : null}
      <p className="text-xs text-steel">{r("ties", { rule: tl("tieRule") })}</p>
    </div>
  );
}

function withKind(item: AgendaItem, kind: RoundKind): AgendaItem {
  const { rif: _rif, tribunal: _tribunal, conference: _conference, ...rest } = item;
  if (kind === "rif") return { ...rest, kind, rif: DEFAULT_RIF };
  if (kind === "tribunal") return { ...rest, kind, tribunal: DEFAULT_TRIBUNAL };
  if (kind === "conference") return { ...rest, kind, conference: DEFAULT_CONFERENCE };
  return { ...rest, kind: "rating" };
}

const num = "min-h-9 w-20 rounded border border-ink/30 px-1 font-normal";

/** Settings of the interactive round types. */
function KindEditor({ id, item, onChange }: { id: string; item: AgendaItem; onChange: (item: AgendaItem) => void }) {
  const r = useTranslations("facilitator.agendaRules");
  const { amendment } = useContentText();
  if (item.kind === "rif") {
    const rif = item.rif ?? DEFAULT_RIF;
    const set = (r: Partial<typeof rif>) => onChange({ ...item, rif: { ...rif, ...r } });
    return (
      <fieldset className="flex flex-col gap-2 rounded border border-ink/20 p-2 sm:col-span-2" data-testid="rif-settings">
        <legend className="px-1 font-semibold">{r("rif")}</legend>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-rif-value`}>{r("atRisk")}</label>
          <input
            id={`${id}-rif-value`}
            type="number"
            min={1}
            max={50}
            className={num}
            value={rif.selection.value}
            onChange={(e) => set({ selection: { ...rif.selection, value: Math.round(Number(e.target.value)) } })}
          />
          <label className="sr-only" htmlFor={`${id}-rif-mode`}>
            {r("unit")}
          </label>
          <select
            id={`${id}-rif-mode`}
            className="min-h-9 rounded border border-ink/30"
            value={rif.selection.mode}
            onChange={(e) => set({ selection: { ...rif.selection, mode: e.target.value as "count" | "percent" } })}
          >
            <option value="percent">{r("percentOfRanking")}</option>
            <option value="count">{r("people")}</option>
          </select>
          <span className="text-steel">{r("tied")}</span>
        </div>
        <label className="flex flex-wrap items-center gap-2">
          {r("statementTime")}
          <input type="number" min={20} max={600} className={num} value={rif.statementSeconds} onChange={(e) => set({ statementSeconds: Math.round(Number(e.target.value)) })} />
          {r("seconds")}
        </label>
        <label className="flex flex-wrap items-center gap-2">
          <input
            type="checkbox"
            checked={rif.autoAdvanceSeconds !== null}
            onChange={(e) => set({ autoAdvanceSeconds: e.target.checked ? 20 : null })}
          />
          {r("autoAdvance")}
          <input
            type="number"
            min={5}
            max={300}
            aria-label={r("secondsPerStatement")}
            disabled={rif.autoAdvanceSeconds === null}
            className={num}
            value={rif.autoAdvanceSeconds ?? 20}
            onChange={(e) => set({ autoAdvanceSeconds: Math.round(Number(e.target.value)) })}
          />
          {r("seconds")}
        </label>
      </fieldset>
    );
  }
  if (item.kind === "tribunal") {
    const t = item.tribunal ?? DEFAULT_TRIBUNAL;
    const set = (r: Partial<typeof t>) => onChange({ ...item, tribunal: { ...t, ...r } });
    return (
      <fieldset className="flex flex-col gap-2 rounded border border-ink/20 p-2 sm:col-span-2" data-testid="tribunal-settings">
        <legend className="px-1 font-semibold">{r("tribunal")}</legend>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1">
            {r("penalty")}
            <input type="number" min={0.05} max={2} step={0.05} className={num} value={t.penalty} onChange={(e) => set({ penalty: Number(e.target.value) })} />★
          </label>
          <label className="flex items-center gap-1">
            {r("atMost")}
            <input type="number" min={0.05} max={4} step={0.05} className={num} value={t.cap} onChange={(e) => set({ cap: Number(e.target.value) })} />★
          </label>
          <label className="flex items-center gap-1">
            {r("reward")}
            <input type="number" min={0} max={1} step={0.05} className={num} value={t.reward} onChange={(e) => set({ reward: Number(e.target.value) })} />★
          </label>
        </div>
        {t.reward > 0 ? (
          <p className="text-party">{r("rewardWarning")}</p>
        ) : null}
        <label className="flex flex-col gap-1">
          {r("charges")}
          <textarea
            className="min-h-24 rounded border border-ink/30 p-1 font-normal"
            value={t.charges.join("\n")}
            onChange={(e) => set({ charges: e.target.value.split("\n").map((c) => c.slice(0, 80)).filter((c, i, all) => c.trim() !== "" || i === all.length - 1) })}
          />
        </label>
      </fieldset>
    );
  }
  if (item.kind === "conference") {
    const c = item.conference ?? DEFAULT_CONFERENCE;
    const set = (r: Partial<typeof c>) => onChange({ ...item, conference: { ...c, ...r } });
    const toggle = (k: AmendmentKind, on: boolean) => set({ menu: on ? AMENDMENT_KINDS.filter((x) => x === k || c.menu.includes(x)) : c.menu.filter((x) => x !== k) });
    return (
      <fieldset className="flex flex-col gap-2 rounded border border-ink/20 p-2 sm:col-span-2" data-testid="conference-settings">
        <legend className="px-1 font-semibold">{r("conference")}</legend>
        {AMENDMENT_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="checkbox" checked={c.menu.includes(k)} onChange={(e) => toggle(k, e.target.checked)} />
            {k === "free-text" ? r("freeText") : k === "raise-k" ? r("raiseK") : amendment({ kind: k, text: "", value: null })}
          </label>
        ))}
        <label className="flex flex-wrap items-center gap-2">
          <input type="checkbox" checked={c.thresholdPercent !== null} onChange={(e) => set({ thresholdPercent: e.target.checked ? 60 : null })} />
          {r("passesWith")}
          <input
            type="number"
            min={1}
            max={100}
            aria-label={r("votesNeeded")}
            disabled={c.thresholdPercent === null}
            className={num}
            value={c.thresholdPercent ?? 50}
            onChange={(e) => set({ thresholdPercent: Math.round(Number(e.target.value)) })}
          />
          {r("ofActive")}
        </label>
      </fieldset>
    );
  }
  return null;
}
