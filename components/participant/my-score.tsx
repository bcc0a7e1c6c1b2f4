"use client";

import { useState, useSyncExternalStore } from "react";
import type { MePayload } from "@/components/live/types";
import { Button } from "@/components/ui/button";
import { formatRejoinCode } from "@/lib/domain/rejoin-code";
import { api, rejoinStorageKey } from "./api";
import { BoardRows } from "./phone-board";

export function MyScore({ code, me }: { code: string; me: MePayload | null }) {
  if (!me) return <p className="text-steel">Loading your score…</p>;
  const window = me.window ? [...me.window.above, me.window.self, ...me.window.below] : [];
  return (
    <section aria-labelledby="score-heading" className="flex flex-col gap-5">
      <div className="rounded-lg border-2 border-ink bg-white p-5 text-center shadow-[6px_6px_0_0_var(--color-ink)]">
        <h2 id="score-heading" className="text-sm font-semibold uppercase tracking-[0.2em] text-steel">
          Your score · round {me.round || "–"}
        </h2>
        {me.score === null ? (
          <p className="mt-2 font-[family-name:var(--font-display)] text-3xl font-bold uppercase" data-testid="my-score">
            Not yet rated
          </p>
        ) : (
          <p className="mt-1 font-mono text-6xl font-bold tabular-nums" data-testid="my-score">
            {me.score.toFixed(2)}
            <span aria-hidden="true" className="text-gold">
              ★
            </span>
          </p>
        )}
        {me.score === null ? (
          <p className="mt-1 text-sm text-steel">A score appears once at least {me.k} different colleagues have rated you.</p>
        ) : me.leaderboardVisible && me.rank !== null ? (
          <p className="mt-2 text-lg" data-testid="my-rank">
            Rank <strong>#{me.rank}</strong> of {me.ranked} · at or above <strong>{me.percentile}%</strong> of ranked colleagues
          </p>
        ) : (
          <p className="mt-2 text-sm text-steel">The leaderboard is hidden, so ranks are hidden too.</p>
        )}
        <p className="mt-2 text-sm text-steel" data-testid="release-explainer">
          Your score moves only after several colleagues have rated you since it last moved, never for one rating alone.
        </p>
      </div>

      <RuleStatus me={me} />

      {window.length > 0 ? (
        <section aria-labelledby="near-heading">
          <h3 id="near-heading" className="mb-2 font-[family-name:var(--font-display)] text-xl font-bold uppercase">
            Around you
          </h3>
          <BoardRows entries={window} selfId={me.participant.id} />
        </section>
      ) : null}

      <section aria-labelledby="dims-heading">
        <h3 id="dims-heading" className="mb-2 font-[family-name:var(--font-display)] text-xl font-bold uppercase">
          By dimension
        </h3>
        <ul className="flex flex-col gap-1" data-testid="my-dimensions">
          {me.dimensions.map((d) => (
            <li key={d.key} className="flex items-center justify-between rounded-md bg-white px-3 py-2">
              <span className="font-semibold">{d.label}</span>
              {d.score === null ? <span className="text-sm text-steel">not enough ratings</span> : <span className="font-mono tabular-nums">{d.score.toFixed(2)}</span>}
            </li>
          ))}
        </ul>
        <p className="mt-1 text-xs text-steel">A dimension shows a number only once {me.k} or more colleagues have rated it. Nobody sees who rated what.</p>
      </section>

      <a href={`/s/${code}/report`} className="flex min-h-12 items-center justify-center rounded-md border-2 border-ink bg-white px-4 font-semibold uppercase" data-testid="report-link">
        Open my private report
      </a>

      <RejoinCode code={code} />
    </section>
  );
}

function subscribeStorage(onChange: () => void) {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function RejoinCode({ code }: { code: string }) {
  const stored = useSyncExternalStore(subscribeStorage, () => readStored(rejoinStorageKey(code)), () => null);
  const [renewed, setRenewed] = useState<string | null>(null);
  const rejoin = renewed ?? stored;
  const [error, setError] = useState<string | null>(null);

  async function renew() {
    setError(null);
    const result = await api<{ rejoinCode: string }>(`/api/sessions/${code}/me/rejoin-code`, { method: "POST", body: {} });
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setRenewed(result.data.rejoinCode);
    try {
      localStorage.setItem(rejoinStorageKey(code), result.data.rejoinCode);
    } catch {
      // shown on screen anyway
    }
  }

  return (
    <section aria-labelledby="rejoin-code-heading" className="rounded-md border-2 border-dashed border-ink/30 p-4">
      <h3 id="rejoin-code-heading" className="font-semibold">
        Continue on another device
      </h3>
      {rejoin ? (
        <>
          <p className="mt-1 text-sm text-steel">Open this session on the other device and enter your personal rejoin code:</p>
          <p className="mt-2 font-mono text-3xl font-bold tracking-widest" data-testid="rejoin-code">
            {formatRejoinCode(rejoin)}
          </p>
          <p className="mt-1 text-xs text-steel">Keep it to yourself: it signs in as you, and this device will then be signed out.</p>
        </>
      ) : (
        <p className="mt-1 text-sm text-steel">Get a personal code to continue on another phone or laptop.</p>
      )}
      {error ? <p className="mt-2 text-sm font-semibold text-party">{error}</p> : null}
      <Button variant="secondary" className="mt-3" onClick={() => void renew()}>
        {rejoin ? "Get a new code" : "Show my rejoin code"}
      </Button>
    </section>
  );
}

/** What the round's rules make of this person: band, tier and privileges, result against the norm. */
function RuleStatus({ me }: { me: MePayload }) {
  const items: React.ReactNode[] = [];
  if (me.band) {
    const bottom = me.bandCount !== null && me.band.index === me.bandCount - 1;
    const top = me.band.index === 0;
    items.push(
      <div key="band" data-testid="my-band" className={`rounded-lg border-2 p-4 ${bottom ? "border-party bg-party/10" : top ? "border-gold bg-gold/20" : "border-ink/30 bg-white"}`}>
        <p className="text-sm font-semibold uppercase tracking-wide text-steel">Forced distribution</p>
        <p className="text-2xl font-bold">You are in the {me.band.name}</p>
        {bottom && me.score !== null && me.score >= 3.5 ? (
          <p className="mt-1 text-sm">
            With a score of {me.score.toFixed(2)}. The curve does not care how good the group is: someone has to be at the bottom.
          </p>
        ) : null}
      </div>,
    );
  }
  if (me.tier) {
    items.push(
      <div key="tier" data-testid="my-tier" className="rounded-lg border-2 border-ink bg-white p-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-steel">Your status</p>
        <p className="text-2xl font-bold">
          {me.tier.name} <span className="font-mono text-lg">×{me.tier.weight}</span>
        </p>
        <p className="mt-1 text-sm">{me.tier.privilege}</p>
      </div>,
    );
  }
  if (me.norm !== null || me.percentOfNorm !== null) {
    items.push(
      <div key="norm" data-testid="my-norm" className={`rounded-lg border-2 p-4 ${me.stakhanovite ? "border-party bg-party text-white" : "border-ink bg-white"}`}>
        <p className={`text-sm font-semibold uppercase tracking-wide ${me.stakhanovite ? "text-white/80" : "text-steel"}`}>The norm</p>
        {me.norm === null ? (
          <p className="text-lg">No norm yet: it is set from the previous round&apos;s results.</p>
        ) : me.percentOfNorm === null ? (
          <p className="text-lg">The norm is {me.norm.toFixed(2)}. You have no score yet.</p>
        ) : (
          <p className="text-2xl font-bold">
            {me.percentOfNorm.toLocaleString("en")}% of the norm ({me.norm.toFixed(2)})
          </p>
        )}
        {me.stakhanovite ? <p className="mt-1 font-bold uppercase">★ Stakhanovite: hero of appraisal labour</p> : null}
      </div>,
    );
  }
  if (items.length === 0) return null;
  return <section aria-label="Under this round's rules" className="flex flex-col gap-3">{items}</section>;
}
