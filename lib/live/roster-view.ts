// The roster every screen may see: who is in the session (active), by id and display name, in join
// order. Nothing rating-derived: joins, renames and removals go out with the next snapshot, not on the
// release clock (docs/decisions/0019-run-mode.md). The roster module itself is lib/live/roster.ts.

import type { RosterSnapshot } from "./roster-delta";

export interface RosterEntry {
  id: string;
  displayName: string;
}

/** The `roster` event; `rev` counts the roster's changes, so a `roster-delta` names what it starts from. */
export type RosterPayload = RosterSnapshot;

export function rosterPayload(active: readonly RosterEntry[], rev = 0): RosterPayload {
  return { rev, count: active.length, participants: active.map((p) => ({ id: p.id, displayName: p.displayName })) };
}

export interface ControlPerson {
  id: string;
  displayName: string;
  status: string;
  connected: boolean;
  ratedCount: number | null;
  joinedDuringRound: number | null;
  joinedAt: string;
}

/**
 * The control room's people: the slow control payload (connection, counts) brought up to date with
 * the live roster (names, who joined, who left), so a join or rename shows within a second while the
 * counts keep their slow, anonymous schedule. Someone new has no count yet (null, shown as "–").
 */
export function mergeRoster<P extends ControlPerson>(people: readonly P[], roster: RosterPayload | null | undefined, openRound: number | null, now = new Date()): P[] {
  if (!roster) return [...people];
  const names = new Map(roster.participants.map((p) => [p.id, p.displayName]));
  const known = new Set(people.map((p) => p.id));
  const merged = people.map((p) => {
    const name = names.get(p.id);
    if (name !== undefined) return name === p.displayName && p.status === "active" ? p : { ...p, displayName: name, status: "active" };
    // Active a moment ago, gone from the roster: removed (the control payload says how, later).
    return p.status === "active" ? { ...p, status: "kicked" } : p;
  });
  for (const r of roster.participants) {
    if (known.has(r.id)) continue;
    merged.push({
      id: r.id,
      displayName: r.displayName,
      status: "active",
      connected: false,
      ratedCount: null,
      joinedDuringRound: openRound,
      joinedAt: now.toISOString(),
    } as P);
  }
  return merged;
}
