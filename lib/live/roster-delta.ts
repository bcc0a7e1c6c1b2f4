// Roster deltas (issue 12, the lecture hall's lobby): every join changes the roster every open screen
// is shown. Sending the whole roster to every phone on every snapshot costs O(people²) bytes while a
// room fills: 2,000 phones joining behind one NAT received about 1 MB each (1.9 GB in all) in
// 20 seconds. A screen gets the whole roster on (re)connect and then only what changed.
//
// Both sides use this module: the server computes a delta between two rosters (once per change,
// shared by every connection), the browser applies it (components/live/use-live.ts). No server-only
// imports here.

export interface RosterPerson {
  id: string;
  displayName: string;
}

/** The `roster` event: who is in the session, in join order, at revision `rev`. */
export interface RosterSnapshot {
  rev: number;
  count: number;
  participants: RosterPerson[];
}

/** The `roster-delta` event: from revision `from` to `rev`, people appended (join order), renamed, or gone. */
export interface RosterDelta {
  from: number;
  rev: number;
  count: number;
  added: RosterPerson[];
  renamed: RosterPerson[];
  removed: string[];
}

/**
 * The delta from `before` to `after`, or null when `after` is not `before` minus some people, with
 * some renamed, plus newcomers at the end (someone restored to their old place in the join order,
 * say): then the whole roster goes out instead.
 */
export function rosterDelta(before: RosterSnapshot, after: RosterSnapshot): RosterDelta | null {
  const afterIndex = new Map(after.participants.map((p, i) => [p.id, i]));
  const removed: string[] = [];
  const renamed: RosterPerson[] = [];
  let kept = 0;
  for (const p of before.participants) {
    const at = afterIndex.get(p.id);
    if (at === undefined) {
      removed.push(p.id);
      continue;
    }
    // The people who stay keep their order and come first.
    if (at !== kept) return null;
    kept += 1;
    const now = after.participants[at]!;
    if (now.displayName !== p.displayName) renamed.push({ id: now.id, displayName: now.displayName });
  }
  const added = after.participants.slice(kept).map((p) => ({ id: p.id, displayName: p.displayName }));
  return { from: before.rev, rev: after.rev, count: after.count, added, renamed, removed };
}

/** `current` with `delta` applied, or null when the delta does not start from `current`'s revision. */
export function applyRosterDelta(current: RosterSnapshot | null | undefined, delta: RosterDelta): RosterSnapshot | null {
  if (!current || current.rev !== delta.from) return null;
  const gone = new Set(delta.removed);
  const names = new Map(delta.renamed.map((p) => [p.id, p.displayName]));
  const participants = current.participants
    .filter((p) => !gone.has(p.id))
    .map((p) => {
      const name = names.get(p.id);
      return name === undefined ? p : { id: p.id, displayName: name };
    })
    .concat(delta.added);
  return { rev: delta.rev, count: delta.count, participants };
}
