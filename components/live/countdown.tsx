"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

function format(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * Counts down to the round's end. With `receivedAt` (when the live event
 * arrived, by this device's clock) it adds the server's `remainingMs` to it,
 * so a phone with a wrong clock still shows the right time; otherwise it
 * falls back to the absolute `endsAt`.
 */
export function Countdown({
  remainingMs,
  endsAt,
  receivedAt,
  paused,
  className = "",
}: {
  remainingMs: number | null;
  endsAt?: string | null;
  receivedAt?: number;
  paused?: boolean;
  className?: string;
}) {
  // No clock reading while rendering: the server's page and the phone's first render must be the same
  // text (React error #418 otherwise). The first render shows the server's remainingMs; the clock starts after.
  const t = useTranslations("live.countdown");
  const [now, setNow] = useState<number | null>(null);
  const running = remainingMs !== null && !paused;
  useEffect(() => {
    if (!running) return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [running]);
  if (remainingMs === null) return null;
  const deadline = receivedAt !== undefined ? receivedAt + remainingMs : endsAt ? Date.parse(endsAt) : null;
  const left = paused || now === null || deadline === null ? remainingMs : deadline - now;
  const urgent = !paused && left <= 10_000;
  return (
    <span
      className={`font-mono tabular-nums ${urgent ? "text-party" : ""} ${className}`}
      role="timer"
      aria-label={paused ? t("labelPaused", { time: format(left) }) : t("label", { time: format(left) })}
    >
      {paused ? <span className="mr-1 text-[0.6em] uppercase tracking-wide">{t("paused")}</span> : null}
      {format(left)}
    </span>
  );
}
