"use client";

import { useEffect, useState } from "react";

function format(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/**
 * Counts down from the server's `remainingMs` (measured when the event
 * arrived, so a phone with a wrong clock still shows the right time).
 */
export function Countdown({ remainingMs, paused, className = "" }: { remainingMs: number | null; paused?: boolean; className?: string }) {
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setDeadline(remainingMs === null ? null : Date.now() + remainingMs);
  }, [remainingMs]);
  useEffect(() => {
    if (deadline === null || paused) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [deadline, paused]);
  if (remainingMs === null) return null;
  const left = paused ? remainingMs : deadline === null ? remainingMs : deadline - now;
  const urgent = !paused && left <= 10_000;
  return (
    <span className={`font-mono tabular-nums ${urgent ? "text-party" : ""} ${className}`} role="timer" aria-label={`Time left ${format(left)}${paused ? ", paused" : ""}`}>
      <span aria-hidden="true">{paused ? "⏸ " : "⏱ "}</span>
      {format(left)}
    </span>
  );
}
