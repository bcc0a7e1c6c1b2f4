// The leaderboard snapshot and its clocks. `Board` holds the last computed
// ranking (entries, movement arrows) and builds the rules summary; the
// `BoardClock` decides when anything moves: the release clock (what the room
// may see of the ratings, lib/live/release.ts), coalesced snapshots (at most
// one per FLUSH_INTERVAL_MS, never one per rating) and the control room's
// slow, jittered schedule.
import { movement, movementBase, type LeaderboardEntry } from "../domain/scoring";
import { applyRules } from "../domain/rules/apply";
import { bandSizes, TIE_RULE } from "../domain/rules/forced-distribution";
import { describeRules } from "../domain/rules/ruleset";
import { ruleTags } from "../domain/rules/explain";
import type { HubCore } from "./core";
import { nextReleaseDelay } from "./release";
import type { Movement, PublicEntry, RulesSummary } from "./contracts";
import { controlPayload } from "./views";

const FLUSH_INTERVAL_MS = 250;
/**
 * The control room's per-person counts go out on their own slow, jittered
 * schedule, never in the same update as a leaderboard change: otherwise "E's
 * count rose as C's score moved" would tell the facilitator whom E rated.
 */
const CONTROL_INTERVAL_MS = 5_000;
const CONTROL_JITTER_MS = 2_000;

type Entry = LeaderboardEntry & Omit<PublicEntry, keyof LeaderboardEntry>;

export class Board {
  private entries: Entry[] = [];
  private indexById = new Map<string, number>();
  private previousRanks = new Map<string, number | null>();
  /** Ranks at the end of the previous ranking (public then): a person ranked again is not "new". */
  private baseline = new Map<string, number | null>();
  private stickyMoves = new Map<string, Movement>();
  // Computed once per snapshot: every phone's `me` payload reads them, so recomputing per phone
  // would cost O(participants²) per tick (the benchmark's profile at 2,000 phones).
  private snapshotCache: { version: number; entries: PublicEntry[]; ranked: number; active: number } | null = null;

  /** A new ranking: movement arrows start afresh, measured against where people ended the last ranking. */
  resetMovement(): void {
    this.baseline = movementBase(this.previousRanks, this.baseline);
    this.previousRanks = new Map();
    this.stickyMoves = new Map();
  }

  /** The last computed entries, with the raters count (server-side only). */
  get ranking(): readonly Entry[] {
    return this.entries;
  }

  indexOf(participantId: string): number | undefined {
    return this.indexById.get(participantId);
  }

  /** Computes the ranking from what the release gate has released, and bumps the version. */
  compute(core: HubCore): void {
    const released = core.gate.released;
    const targets: ReturnType<typeof released.aggregate>[] = [];
    for (const p of core.roster.all()) if (p.status === "active") targets.push(released.aggregate(p.id, p.displayName));
    const state = core.session.state;
    // Tribunal rewards count only once the tribunal's round is closed (a live jump would point at an accuser).
    const tribunalOpen = core.round.boardRound === state.round && state.phase === "round_open";
    const adjustments = core.tribunal?.adjustments(!tribunalOpen);
    const entries = applyRules(targets, () => released.allRatings(), core.session.k, core.round.rules, core.round.norm, {
      adjustments,
      scale: core.session.scale,
      frozenTiers: core.round.settings.tiers,
    });
    const moves = movement(movementBase(this.previousRanks, this.baseline), entries);
    this.previousRanks = new Map(entries.map((e) => [e.participantId, e.rank]));
    this.entries = entries.map((e) => {
      let move = moves.get(e.participantId) ?? "same";
      // Arrows stay until the next change of that person's rank, so screens can show them.
      if (move === "same") move = this.stickyMoves.get(e.participantId) ?? "same";
      else this.stickyMoves.set(e.participantId, move);
      return { ...e, movement: move };
    });
    this.indexById = new Map(this.entries.map((e, i) => [e.participantId, i]));
    core.version += 1;
    core.invalidate();
  }

  /** The public entries of this snapshot, computed once per version. */
  snapshot(core: HubCore): { entries: PublicEntry[]; ranked: number; active: number } {
    if (this.snapshotCache?.version !== core.version) {
      // `raters` (how many people rated someone) stays server-side.
      const entries = this.entries.map(({ raters: _raters, ...entry }) => entry);
      this.snapshotCache = {
        version: core.version,
        entries,
        ranked: entries.filter((e) => e.rank !== null).length,
        active: core.roster.activeCount(),
      };
    }
    return this.snapshotCache;
  }

  rulesSummary(core: HubCore): RulesSummary {
    const r = core.round.rules;
    const ranked = this.entries.filter((e) => e.rank !== null).length;
    const sizes = r.distribution ? bandSizes(ranked, r.distribution.bands) : [];
    return {
      labels: describeRules(r),
      tags: ruleTags(r),
      distribution: r.distribution
        ? { bands: r.distribution.bands.map((b, i) => ({ name: b.name, percent: b.percent, size: sizes[i] ?? 0 })), tieRule: TIE_RULE }
        : null,
      nosedive: r.nosedive ? { tiers: r.nosedive.tiers.map((t) => ({ name: t.name, min: t.min, weight: t.weight, privilege: t.privilege })) } : null,
      norm: r.norm ? { value: core.round.norm, previous: core.round.previousNorm, recordPercent: r.norm.recordPercent, ratchet: r.norm.ratchet } : null,
      quotaBallots: r.quotaBallots,
      teams: r.teams ?? null,
      k: core.effectiveK(),
    };
  }
}

export class BoardClock {
  private dirty = false;
  private controlDirty = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private controlTimer: ReturnType<typeof setTimeout> | null = null;
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;
  /** The control payload last pushed on the slow schedule; new connections get this, not fresh counts. */
  publishedControl: ReturnType<typeof controlPayload> | null = null;

  constructor(private readonly core: HubCore) {}

  /** Something screens show changed: a snapshot goes out on the next tick. */
  markDirty(): void {
    this.dirty = true;
    this.scheduleFlush();
    this.markControlDirty();
  }

  /** The control room needs an update; it goes out on the slow schedule. */
  markControlDirty(): void {
    this.controlDirty = true;
    if (this.controlTimer || this.core.disposed) return;
    this.controlTimer = setTimeout(() => {
      this.controlTimer = null;
      if (!this.controlDirty) return;
      this.controlDirty = false;
      this.publishedControl = controlPayload(this.core);
      this.core.publish({ kind: "control" });
    }, CONTROL_INTERVAL_MS + Math.random() * CONTROL_JITTER_MS);
    this.controlTimer.unref?.();
  }

  scheduleFlush(): void {
    if (this.flushTimer || this.core.disposed) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - Date.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** Computes the board now (load, tests); screens learn of it with the next flush. */
  computeNow(): void {
    this.core.board.compute(this.core);
  }

  private flush(): void {
    this.flushTimer = null;
    if (this.dirty) {
      this.dirty = false;
      this.core.board.compute(this.core);
      this.core.publish({ kind: "board", version: this.core.version });
    }
    this.announceRatings();
    // Counted from the end of this snapshot, so snapshots are ≥ 250 ms apart however long one took.
    this.lastFlush = Date.now();
  }

  /** PostgreSQL: one notification per coalesced flush, carrying the ids of the ratings written here since the last one. */
  private announceRatings(): void {
    if (this.core.pendingEvents.length === 0) return;
    const ids = this.core.pendingEvents;
    this.core.pendingEvents = [];
    this.core.announce({ kind: "ratings", ids });
  }

  /** Ratings open: the release clock runs; closed: everything stored is released. */
  syncRelease(): void {
    if (this.core.ratingsOpen()) {
      this.holdCounts();
      this.scheduleRelease();
    } else this.releaseAll();
  }

  /**
   * Ratings just opened: the control room's per-person counts go to "held" at once rather than on the
   * slow schedule, so the last round's counts never sit under the new round's title (nothing is
   * learnt from a count disappearing).
   */
  private holdCounts(): void {
    const shown = this.publishedControl?.participants.some((p) => p.ratedCount !== null) ?? false;
    if (!shown) return;
    this.publishedControl = controlPayload(this.core);
    this.core.publish({ kind: "control" });
  }

  /**
   * The release clock: while ratings are open, every period plus jitter (never timed by a rating),
   * colleagues with enough new raters are released and the next snapshot shows them.
   */
  private scheduleRelease(): void {
    const core = this.core;
    if (this.releaseTimer || core.disposed || !core.ratingsOpen()) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = null;
      core.gate.setMinNewRaters(core.releaseMinRaters());
      if (core.gate.release().length > 0) this.markDirty();
      this.scheduleRelease();
    }, nextReleaseDelay(core.session.release.seconds));
    this.releaseTimer.unref?.();
  }

  /** The round's ratings closed: everything stored becomes visible at once. */
  private releaseAll(): void {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    const held = this.publishedControl?.participants.some((p) => p.ratedCount === null) ?? false;
    if (this.core.gate.releaseAll().length > 0) this.markDirty();
    // The round's per-person counts appear as soon as it closes: nothing is pending any more.
    if (held) {
      this.publishedControl = controlPayload(this.core);
      this.core.publish({ kind: "control" });
    }
  }

  dispose(): void {
    for (const t of [this.flushTimer, this.controlTimer, this.releaseTimer]) if (t) clearTimeout(t);
    this.flushTimer = this.controlTimer = this.releaseTimer = null;
  }
}
