"use client";

import { useEffect, useMemo, useState } from "react";
import type { PublicSession } from "@/components/live/types";
import { StarInput } from "@/components/rating/star-input";
import { Alert } from "@/components/ui/alert";
import { api } from "./api";
import { SelfRating } from "./self-rating";

interface Colleague {
  id: string;
  displayName: string;
}

type Given = Record<string, Record<string, number>>;

export function RatePanel({
  code,
  session,
  me,
  quota,
  rules,
  joinedDuringRound,
}: {
  code: string;
  session: PublicSession;
  me: { id: string };
  /** Quota ballots: how many colleagues may get top marks on each dimension (what is left is counted here, from my own ratings). */
  quota: { limit: number } | null;
  rules: string[];
  /** Joined while this round was open: rating starts with the next round. */
  joinedDuringRound: boolean;
}) {
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  const [given, setGiven] = useState<Given>({});
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const round = session.round.number;
  const ratingsPaused = session.phase === "round_open" && !session.round.ratingsOpen;
  const canRate = session.phase === "round_open" && !session.paused && !ratingsPaused && !joinedDuringRound;

  // Reloaded whenever the number of participants changes (someone joined or left).
  const participantCount = session.participantCount;
  useEffect(() => {
    let cancelled = false;
    void api<Colleague[]>(`/api/sessions/${code}/participants?n=${participantCount}`).then((result) => {
      if (!cancelled && result.ok) setColleagues(result.data.filter((c) => c.id !== me.id));
    });
    return () => {
      cancelled = true;
    };
  }, [code, me.id, participantCount]);

  // What I gave is mine: loaded with each round and whenever this phone comes back to the foreground
  // (ratings given from another device appear then), then kept here. The live stream never carries it.
  const [shown, setShown] = useState(0);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") setShown((n) => n + 1);
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);
  useEffect(() => {
    let cancelled = false;
    void api<{ round: number; given: Given }>(`/api/sessions/${code}/ratings`).then((result) => {
      if (!cancelled && result.ok) setGiven(result.data.given);
    });
    return () => {
      cancelled = true;
    };
  }, [code, round, shown]);

  async function rate(targetId: string, dimension: string, score: number) {
    const before = given[targetId]?.[dimension];
    setGiven((g) => ({ ...g, [targetId]: { ...g[targetId], [dimension]: score } }));
    setError(null);
    const result = await api(`/api/sessions/${code}/ratings/${targetId}`, { method: "PUT", body: { scores: { [dimension]: score } } });
    if (!result.ok) {
      setGiven((g) => {
        const next = { ...g[targetId] };
        if (before === undefined) delete next[dimension];
        else next[dimension] = before;
        return { ...g, [targetId]: next };
      });
      setError(result.message);
    }
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
        Rate your colleagues
      </h2>
      {!canRate ? (
        <Alert tone="info">
          {joinedDuringRound && session.phase === "round_open"
            ? "You joined during this round: you can rate from the next round. Until then, watch the board."
            : session.phase === "lobby"
            ? "Rating opens when the facilitator starts the first round. Look around: who has potential?"
            : ratingsPaused
              ? "The production conference paused ratings for this round. Nobody rates anybody."
              : session.phase === "round_open"
              ? "The round is paused. Ratings resume when the facilitator continues."
              : session.phase === "ended"
                ? "The session has ended; ratings are closed."
                : "This round is closed. Wait for the next one."}
        </Alert>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {canRate && rules.length && rules[0] !== "Plain 360°" ? (
        <p className="text-xs font-semibold uppercase tracking-wide text-party" data-testid="round-rules">
          This round: {rules.join(" · ")}
        </p>
      ) : null}
      {quota ? (
        <Alert tone="info">
          Quota ballot: on each dimension you may give {session.scale.max} stars to at most {quota.limit} colleague{quota.limit === 1 ? "" : "s"}.
        </Alert>
      ) : null}

      <div>
        <p className="text-sm font-semibold" data-testid="rate-progress">
          You have rated {ratedCount} of {total} colleague{total === 1 ? "" : "s"}
        </p>
        {canRate ? (
          <p className="text-xs text-steel" data-testid="release-note">
            Your rating is in the moment you tap. Scores on screens move in batches, as others rate, so nobody can tell who gave what.
          </p>
        ) : null}
        <div
          className="mt-1 h-2 w-full overflow-hidden rounded bg-paper-dark"
          role="progressbar"
          aria-label="Colleagues rated"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={ratedCount}
        >
          <div className="h-full bg-party motion-safe:transition-all" style={{ width: `${total ? (100 * ratedCount) / total : 0}%` }} />
        </div>
      </div>

      {total > 8 ? (
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Find a colleague
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="min-h-11 rounded-md border-2 border-ink/30 bg-white px-3 text-base font-normal"
          />
        </label>
      ) : null}

      {session.round.number <= 1 && session.phase !== "ended" ? <SelfRating code={code} session={session} /> : null}

      {colleagues === null ? <p className="text-steel">Loading colleagues…</p> : null}
      {colleagues !== null && total === 0 ? <p className="text-steel">Nobody else has joined yet. Colleagues appear here as they join.</p> : null}

      <ul className="flex flex-col gap-2" aria-label="Colleagues">
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
                  {done === 0 ? "not rated" : done === dims.length ? "✓ rated" : `${done}/${dims.length} rated`}
                  <span aria-hidden="true"> {expanded ? "▴" : "▾"}</span>
                </span>
              </button>
              {expanded ? (
                <div id={`rate-${c.id}`} className="flex flex-col gap-1 border-t-2 border-ink/10 px-3 py-2">
                  {dims.map((d) => (
                    <div key={d.key}>
                    <StarInput
                      label={`${d.label} for ${c.displayName}`}
                      value={mine[d.key]}
                      disabled={!canRate}
                      min={session.scale.min}
                      max={session.scale.max}
                      onChange={(v) => void rate(c.id, d.key, v)}
                    />
                    {quota ? (
                      <p className="-mt-1 text-right text-xs text-steel" data-testid="quota-left">
                        {session.scale.max}★ left on {d.label}: {topLeft(d.key)} of {quota.limit}
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
