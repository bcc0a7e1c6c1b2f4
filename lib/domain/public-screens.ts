// Reads by join code alone (the projector, the public session state, the QR code, a phone that has
// not joined) see a session while it runs and for a while after it ends, then never again: a code on
// an old slide or photo stops opening the room's board. Pure: the clock is passed in.

export const DEFAULT_PUBLIC_SCREENS_HOURS = 24;

export interface PublicScreensState {
  phase: string;
  endedAt: Date | null;
  archivedAt: Date | null;
}

/** Whether someone holding only the join code may still read this session at `now`. */
export function publicScreensOpen(session: PublicScreensState, now: number, hours: number): boolean {
  // Archiving a session that never ended counts as its end; archiving an ended one changes nothing.
  const over = session.endedAt ?? session.archivedAt;
  if (!over) {
    // Ended before the end was stamped (older sessions): treat as long over.
    return session.phase !== "ended";
  }
  return now < over.getTime() + hours * 60 * 60 * 1000;
}

/** Wrong join codes one address may try per minute before a 429: a typo now and then, never a scan. */
export const CODE_MISSES_PER_MINUTE = 120;
