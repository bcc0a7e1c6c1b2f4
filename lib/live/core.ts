// The state one session's hub holds in memory, shared by its modules (roster,
// board, views, commands, sync), and the one command path every change goes
// through: `command` runs changes one at a time, in arrival order.
import type { SessionRecord } from "../db/sessions";
import type { RatingChange } from "../domain/round-board";
import { hasRatings } from "../domain/rounds/kinds";
import { AppError } from "../errors";
import type { FanoutMessage } from "./bus";
import { Board, BoardClock } from "./board";
import { RoundState, TribunalState, type PayloadContext } from "./interactive";
import { publisher } from "./publisher";
import { ratingStore, type RatingStore, type StoredRatingRow } from "./rating-store";
import { ReleaseGate } from "./release";
import { Roster } from "./roster";
import { NO_ROUND, type RoundContext } from "./round-context";
import { channelOf, type HubSignal } from "./signals";

type Distribute<T> = T extends unknown ? Omit<T, "code"> : never;

interface CommandOptions {
  /** Changes that came from another instance are not announced back (PostgreSQL fan-out). */
  remote?: boolean;
  /** Tell the other instances to re-read the session afterwards (default: yes; ratings have their own announcement). */
  announce?: boolean;
}

export class HubCore {
  session: SessionRecord;
  readonly roster = new Roster();
  round: RoundContext = NO_ROUND;
  /** The interactive round (RIF, conference) and the board round's tribunal. */
  interactive = new RoundState();
  tribunal: TribunalState | null = null;
  spotlightText: string | null = null;
  /** How many people have answered the reflection (room level; lib/db/sessions.ts countReflections). */
  reflectionAnswers = 0;
  /** Every acknowledged rating (`live`) and what the room may see of them (`released`): lib/live/release.ts. */
  gate = new ReleaseGate();
  readonly store: RatingStore = ratingStore();
  /** PostgreSQL: rater, colleague and dimension → id of the event the board holds (changes may arrive out of order). */
  private eventIds = new Map<string, number>();
  /** PostgreSQL: ids of the rating events written here since the last flush, for the other instances. */
  pendingEvents: number[] = [];
  // Starts from the clock so versions keep increasing across restarts ("this version or a later one").
  version = Date.now();
  /** Serialized payloads per version and view (lib/live/views.ts). */
  readonly cache = new Map<string, string>();
  /** Payloads parsed against their contract, per version and view (lib/live/views.ts). */
  readonly parsed = new Map<string, unknown>();
  contextCache: { version: number; context: PayloadContext } | null = null;
  readonly board = new Board();
  readonly clock: BoardClock;
  ratingTimes: number[] = [];
  readonly timers: { expiry: ReturnType<typeof setTimeout> | null; auto: ReturnType<typeof setTimeout> | null } = { expiry: null, auto: null };
  disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(session: SessionRecord) {
    this.session = session;
    this.clock = new BoardClock(this);
  }

  get channel(): string {
    return channelOf(this.session.code);
  }

  publish(signal: HubSignal): void {
    publisher().publish(this.channel, signal);
  }

  /** Tells the other app instances (PostgreSQL); a no-op with one instance. */
  announce(message: Distribute<FanoutMessage>): void {
    publisher().announce?.({ ...message, code: this.session.code } as FanoutMessage);
  }

  /**
   * The one write path: runs changes one at a time. With PostgreSQL, every successful local change
   * is then announced to the other instances, which re-read the session (remote tasks are not re-announced).
   */
  command<T>(task: () => T | Promise<T>, opts: CommandOptions = {}): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    if (!opts.remote && opts.announce !== false) void run.then(() => this.announce({ kind: "state" }), () => undefined);
    return run;
  }

  requireWritable(): void {
    if (this.session.archivedAt) throw new AppError("forbidden", "This session is archived: it is read-only.");
  }

  /** k for this round: the session's, or higher when the production conference raised it. */
  effectiveK(): number {
    return Math.max(this.session.k, this.round.rules.minRaters ?? 0);
  }

  /** New distinct raters a release needs: the facilitator's setting (2 by default), at most k. */
  releaseMinRaters(): number {
    return Math.max(1, Math.min(this.session.release.batch, this.effectiveK()));
  }

  /** Ratings are being given right now: a rating round (or tribunal) is open. */
  ratingsOpen(): boolean {
    const state = this.session.state;
    return state.phase === "round_open" && this.round.boardRound === state.round && hasRatings(this.round.settings.kind);
  }

  markDirty(): void {
    this.clock.markDirty();
  }

  markControlDirty(): void {
    this.clock.markControlDirty();
  }

  /** Payloads cached per version are stale (the session or round changed without a new snapshot yet). */
  invalidate(): void {
    this.cache.clear();
    this.parsed.clear();
    this.contextCache = null;
  }

  // ── the board round's ratings ──

  /** Ratings already stored count as released: after a restart (or a round switch) the room sees what was stored. */
  seedRatings(rows: StoredRatingRow[]): void {
    this.gate = new ReleaseGate(this.releaseMinRaters());
    this.eventIds = new Map();
    for (const r of rows) this.applyRating(r, true);
  }

  /** Applies a change unless the board already holds a later one of the same rater, colleague and dimension (ids: PostgreSQL). */
  applyRating(e: RatingChange & { id?: number }, seed = false): boolean {
    if (e.id !== undefined) {
      const key = `${e.raterId}\u0000${e.targetId}\u0000${e.dimension}`;
      if ((this.eventIds.get(key) ?? 0) >= e.id) return false;
      this.eventIds.set(key, e.id);
    }
    if (seed) this.gate.seed(e);
    else this.gate.apply(e);
    return true;
  }

  /** Re-reads the board round's ratings from the store. */
  async reloadRatings(): Promise<void> {
    const rows = this.round.boardRound > 0 ? await this.store.loadRound(this.session.id, this.round.boardRound) : [];
    this.seedRatings(rows);
  }

  trimRatingTimes(now: number): void {
    const cutoff = now - 60_000;
    let i = 0;
    while (i < this.ratingTimes.length && (this.ratingTimes[i] ?? 0) < cutoff) i++;
    if (i > 0) this.ratingTimes = this.ratingTimes.slice(i);
  }
}
