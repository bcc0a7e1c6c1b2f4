"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import { useContentText, useRuleExplainers } from "@/components/live/rule-text";
import type { PublicSession } from "@/components/live/types";
import { StarInput } from "@/components/rating/star-input";
import { Alert } from "@/components/ui/alert";
import {
  acknowledged,
  EMPTY_TAPS,
  loaded,
  queued,
  refused,
  reset,
  shown,
  takeQueued,
  tap,
  waitingCount,
  type Given,
  type Tap,
  type TapState,
} from "@/lib/domain/tap-state";
import type { ExplainableRules, RuleTag } from "@/lib/domain/rules/explain";
import { api } from "./api";
import { useOnline } from "./use-online";
import { SelfRating } from "./self-rating";

interface Colleague {
  id: string;
  displayName: string;
}

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function RatePanel({
  code,
  session,
  me,
  quota,
  rules,
  joinedDuringRound,
  roster,
  onWaiting,
  rulesSummary,
}: {
  code: string;
  session: PublicSession;
  me: { id: string };
  /** Quota ballots: how many colleagues may get top marks on each dimension (what is left is counted here, from my own ratings). */
  quota: { limit: number } | null;
  /** The round's rules as ids (publicSession's round.ruleTags). */
  rules: RuleTag[];
  /** Joined while this round was open: rating starts with the next round. */
  joinedDuringRound: boolean;
  /** Everyone in the session now (live). */
  roster: { participants: Colleague[] } | null;
  /** How many taps wait for the connection (shown in the header). */
  onWaiting?: (count: number) => void;
  /** The round's rules as every screen gets them with the leaderboard, for the plain-language lines. */
  rulesSummary?: ExplainableRules | null;
}) {
  const t = useTranslations("participant.rate");
  const content = useContentText();
  const errorText = useErrorText();
  const explained = useRuleExplainers(rulesSummary);
  const tapsRef = useRef<TapState>(EMPTY_TAPS);
  const [taps, setTaps] = useState<TapState>(EMPTY_TAPS);
  const update = useCallback((change: (s: TapState) => TapState) => {
    tapsRef.current = change(tapsRef.current);
    setTaps(tapsRef.current);
  }, []);
  const given: Given = useMemo(() => shown(taps), [taps]);
  const waiting = waitingCount(taps);
  const [open, setOpen] = useState<string | null>(null);
  /** A refusal, next to the star that was tapped (quota, round closed…), by colleague. */
  const [errors, setErrors] = useState<Record<string, { dimension: string; message: string }>>({});
  const [query, setQuery] = useState("");
  const online = useOnline();
  const round = session.round.number;
  const ratingsPaused = session.phase === "round_open" && !session.round.ratingsOpen;
  const canRate = session.phase === "round_open" && !session.paused && !ratingsPaused && !joinedDuringRound;

  // The live roster: joins, renames and removals arrive with the next snapshot (lib/live/roster.ts).
  const colleagues = useMemo(() => (roster ? roster.participants.filter((c) => c.id !== me.id) : null), [roster, me.id]);

  // What I gave is mine: loaded with each round and whenever this phone comes back to the foreground
  // (ratings given from another device appear then), then kept here. The live stream never carries it.
  const [foreground, setForeground] = useState(0);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") setForeground((n) => n + 1);
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);
  // A new round starts from nothing.
  useEffect(() => update(reset), [round, update]);
  useEffect(() => {
    let cancelled = false;
    // Taps made while this request travels keep their newer value (lib/domain/tap-state.ts).
    const askedAt = tapsRef.current.seq;
    void api<{ round: number; given: Given }>(`/api/sessions/${code}/ratings`).then((result) => {
      if (!cancelled && result.ok) update((s) => loaded(s, result.data.given, askedAt));
    });
    return () => {
      cancelled = true;
    };
  }, [code, round, foreground, update]);

  const send = useCallback(
    async (t: Tap) => {
      const result = await api(`/api/sessions/${code}/ratings/${t.targetId}`, {
        method: "PUT",
        body: { scores: { [t.dimension]: t.score } },
        headers: { "Idempotency-Key": t.key },
      });
      if (result.ok) update((s) => acknowledged(s, t));
      else if (result.code === "network") update((s) => queued(s, t));
      else {
        const r = refused(tapsRef.current, t);
        update(() => r.state);
        if (r.current) setErrors((e) => ({ ...e, [t.targetId]: { dimension: t.dimension, message: errorText(result) } }));
      }
    },
    [code, update, errorText],
  );

  // Back online: send what waits, oldest first, with the same keys; while the server stays out of
  // reach, try again with a growing pause (0.5 s, 1 s, 2 s … 8 s).
  const attempts = useRef(0);
  const hasWaiting = waiting > 0;
  useEffect(() => {
    if (!online || !hasWaiting) return;
    const id = setTimeout(
      () => {
        attempts.current += 1;
        const taken = takeQueued(tapsRef.current);
        update(() => taken.state);
        void (async () => {
          for (const t of taken.taps) await send(t);
          if (waitingCount(tapsRef.current) === 0) attempts.current = 0;
        })();
      },
      Math.min(8_000, 500 * 2 ** attempts.current),
    );
    return () => clearTimeout(id);
  }, [online, hasWaiting, send, update]);

  // The header counts every tap the server has not confirmed yet (waiting offline, or on its way).
  const unconfirmed = Object.keys(taps.taps).length;
  useEffect(() => onWaiting?.(unconfirmed), [unconfirmed, onWaiting]);

  function rate(targetId: string, dimension: string, score: number) {
    const r = tap(tapsRef.current, targetId, dimension, score, newKey());
    update(() => r.state);
    setErrors((e) => {
      if (!e[targetId]) return e;
      const next = { ...e };
      delete next[targetId];
      return next;
    });
    if (!online) update((s) => queued(s, r.tap));
    else void send(r.tap);
  }

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (colleagues ?? []).filter((c) => !q || c.displayName.toLowerCase().includes(q));
  }, [colleagues, query]);

  const dims = session.dimensions;
  const ratedCount = (colleagues ?? []).filter((c) => Object.keys(given[c.id] ?? {}).length > 0).length;
  const total = colleagues?.length ?? 0;
  const topLeft = (dimension: string) =>
    quota ? Math.max(0, quota.limit - Object.values(given).filter((scores) => scores[dimension] === session.scale.max).length) : 0;

  return (
    <section aria-labelledby="rate-heading" className="flex flex-col gap-3">
      <h2 id="rate-heading" className="sr-only">
        {t("heading")}
      </h2>
      {!canRate ? (
        <Alert tone="info">
          {joinedDuringRound && session.phase === "round_open"
            ? t("notYet.joinedDuring")
            : session.phase === "lobby"
              ? t("notYet.lobby")
              : ratingsPaused
                ? t("notYet.ratingsPaused")
                : session.phase === "round_open"
                  ? t("notYet.paused")
                  : session.phase === "ended"
                    ? t("notYet.ended")
                    : t("notYet.closed")}
        </Alert>
      ) : null}
      {waiting > 0 ? (
        <p className="rounded-md border-2 border-ink bg-paper-dark px-3 py-2 text-sm font-semibold" data-testid="waiting-note" role="status">
          {t("waiting", { count: waiting })}
        </p>
      ) : null}
      {canRate && rules.length && rules[0]?.id !== "plain" ? (
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide break-words text-party" data-testid="round-rules">
            {t("thisRound", { rules: content.rules(rules) })}
          </p>
          {explained.length > 0 ? (
            <ul className="mt-1 flex list-disc flex-col gap-0.5 pl-5 text-sm" data-testid="rule-explainers">
              {explained.map((e) => (
                <li key={e.rule}>{e.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {quota ? (
        <Alert tone="info">
          {t("quota", { stars: session.scale.max, count: quota.limit })}
        </Alert>
      ) : null}

      <div>
        <p className="text-sm font-semibold" data-testid="rate-progress">
          {t("progress", { rated: ratedCount, count: total })}
        </p>
        {canRate ? (
          <p className="text-xs text-steel" data-testid="release-note">
            {t("releaseNote")}
          </p>
        ) : null}
        <div
          className="mt-1 h-2 w-full overflow-hidden rounded bg-paper-dark"
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={ratedCount}
        >
          <div className="h-full bg-party motion-safe:transition-all" style={{ width: `${total ? (100 * ratedCount) / total : 0}%` }} />
        </div>
      </div>

      {total > 8 ? (
        <label className="flex flex-col gap-1 text-sm font-semibold">
          {t("find")}
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="min-h-11 rounded-md border-2 border-ink/30 bg-white px-3 text-base font-normal"
          />
        </label>
      ) : null}

      {session.round.number <= 1 && session.phase !== "ended" ? <SelfRating code={code} session={session} /> : null}

      {colleagues === null ? <p className="text-steel">{t("loading")}</p> : null}
      {colleagues !== null && total === 0 ? <p className="text-steel">{t("nobody")}</p> : null}

      <ul className="flex flex-col gap-2" aria-label={t("colleagues")}>
        {visible.map((c) => {
          const mine = given[c.id] ?? {};
          const done = Object.keys(mine).length;
          const expanded = open === c.id;
          return (
            <li key={c.id} className="rounded-lg border-2 border-ink bg-white" data-testid="colleague" data-colleague-name={c.displayName}>
              <button
                type="button"
                className="flex min-h-14 w-full items-center justify-between gap-3 px-4 text-left"
                aria-expanded={expanded}
                aria-controls={`rate-${c.id}`}
                onClick={() => setOpen(expanded ? null : c.id)}
              >
                <span className="min-w-0 truncate text-lg font-bold">{c.displayName}</span>
                <span className="shrink-0 text-sm text-steel">
                  {done === 0 ? t("notRated") : done === dims.length ? t("rated") : t("partlyRated", { done, total: dims.length })}
                  <span aria-hidden="true"> {expanded ? "▴" : "▾"}</span>
                </span>
              </button>
              {expanded ? (
                <div id={`rate-${c.id}`} className="flex flex-col gap-1 border-t-2 border-ink/10 px-3 py-2">
                  {dims.map((d) => (
                    <div key={d.key}>
                    <StarInput
                      label={t("starsFor", { dimension: d.label, name: c.displayName })}
                      shortLabel={d.label}
                      value={mine[d.key]}
                      disabled={!canRate}
                      min={session.scale.min}
                      max={session.scale.max}
                      onChange={(v) => void rate(c.id, d.key, v)}
                    />
                    {errors[c.id]?.dimension === d.key ? (
                      <p role="alert" className="mb-1 rounded-md border-2 border-party bg-party/10 px-2 py-1 text-sm font-semibold text-party" data-testid="card-error">
                        <span aria-hidden="true">⚠ </span>
                        {errors[c.id]!.message}
                      </p>
                    ) : null}
                    {quota ? (
                      <p className="-mt-1 text-right text-xs text-steel" data-testid="quota-left">
                        {t("quotaLeft", { stars: session.scale.max, dimension: d.label, left: topLeft(d.key), limit: quota.limit })}
                      </p>
                    ) : null}
                    </div>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
