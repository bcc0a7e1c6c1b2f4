"use client";
import { useTranslations } from "next-intl";
import { useContentText } from "./rule-text";
import type { PublicEntry } from "./types";

/** Compact marks for an entry under the round's rules; every mark has text, not only colour. */
export function EntryBadges({ entry, bandCount, size = "sm" }: { entry: PublicEntry; bandCount?: number; size?: "sm" | "lg" }) {
  const t = useTranslations("live.badges");
  const content = useContentText();
  const text = size === "lg" ? "text-[0.8em]" : "text-[11px]";
  const lastBand = bandCount ? bandCount - 1 : -1;
  return (
    <span className="inline-flex flex-wrap items-center gap-1 align-middle">
      {entry.team !== undefined ? (
        <span data-testid="team-badge" className={`rounded border border-current px-1.5 py-0.5 font-semibold uppercase ${text}`}>
          {t("brigade", { team: entry.team + 1 })}
        </span>
      ) : null}
      {entry.band ? (
        <span
          data-testid="band-badge"
          className={`rounded px-1.5 py-0.5 font-bold uppercase ${text} ${
            entry.band.index === 0 ? "bg-gold text-ink" : entry.band.index === lastBand ? "bg-party text-white" : "bg-steel/20 text-current"
          }`}
        >
          {content.band(entry.band.name)}
        </span>
      ) : null}
      {entry.tier ? (
        <span data-testid="tier-badge" className={`rounded border border-current px-1.5 py-0.5 font-semibold ${text}`} title={content.tierPrivilege(entry.tier)}>
          {content.tierName(entry.tier)} ×{content.percent(entry.tier.weight)}
        </span>
      ) : null}
      {entry.percentOfNorm !== undefined && entry.percentOfNorm !== null ? (
        <span data-testid="norm-badge" className={`font-mono ${text}`}>
          {content.percent(entry.percentOfNorm)}%
        </span>
      ) : null}
      {entry.stakhanovite ? (
        <span data-testid="stakhanovite-badge" className={`rounded bg-party px-1.5 py-0.5 font-bold uppercase text-white ${text}`}>
          {t("stakhanovite")}
        </span>
      ) : null}
    </span>
  );
}
