"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { useErrorText } from "@/components/i18n/use-error-text";
import { useContentText } from "@/components/live/rule-text";
import type { MePayload } from "@/components/live/types";
import { Button } from "@/components/ui/button";
import { formatRejoinCode } from "@/lib/domain/rejoin-code";
import { api, rejoinStorageKey } from "./api";
import { BoardRows } from "./phone-board";

export function MyScore({ code, me }: { code: string; me: MePayload | null }) {
  const t = useTranslations("participant.score");
  const content = useContentText();
  if (!me) return <p className="text-steel">{t("loading")}</p>;
  const window = me.window ? [...me.window.above, me.window.self, ...me.window.below] : [];
  return (
    <section aria-labelledby="score-heading" className="flex flex-col gap-5">
      <div className="rounded-lg border-2 border-ink bg-white p-5 text-center shadow-[6px_6px_0_0_var(--color-ink)]">
        <h2 id="score-heading" className="text-sm font-semibold uppercase tracking-[0.2em] text-steel">
          {t("heading", { round: me.round || "–" })}
        </h2>
        {me.score === null ? (
          <p className="mt-2 font-[family-name:var(--font-display)] text-3xl font-bold uppercase" data-testid="my-score">
            {t("notRated")}
          </p>
        ) : (
          <p className="mt-1 font-mono text-6xl font-bold tabular-nums" data-testid="my-score">
            {content.score(me.score)}
            <span aria-hidden="true" className="text-gold">
              ★
            </span>
          </p>
        )}
        {me.score === null ? (
          <p className="mt-1 text-sm text-steel">{t("needK", { k: me.k })}</p>
        ) : me.leaderboardVisible && me.rank !== null ? (
          <p className="mt-2 text-lg" data-testid="my-rank">
            {t.rich("rank", { rank: me.rank, ranked: me.ranked, percentile: me.percentile ?? 0, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
        ) : (
          <p className="mt-2 text-sm text-steel">{t("rankHidden")}</p>
        )}
        <p className="mt-2 text-sm text-steel" data-testid="release-explainer">
          {t("releaseExplainer")}
        </p>
      </div>

      <RuleStatus me={me} />

      {window.length > 0 ? (
        <section aria-labelledby="near-heading">
          <h3 id="near-heading" className="mb-2 font-[family-name:var(--font-display)] text-xl font-bold uppercase">
            {t("around")}
          </h3>
          <BoardRows entries={window} selfId={me.participant.id} />
        </section>
      ) : null}

      <section aria-labelledby="dims-heading">
        <h3 id="dims-heading" className="mb-2 font-[family-name:var(--font-display)] text-xl font-bold uppercase">
          {t("byDimension")}
        </h3>
        <ul className="flex flex-col gap-1" data-testid="my-dimensions">
          {me.dimensions.map((d) => (
            <li key={d.key} className="flex items-center justify-between gap-3 rounded-md bg-white px-3 py-2">
              <span className="min-w-0 font-semibold break-words hyphens-auto">{d.label}</span>
              {d.score === null ? <span className="shrink-0 text-right text-sm text-steel">{t("notEnough")}</span> : <span className="font-mono tabular-nums">{content.score(d.score)}</span>}
            </li>
          ))}
        </ul>
        <p className="mt-1 text-xs text-steel">{t("dimensionNote", { k: me.k })}</p>
      </section>

      <a href={`/s/${code}/report`} className="flex min-h-12 items-center justify-center rounded-md border-2 border-ink bg-white px-4 font-semibold uppercase" data-testid="report-link">
        {t("report")}
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
  const t = useTranslations("participant.rejoin");
  const errorText = useErrorText();
  const stored = useSyncExternalStore(subscribeStorage, () => readStored(rejoinStorageKey(code)), () => null);
  const [renewed, setRenewed] = useState<string | null>(null);
  const rejoin = renewed ?? stored;
  const [error, setError] = useState<string | null>(null);

  async function renew() {
    setError(null);
    const result = await api<{ rejoinCode: string }>(`/api/sessions/${code}/me/rejoin-code`, { method: "POST", body: {} });
    if (!result.ok) {
      setError(errorText(result));
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
        {t("title")}
      </h3>
      {rejoin ? (
        <>
          <p className="mt-1 text-sm text-steel">{t("how")}</p>
          <p className="mt-2 font-mono text-3xl font-bold tracking-widest" data-testid="rejoin-code">
            {formatRejoinCode(rejoin)}
          </p>
          <p className="mt-1 text-xs text-steel">{t("secret")}</p>
        </>
      ) : (
        <p className="mt-1 text-sm text-steel">{t("none")}</p>
      )}
      {error ? <p className="mt-2 text-sm font-semibold text-party">{error}</p> : null}
      <Button variant="secondary" className="mt-3" onClick={() => void renew()}>
        {rejoin ? t("renew") : t("show")}
      </Button>
    </section>
  );
}

/** What the round's rules make of this person: band, tier and privileges, result against the norm. */
function RuleStatus({ me }: { me: MePayload }) {
  const t = useTranslations("participant.status");
  const content = useContentText();
  const items: React.ReactNode[] = [];
  if (me.band) {
    const bottom = me.bandCount !== null && me.band.index === me.bandCount - 1;
    const top = me.band.index === 0;
    items.push(
      <div key="band" data-testid="my-band" className={`rounded-lg border-2 p-4 ${bottom ? "border-party bg-party/10" : top ? "border-gold bg-gold/20" : "border-ink/30 bg-white"}`}>
        <p className="text-sm font-semibold uppercase tracking-wide text-steel">{t("curve")}</p>
        <p className="text-2xl font-bold break-words">{t("band", { band: content.band(me.band.name) })}</p>
        {bottom && me.score !== null && me.score >= 3.5 ? (
          <p className="mt-1 text-sm">
            {t("unfair", { score: content.score(me.score) })}
          </p>
        ) : null}
      </div>,
    );
  }
  if (me.tier) {
    items.push(
      <div key="tier" data-testid="my-tier" className="rounded-lg border-2 border-ink bg-white p-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-steel">{t("tier")}</p>
        <p className="text-2xl font-bold break-words">
          {content.tierName(me.tier)} <span className="font-mono text-lg">×{content.percent(me.tier.weight)}</span>
        </p>
        <p className="mt-1 text-sm">{content.tierPrivilege(me.tier)}</p>
      </div>,
    );
  }
  if (me.norm !== null || me.percentOfNorm !== null) {
    items.push(
      <div key="norm" data-testid="my-norm" className={`rounded-lg border-2 p-4 ${me.stakhanovite ? "border-party bg-party text-white" : "border-ink bg-white"}`}>
        <p className={`text-sm font-semibold uppercase tracking-wide ${me.stakhanovite ? "text-white/80" : "text-steel"}`}>{t("norm")}</p>
        {me.norm === null ? (
          <p className="text-lg">{t("noNorm")}</p>
        ) : me.percentOfNorm === null ? (
          <p className="text-lg">{t("normNoScore", { norm: content.score(me.norm) })}</p>
        ) : (
          <p className="text-2xl font-bold">
            {t("ofNorm", { percent: content.percent(me.percentOfNorm), norm: content.score(me.norm) })}
          </p>
        )}
        {me.stakhanovite ? <p className="mt-1 font-bold uppercase">{t("hero")}</p> : null}
      </div>,
    );
  }
  if (items.length === 0) return null;
  return <section aria-label={t("label")} className="flex flex-col gap-3">{items}</section>;
}
