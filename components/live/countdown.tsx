"use client";

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
  const [now, setNow] = useState(() => Date.now());
  const running = remainingMs !== null && !paused;
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [running]);
  if (remainingMs === null) return null;
  const deadline = receivedAt !== undefined ? receivedAt + remainingMs : endsAt ? Date.parse(endsAt) : now + remainingMs;
  const left = paused ? remainingMs : deadline - now;
  const urgent = !paused && left <= 10_000;
  return (
    <span
      className={`font-mono tabular-nums ${urgent ? "text-party" : ""} ${className}`}
      role="timer"
      aria-label={`Time left ${format(left)}${paused ? ", paused" : ""}`}
    >
      {paused ? <span className="mr-1 text-[0.6em] uppercase tracking-wide">paused</span> : null}
      {format(left)}
    </span>
  );
}
