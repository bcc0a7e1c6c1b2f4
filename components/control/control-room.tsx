"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Countdown } from "@/components/live/countdown";
import type { BoardPayload, ControlPayload, PublicSession, RosterPayload, RoundPayload } from "@/components/live/types";
import { useLive } from "@/components/live/use-live";
import { api } from "@/components/participant/api";
import { BoardRows } from "@/components/participant/phone-board";
import { usePhaseLabel } from "@/components/live/phase-label";
import { useContentText } from "@/components/live/rule-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { AgendaPanel } from "./agenda-panel";
import { ParticipantsTable } from "./participants-table";
import { RoundControlPanel } from "./round-control";
import { RunBar } from "./run-bar";
import { mergeRoster } from "@/lib/live/roster-view";
import { useErrorText } from "@/components/i18n/use-error-text";
import { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "@/lib/i18n/locales";
import type { RoomAgendaContent } from "@/lib/i18n/presets";

/** The round timer's choices in seconds: -1 the agenda's own, 0 none. */
const DURATIONS = [-1, 0, 60, 120, 180, 300, 600];

export function ControlRoom({
  code,
  joinUrl,
  initialSession,
  initialBoard,
  initialControl,
  roomContent,
}: {
  code: string;
  joinUrl: string;
  /** The agenda presets and the new round's title in every room language: the panel uses the session's current one. */
  roomContent: Record<Locale, RoomAgendaContent>;
  initialSession: PublicSession;
  initialBoard: BoardPayload;
  initialControl: ControlPayload;
}) {
  const live = useLive<{ phase: PublicSession; leaderboard: BoardPayload; control: ControlPayload; round: RoundPayload; roster: RosterPayload }>(
    `/api/sessions/${code}/events?view=control`,
  );
  const session = live.phase ?? initialSession;
  const board = live.leaderboard ?? initialBoard;
  const control = live.control ?? initialControl;
  const [duration, setDuration] = useState(-1);
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const t = useTranslations("facilitator.control");
  const tl = useTranslations("live");
  const phaseLabel = usePhaseLabel();
  const { rules } = useContentText();
  const errorText = useErrorText();

  async function act(action: string, body: Record<string, unknown> = {}) {
    if (action === "end" && !window.confirm(t("confirmEnd"))) return;
    setPending(action);
    setError(null);
    const result = await api(`/api/sessions/${code}/actions`, { method: "POST", body: { action, ...body } });
    setPending(null);
    if (!result.ok) setError(errorText(result));
  }

  const phase = session.phase;
  const ended = phase === "ended";
  const open = phase === "round_open";

  const people = mergeRoster(control.participants, live.roster, open ? session.round.number : null);
  const liveControl = { ...control, participants: people, active: people.filter((p) => p.status === "active").length };

  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div className="min-w-0">
          <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">
            {t("controlRoom")} · <span data-testid="control-join-code">{code}</span>
          </p>
          <h1 className="truncate hyphens-auto font-[family-name:var(--font-display)] text-3xl font-bold uppercase">{session.title}</h1>
          <p className="text-lg" data-testid="control-phase">
            {phaseLabel(session)} <Countdown
              remainingMs={session.round.remainingMs}
              endsAt={session.round.endsAt}
              receivedAt={live.phase?.receivedAt}
              paused={session.paused}
              className="ml-2 font-bold"
            />
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={`/s/${code}/screen`} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center rounded-md border-2 border-ink px-4 text-sm font-semibold uppercase">
            {t("openProjector")}
          </a>
          <a href={`/sessions/${code}/debrief`} className="inline-flex min-h-11 items-center rounded-md border-2 border-ink px-4 text-sm font-semibold uppercase">
            {t("debrief")}
          </a>
          <span className="inline-flex min-h-11 items-center text-sm text-steel" aria-live="polite">
            {live.status === "live" ? t("live") : live.status === "reconnecting" ? t("reconnecting") : t("connecting")}
          </span>
        </div>
      </header>

      {error ? <Alert>{error}</Alert> : null}

      <RunBar
        code={code}
        session={session}
        control={liveControl}
        board={board}
        round={live.round ?? null}
        duration={duration}
        pending={pending}
        act={act}
        onError={setError}
      />

      <section aria-label={t("roundControls")} className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-semibold">
          {t("roundTimer")}
          <select
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
            className="min-h-11 rounded-md border-2 border-ink/30 bg-white px-2"
            disabled={ended}
          >
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {d < 0 ? t("durations.agenda") : d === 0 ? t("durations.none") : t("durations.minutes", { count: d / 60 })}
              </option>
            ))}
          </select>
        </label>
        {open ? (
          session.paused ? (
            <Button variant="secondary" disabled={pending !== null} onClick={() => void act("resume")} aria-keyshortcuts="P">
              {t("resume")}
            </Button>
          ) : (
            <Button variant="secondary" disabled={pending !== null} onClick={() => void act("pause")} aria-keyshortcuts="P">
              {t("pause")}
            </Button>
          )
        ) : null}
        {phase === "round_closed" ? (
          <Button variant="secondary" disabled={pending !== null} onClick={() => void act("reopen-round", duration > 0 ? { durationSeconds: duration } : {})}>
            {t("reopen", { round: session.round.number })}
          </Button>
        ) : null}
        <Button variant="secondary" disabled={ended || pending !== null} onClick={() => void act(session.joiningOpen ? "close-joining" : "open-joining")}>
          {session.joiningOpen ? t("closeJoining") : t("openJoining")}
        </Button>
        <Button variant="secondary" disabled={ended || pending !== null} onClick={() => void act(session.leaderboardVisible ? "hide-leaderboard" : "show-leaderboard")}>
          {session.leaderboardVisible ? t("hideBoard") : t("showBoard")}
        </Button>
        {session.reflectionOpen || session.round.number > 0 ? (
          <Button
            variant="secondary"
            disabled={pending !== null}
            onClick={async () => {
              setError(null);
              const r = await api(`/api/sessions/${code}/reflection`, { method: "POST", body: { open: !session.reflectionOpen } });
              if (!r.ok) setError(errorText(r));
            }}
          >
            {session.reflectionOpen ? t("closeReflection") : t("reflectionNow")}
          </Button>
        ) : null}
        <Button variant="danger" disabled={ended || pending !== null} onClick={() => void act("end")}>
          {t("end")}
        </Button>
      </section>
      {session.joiningOpen && session.round.number > 0 && !ended ? (
        <p className="text-sm font-semibold text-party" role="note" data-testid="late-join-warning">
          {t("lateJoin")}
        </p>
      ) : null}

      <RoundControlPanel code={code} session={session} round={live.round ?? null} />

      <div className="grid gap-6 lg:grid-cols-2">
        <ParticipantsTable code={code} control={liveControl} onError={setError} />
        <section aria-labelledby="cr-board-heading" className="flex flex-col gap-2">
          <h2 id="cr-board-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
            {t("leaderboard")} {session.leaderboardVisible ? "" : t("hiddenFromRoom")}
          </h2>
          <p className="text-sm text-steel">
            {t("ranked", { ranked: board.ranked, total: board.total, k: board.rules.k ?? session.k })}
          </p>
          <div data-testid="control-board">
            {board.rules.tags.length ? <p className="text-xs font-semibold uppercase tracking-wide text-party">{rules(board.rules.tags)}</p> : null}
            <BoardRows entries={board.entries} bandCount={board.rules.distribution?.bands.length} />
          </div>
          {board.rules.distribution ? (
            <p className="text-sm text-steel" data-testid="tie-rule">
              {t("tieRule", { rule: tl("tieRule") })}
            </p>
          ) : null}
        </section>
      </div>

      <section aria-label={t("liveFigures")} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          { label: t("stats.participants"), value: liveControl.active, id: "stat-participants" },
          { label: t("stats.connected"), value: control.connected, id: "stat-connected" },
          { label: t("stats.rpm"), value: control.ratingsPerMinute, id: "stat-rpm" },
          { label: t("stats.ratings"), value: control.totalRatings, id: "stat-ratings" },
        ].map((s) => (
          <div key={s.id} className="min-w-0 rounded-lg border-2 border-ink bg-white p-4">
            <p className="text-sm break-words hyphens-auto text-steel">{s.label}</p>
            <p className="font-mono text-3xl font-bold tabular-nums" data-testid={s.id}>
              {s.value}
            </p>
          </div>
        ))}
      </section>

      <div className="grid gap-6 lg:grid-cols-[1fr_1.2fr]">
        <section aria-labelledby="join-heading" className="flex flex-wrap items-center gap-5 rounded-lg border-2 border-ink bg-white p-5">
          {/* eslint-disable-next-line @next/next/no-img-element -- an SVG rendered by our own route */}
          <img src={`/api/sessions/${code}/qr`} alt={t("qrAlt", { url: joinUrl })} width={160} height={160} className="h-40 w-40" />
          <div className="min-w-0 flex-1">
            <h2 id="join-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase break-words hyphens-auto">
              {t("join", { state: session.joiningOpen ? "open" : "closed" })}
            </h2>
            <p className="font-mono text-4xl font-bold tracking-[0.2em] break-all sm:text-5xl">{code}</p>
            <p className="mt-1 break-all text-sm">
              <a href={joinUrl} className="underline" data-testid="join-url">
                {joinUrl}
              </a>
            </p>
          </div>
        </section>
        <section aria-labelledby="release-heading" className="flex flex-col gap-2 rounded-lg border-2 border-ink bg-white p-5">
          <h2 id="release-heading" className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase">
            {t("releaseClock")}
          </h2>
          <p className="text-sm text-steel">
            {t.rich("roomState", {
              joining: session.joiningOpen ? "open" : "closed",
              board: session.leaderboardVisible ? "visible" : "hidden",
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <ReleaseSettings code={code} release={control?.release ?? null} disabled={ended || pending !== null} onError={setError} />
          <ParticipantCap code={code} cap={control?.maxParticipants ?? null} disabled={ended || pending !== null} onError={setError} />
          <SessionLanguage code={code} language={session.language} disabled={pending !== null} onError={setError} />
        </section>
      </div>

      <AgendaPanel code={code} round={session.round.number} phase={session.phase} language={session.language} content={roomContent[session.language]} />

      <section aria-labelledby="data-heading" className="flex flex-wrap items-center gap-3 border-t-2 border-ink/20 pt-4">
        <h2 id="data-heading" className="mr-2 font-[family-name:var(--font-display)] text-xl font-bold uppercase">
          {t("afterSession")}
        </h2>
        <a href={`/sessions/${code}/debrief`} className="inline-flex min-h-11 items-center rounded-md bg-ink px-4 text-sm font-semibold uppercase text-paper">
          {t("openDebrief")}
        </a>
        <Button
          variant="secondary"
          onClick={async () => {
            const archiving = !session.archived;
            if (archiving && !window.confirm(t("confirmArchive"))) return;
            const r = await api(`/api/sessions/${code}/archive`, { method: "POST", body: { archived: archiving } });
            if (!r.ok) setError(errorText(r));
          }}
        >
          {session.archived ? t("unarchive") : t("archive")}
        </Button>
        <Button
          variant="danger"
          onClick={async () => {
            if (!window.confirm(t("confirmDelete"))) return;
            const r = await api(`/api/sessions/${code}`, { method: "DELETE" });
            if (!r.ok) setError(errorText(r));
            else router.push("/dashboard");
          }}
        >
          {t("delete")}
        </Button>
      </section>
    </div>
  );
}

/** The participant cap (docs/decisions/0021): how many people may join at most. */
function ParticipantCap({
  code,
  cap,
  disabled,
  onError,
}: {
  code: string;
  cap: number | null;
  disabled: boolean;
  onError: (message: string | null) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const t = useTranslations("facilitator.control");
  const errorText = useErrorText();
  if (cap === null) return null;
  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft === null) return;
    onError(null);
    const value = Number(draft.trim());
    if (!Number.isInteger(value) || draft.trim() === "") {
      onError(t("capWhole"));
      return;
    }
    setSaving(true);
    const result = await api(`/api/sessions/${code}`, { method: "PATCH", body: { maxParticipants: value } });
    setSaving(false);
    if (!result.ok) onError(errorText(result));
    else setDraft(null);
  }
  return (
    <form className="flex flex-wrap items-end gap-3 text-sm" onSubmit={save} data-testid="participant-cap">
      <label className="flex flex-col gap-1">
        <span className="font-semibold">{t("capLabel")}</span>
        <input
          type="number"
          inputMode="numeric"
          min={2}
          max={20000}
          step={1}
          className="min-h-9 w-32 rounded border-2 border-ink/30 bg-white px-2"
          value={draft ?? String(cap)}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <Button type="submit" variant="secondary" disabled={disabled || saving || draft === null}>
        {t("saveCap")}
      </Button>
    </form>
  );
}

/** The release clock: how often rating-derived figures move on screens, and after how many new raters. */
function ReleaseSettings({
  code,
  release,
  disabled,
  onError,
}: {
  code: string;
  release: { seconds: number; batch: number } | null;
  disabled: boolean;
  onError: (message: string | null) => void;
}) {
  const t = useTranslations("facilitator.control");
  const errorText = useErrorText();
  if (!release) return null;
  async function save(next: { seconds: number; batch: number }) {
    onError(null);
    const result = await api(`/api/sessions/${code}`, { method: "PATCH", body: { release: next } });
    if (!result.ok) onError(errorText(result));
  }
  return (
    <div className="flex flex-wrap items-end gap-4 text-sm" data-testid="release-settings">
      <label className="flex flex-col gap-1">
        <span className="font-semibold">{t("scoresMove")}</span>
        <select
          className="min-h-9 rounded border-2 border-ink/30 bg-white px-2"
          value={release.seconds}
          disabled={disabled}
          onChange={(e) => void save({ ...release, seconds: Number(e.target.value) })}
        >
          {[1, 2, 3, 5, 10].map((s) => (
            <option key={s} value={s}>
              {t("seconds", { from: s, to: s + Math.min(1, s / 2) })}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-semibold">{t("newRaters")}</span>
        <select
          className="min-h-9 rounded border-2 border-ink/30 bg-white px-2"
          value={release.batch}
          disabled={disabled}
          onChange={(e) => void save({ ...release, batch: Number(e.target.value) })}
        >
          {[2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <p className="max-w-md text-steel">{t("releaseHint")}</p>
    </div>
  );
}

/** The session's language (the room's: projector, phones, debrief); the control room itself stays in the facilitator's. */
function SessionLanguage({
  code,
  language,
  disabled,
  onError,
}: {
  code: string;
  language: Locale;
  disabled: boolean;
  onError: (message: string | null) => void;
}) {
  const t = useTranslations("facilitator.control");
  const errorText = useErrorText();
  const id = useId();
  const [saving, setSaving] = useState<Locale | null>(null);
  async function save(next: Locale) {
    onError(null);
    setSaving(next);
    const result = await api(`/api/sessions/${code}`, { method: "PATCH", body: { language: next } });
    setSaving(null);
    if (!result.ok) onError(errorText(result));
  }
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-semibold">
        {t("language")}
      </label>
      <select
        id={id}
        className="min-h-9 max-w-xs rounded border-2 border-ink/30 bg-white px-2"
        value={saving ?? language}
        disabled={disabled || saving !== null}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          if (isLocale(e.target.value)) void save(e.target.value);
        }}
        data-testid="control-session-language"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="max-w-md text-steel">
        {t("languageHint")}
      </p>
    </div>
  );
}
