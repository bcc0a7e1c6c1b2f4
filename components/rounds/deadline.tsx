"use client";

import { useEffect, useState } from "react";

/** Seconds left until an ISO deadline, ticking; null when there is none. */
export function useSecondsLeft(deadline: string | null, offsetMs = 0): number | null {
  // Null until mounted: reading the clock while rendering would differ between server and phone (#418).
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!deadline) return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [deadline]);
  if (!deadline || now === null) return null;
  return Math.max(0, Math.ceil((Date.parse(deadline) + offsetMs - now) / 1000));
}

export function formatSeconds(total: number): string {
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
