// The roster on the live streams (issue 12's lobby): one feed per session, one revision per change of
// who is in the room. A stream's client gets the whole roster once, then only deltas from the revision
// it has (lib/live/roster-delta.ts). The frame that brings a client from revision r to the current one
// is built once and shared by every stream at r: while a room fills, almost every phone is at the
// previous revision; a phone that was slow to read is at an older one and gets one delta covering
// everything it missed; one further behind than the kept history gets the whole roster again.
import { rosterDeltaSchema, rosterPayloadSchema } from "./contracts";
import { rosterDelta } from "./roster-delta";
import { rosterPayload, type RosterEntry, type RosterPayload } from "./roster-view";
import { encodeFrame } from "./sse";

/** Earlier revisions a delta may start from. */
const KEPT_REVISIONS = 8;

export class RosterFeed {
  private current: { payload: RosterPayload; full: Uint8Array } | null = null;
  /** The revisions before the current one, oldest first. */
  private readonly history: RosterPayload[] = [];
  /** Frames to the current revision, by the revision they start from. */
  private readonly frames = new Map<number, Uint8Array>();

  /** The current revision (0 before the first update). */
  get rev(): number {
    return this.current?.payload.rev ?? 0;
  }

  /** Takes the people active now; a new revision when anyone joined, left or was renamed. */
  update(active: readonly RosterEntry[]): void {
    const previous = this.current?.payload ?? null;
    if (previous && sameRoster(previous.participants, active)) return;
    const payload = rosterPayload(active, (previous?.rev ?? 0) + 1);
    if (previous) {
      this.history.push(previous);
      if (this.history.length > KEPT_REVISIONS) this.history.shift();
    }
    this.frames.clear();
    // Serialized through the view contract: nothing but ids and names leaves the server.
    this.current = { payload, full: encodeFrame("roster", JSON.stringify(rosterPayloadSchema.parse(payload)), `r-${payload.rev}`) };
  }

  /**
   * The frame that brings a client at revision `from` (-1: it has none) to the current revision: a
   * `roster-delta`, or the whole `roster` when `from` is too old or the change is not a delta. Null
   * when the client is up to date (or before the first update).
   */
  frameFrom(from: number): Uint8Array | null {
    const current = this.current;
    if (!current || from === current.payload.rev) return null;
    let frame = this.frames.get(from);
    if (!frame) {
      const base = this.history.find((p) => p.rev === from);
      const delta = base ? rosterDelta(base, current.payload) : null;
      frame = delta ? encodeFrame("roster-delta", JSON.stringify(rosterDeltaSchema.parse(delta)), `r-${delta.rev}`) : current.full;
      this.frames.set(from, frame);
    }
    return frame;
  }
}

function sameRoster(a: readonly RosterEntry[], b: readonly RosterEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id || a[i]!.displayName !== b[i]!.displayName) return false;
  return true;
}
