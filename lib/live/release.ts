// The release rule (docs/decisions/0011-release-clock.md): every acknowledged
// rating is counted at once in `live` (the rater's own screen, quota checks),
// but what the room sees is derived from `released`, which takes a colleague's
// new ratings only when at least `minNewRaters` distinct raters contributed
// since that colleague's last release, or when the round closes. A single
// quiet rating therefore never moves anyone's figures on its own, whatever
// the timing. Pure: the hub calls `release()` on its jittered clock.
import { RoundBoard, type RatingChange } from "../domain/round-board";
import { RELEASE_SECONDS_MAX, RELEASE_SECONDS_MIN } from "../domain/session-config";

export const RELEASE_SECONDS_DEFAULT = 2;
export const RELEASE_MIN_RATERS_DEFAULT = 2;
/** Added to every release period, uniformly at random: releases never line up with a rating. */
export const RELEASE_JITTER_MS = 1_000;

interface Pending {
  /** rater + dimension → the latest score not yet released */
  changes: Map<string, RatingChange>;
  raters: Set<string>;
}

const SEP = "\u0000";

export class ReleaseGate {
  /** Every acknowledged rating: the rater's own view and the rules' checks. Never shown to others. */
  readonly live = new RoundBoard();
  /** What every screen's figures are computed from. */
  readonly released = new RoundBoard();
  private readonly pending = new Map<string, Pending>();

  constructor(private minNewRaters: number = RELEASE_MIN_RATERS_DEFAULT) {}

  /** Ratings already public (loaded after a restart, or a closed round): counted in both boards. */
  seed(change: RatingChange): void {
    this.live.apply(change);
    this.released.apply(change);
  }

  /** A new acknowledged rating: counted live at once, released later. */
  apply(change: RatingChange): void {
    this.live.apply(change);
    let p = this.pending.get(change.targetId);
    if (!p) {
      p = { changes: new Map(), raters: new Set() };
      this.pending.set(change.targetId, p);
    }
    p.changes.set(change.raterId + SEP + change.dimension, change);
    p.raters.add(change.raterId);
  }

  setMinNewRaters(n: number): void {
    this.minNewRaters = Math.max(1, Math.floor(n));
  }

  /** Releases every colleague with enough new distinct raters; returns their ids. */
  release(): string[] {
    const out: string[] = [];
    for (const [targetId, p] of this.pending) {
      if (p.raters.size < this.minNewRaters) continue;
      this.flush(targetId, p);
      out.push(targetId);
    }
    return out;
  }

  /** The round closed: everything that is stored becomes visible. */
  releaseAll(): string[] {
    const out = [...this.pending.keys()];
    for (const [targetId, p] of this.pending) this.flush(targetId, p);
    return out;
  }

  /** How many distinct raters wait to be released for a colleague (tests, diagnostics). */
  waiting(targetId: string): number {
    return this.pending.get(targetId)?.raters.size ?? 0;
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  private flush(targetId: string, p: Pending): void {
    for (const change of p.changes.values()) this.released.apply(change);
    this.pending.delete(targetId);
  }
}

/** The delay to the next release: the facilitator's period plus random jitter, independent of any rating. */
export function nextReleaseDelay(periodSeconds: number, random: () => number = Math.random): number {
  const period = Math.min(RELEASE_SECONDS_MAX, Math.max(RELEASE_SECONDS_MIN, periodSeconds));
  return period * 1000 + random() * Math.min(RELEASE_JITTER_MS, (period * 1000) / 2);
}
