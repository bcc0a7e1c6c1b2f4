// One SessionHub per live session in this process: the in-memory state of the
// session (phase, participants, the current round's rating aggregates) that
// every request and every SSE connection reads. Writes go to the database
// first, then here. Leaderboard snapshots are computed on a fixed cadence (at
// most 4 per second, coalesced), never one per rating, so the timing of a
// change does not point at a rater.
import {
  applyAction,
  canRate,
  expireIfDue,
  remainingMs,
  type SessionAction,
  type SessionState,
} from "../domain/phases";
import { dimensionScores, movement, percentile, relativeWindow, type LeaderboardEntry } from "../domain/scoring";
import { applyRules } from "../domain/rules/apply";
import { bandSizes, TIE_RULE } from "../domain/rules/forced-distribution";
import { normForRound } from "../domain/rules/norm";
import { checkQuota, topScoreLimit, topScoresUsed } from "../domain/rules/quota";
import { agendaItemFor, describeRules, PLAIN_RULES, type AgendaItem, type RuleSet } from "../domain/rules/ruleset";
import { RoundBoard } from "../domain/round-board";
import { AppError } from "../errors";
import { loadRoundRatings, writeRatings } from "../db/ratings";
import {
  findReflection,
  findRound,
  findSessionByCode,
  updateSessionFlags,
  removeParticipant,
  saveAgenda,
  renameParticipant,
  saveSessionState,
  type RoundSetup,
  type SessionRecord,
} from "../db/sessions";
import { getDb } from "../db/client";
import type { FanoutMessage, Publisher } from "./bus";
import { loadRatingEventsPg, loadRoundRatingsPg, writeRatingsPg, type RatingEventRecord } from "../db/ratings-pg";
import type { RemoteMessage } from "./pg-bus";
import { createPublisher, usesPostgres } from "./publisher";

export const FLUSH_INTERVAL_MS = 250;
/**
 * The control room's per-person counts go out on their own slow, jittered
 * schedule, never in the same update as a leaderboard change: otherwise "E's
 * count rose as C's score moved" would tell the facilitator whom E rated.
 */
export const CONTROL_INTERVAL_MS = 5_000;
export const CONTROL_JITTER_MS = 2_000;
export const PHONE_BOARD_SIZE = 10;

export type ParticipantStatus = "active" | "kicked" | "banned";

export interface HubParticipant {
  id: string;
  displayName: string;
  status: ParticipantStatus;
  tokenHash: string;
  joinedAt: Date;
}

/** What subscribers are told; each connection then pulls the payload its viewer may see. */
export type HubSignal =
  | { kind: "phase" }
  | { kind: "board"; version: number }
  | { kind: "control" }
  | { kind: "removed"; participantId: string; status: "kicked" | "banned" }
  | { kind: "closed" };

export type Movement = "up" | "down" | "same" | "new";
export interface PublicEntry {
  rank: number | null;
  participantId: string;
  displayName: string;
  score: number | null;
  movement: Movement;
  /** Forced distribution: the person's band (0 = top). */
  band?: { index: number; name: string } | null;
  /** Nosedive weighting: the tier the person's own ratings count with. */
  tier?: { index: number; name: string; weight: number; privilege: string };
  /** Stakhanovite norm: the score as a percentage of the round's norm. */
  percentOfNorm?: number | null;
  stakhanovite?: boolean;
}

export interface RulesSummary {
  labels: string[];
  distribution: { bands: { name: string; percent: number; size: number }[]; tieRule: string } | null;
  nosedive: { tiers: { name: string; min: number; weight: number; privilege: string }[] } | null;
  norm: { value: number | null; previous: number | null; recordPercent: number; ratchet: boolean } | null;
  quotaBallots: { share: number } | null;
}

export interface BoardPayload {
  version: number;
  round: number;
  hidden: boolean;
  total: number;
  ranked: number;
  truncated: boolean;
  rules: RulesSummary;
  entries: PublicEntry[];
}

const g = globalThis as unknown as {
  __stakhanovHubs?: Map<string, Promise<SessionHub | null>>;
  __stakhanovPublisher?: Publisher<HubSignal>;
};

export function publisher(): Publisher<HubSignal> {
  g.__stakhanovPublisher ??= createPublisher<HubSignal>(receiveRemote);
  return g.__stakhanovPublisher;
}

/** Another instance changed a session (PostgreSQL fan-out): the hub here, if loaded, re-reads what changed. */
function receiveRemote(message: RemoteMessage): void {
  if (message.kind === "resync") {
    for (const code of hubs().keys()) void hubs().get(code)?.then((hub: SessionHub | null) => hub?.applyRemote({ code, kind: "state" }, true)).catch((e: unknown) => console.error("live fan-out: resync failed:", e));
    return;
  }
  if (message.kind === "deleted") {
    void dropHub(message.code, false);
    return;
  }
  // A hub not loaded here loads fresh from the database when first used.
  void hubs().get(message.code)?.then((hub: SessionHub | null) => hub?.applyRemote(message)).catch((e: unknown) => console.error("live fan-out: update failed:", e));
}

const hubs = () => (g.__stakhanovHubs ??= new Map());

/** The hub of a session, loaded from the database on first use; null for an unknown code. */
export function getHub(code: string): Promise<SessionHub | null> {
  let hub = hubs().get(code);
  if (!hub) {
    hub = SessionHub.load(code).catch((error) => {
      hubs().delete(code);
      throw error;
    });
    hubs().set(code, hub);
    void hub.then((h: SessionHub | null) => {
      if (!h) hubs().delete(code);
    });
  }
  return hub;
}

/** Drops a hub (after the session is deleted) and closes its streams. */
export async function dropHub(code: string, announce = true): Promise<void> {
  const hub = await hubs().get(code)?.catch(() => null);
  hubs().delete(code);
  hub?.dispose();
  if (announce) publisher().announce?.({ code, kind: "deleted" });
}

export class SessionHub {
  private session: SessionRecord;
  readonly participants = new Map<string, HubParticipant>();
  private readonly byToken = new Map<string, string>();
  private board = new RoundBoard();
  // Starts from the clock so versions keep increasing across restarts ("this version or a later one").
  private version = Date.now();
  private dirty = false;
  private controlDirty = false;
  private controlTimer: ReturnType<typeof setTimeout> | null = null;
  /** The control payload last pushed on the slow schedule; new connections get this, not fresh counts. */
  private publishedControl: ReturnType<SessionHub["controlPayload"]> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private entries: (LeaderboardEntry & Omit<PublicEntry, keyof LeaderboardEntry>)[] = [];
  private roundRules: RuleSet = PLAIN_RULES;
  private roundTitle: string | null = null;
  private roundNorm: number | null = null;
  private previousNorm: number | null = null;
  private indexById = new Map<string, number>();
  private previousRanks = new Map<string, number | null>();
  private stickyMoves = new Map<string, Movement>();
  private readonly connections = new Map<string, number>();
  private screenConnections = 0;
  private ratingTimes: number[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private cache = new Map<string, string>();
  private disposed = false;
  private spotlightText: string | null = null;
  /** PostgreSQL: ids of the rating events written here since the last flush, for the other instances. */
  private pendingEvents: number[] = [];
  /** PostgreSQL: rater, colleague and dimension → id of the event the board holds (changes may arrive out of order). */
  private eventIds = new Map<string, number>();
  /** Loaded: from now on, participant changes are announced to the other instances. */
  private live = false;

  private constructor(session: SessionRecord) {
    this.session = session;
  }

  static async load(code: string): Promise<SessionHub | null> {
    const session = await findSessionByCode(code);
    if (!session) return null;
    const hub = new SessionHub(session);
    const rows = await getDb().participant.findMany({
      where: { sessionId: session.id },
      select: { id: true, displayName: true, status: true, tokenHash: true, joinedAt: true },
      orderBy: { joinedAt: "asc" },
    });
    for (const row of rows) hub.addParticipant({ ...row, status: row.status as ParticipantStatus });
    const round = session.state.round;
    if (round > 0) {
      const setup = await findRound(session.id, round);
      hub.roundRules = setup?.rules ?? PLAIN_RULES;
      hub.roundTitle = setup?.title ?? null;
      hub.roundNorm = setup?.norm ?? null;
      hub.previousNorm = round > 1 ? ((await findRound(session.id, round - 1))?.norm ?? null) : null;
    }
    if (session.spotlightReflectionId) hub.spotlightText = (await findReflection(session.id, session.spotlightReflectionId))?.text ?? null;
    hub.loadRound(usesPostgres() ? await loadRoundRatingsPg(session.id, round) : undefined);
    hub.live = true;
    hub.computeBoard();
    hub.scheduleExpiry();
    return hub;
  }

  // ── reading ──────────────────────────────────────────────────────────────

  get channel(): string {
    return `session:${this.session.code}`;
  }

  get record(): SessionRecord {
    return this.session;
  }

  /** The session state, with an overdue round timer applied. */
  state(now = Date.now()): SessionState {
    this.checkExpiry(now);
    return this.session.state;
  }

  activeParticipants(): HubParticipant[] {
    return [...this.participants.values()].filter((p) => p.status === "active");
  }

  participantByToken(tokenHash: string): HubParticipant | null {
    const id = this.byToken.get(tokenHash);
    return id ? (this.participants.get(id) ?? null) : null;
  }

  isConnected(participantId: string): boolean {
    return (this.connections.get(participantId) ?? 0) > 0;
  }

  /** Session facts every screen may see. */
  publicSession(now = Date.now()) {
    const state = this.state(now);
    const s = this.session;
    return {
      code: s.code,
      title: s.title,
      phase: state.phase,
      round: {
        number: state.round,
        status: state.phase === "round_open" ? (state.paused ? "paused" : "open") : state.round > 0 ? "closed" : "not_started",
        endsAt: state.endsAt === null ? null : new Date(state.endsAt).toISOString(),
        remainingMs: remainingMs(state, now),
        title: this.roundTitle,
        rules: describeRules(this.roundRules),
      },
      joiningOpen: state.joiningOpen,
      leaderboardVisible: state.leaderboardVisible,
      paused: state.paused,
      dimensions: s.dimensions,
      scale: s.scale,
      k: s.k,
      participantCount: this.activeParticipants().length,
      reflectionOpen: s.reflectionOpen,
      /** An anonymous reflection the facilitator puts on the projector (no author). */
      spotlight: this.spotlightText,
      archived: s.archivedAt !== null,
      serverTime: new Date(now).toISOString(),
    };
  }

  /** Leaderboard for a viewer: the facilitator always sees it; others only while visible; phones get the top 10. */
  boardPayload(view: "full" | "phone" | "facilitator"): BoardPayload {
    const hidden = view !== "facilitator" && !this.session.state.leaderboardVisible;
    const all = this.publicEntries();
    const entries = hidden ? [] : view === "phone" ? all.slice(0, PHONE_BOARD_SIZE) : all;
    const payload: BoardPayload = {
      version: this.version,
      round: this.session.state.round,
      hidden,
      total: all.length,
      ranked: all.filter((e) => e.rank !== null).length,
      truncated: entries.length < all.length && !hidden,
      rules: this.rulesSummary(),
      entries,
    };
    return payload;
  }

  /** The same, serialized once per version and view (broadcasts reuse the string). */
  boardJson(view: "full" | "phone" | "facilitator"): string {
    const hidden = view !== "facilitator" && !this.session.state.leaderboardVisible;
    const key = `board:${view}:${hidden}:${this.version}`;
    let json = this.cache.get(key);
    if (!json) {
      json = JSON.stringify(this.boardPayload(view));
      this.cache.set(key, json);
    }
    return json;
  }

  /** A participant's own view: score, rank, neighbours, per-dimension scores (only with ≥ k raters). */
  mePayload(participantId: string) {
    const p = this.participants.get(participantId);
    if (!p) return null;
    const k = this.session.k;
    const visible = this.session.state.leaderboardVisible;
    const index = this.indexById.get(participantId);
    const { entries, ranked, active } = this.snapshot();
    const self = index === undefined ? null : entries[index];
    const window = visible && index !== undefined ? relativeWindow(entries, index, 5) : null;
    const aggregate = this.board.aggregate(p.id, p.displayName);
    const perDimension: Record<string, { sum: number; count: number; distinctRaters: number }> = {};
    for (const [key, agg] of Object.entries(aggregate.dimensions)) perDimension[key] = { ...agg, distinctRaters: agg.count };
    const dims = dimensionScores(perDimension, this.session.dimensions.map((d) => d.key), k);
    const labels = new Map(this.session.dimensions.map((d) => [d.key, d.label]));
    return {
      version: this.version,
      participant: { id: p.id, displayName: p.displayName },
      status: p.status,
      round: this.session.state.round,
      score: self?.score ?? null,
      rank: visible ? (self?.rank ?? null) : null,
      percentile: visible && self?.rank ? percentile(self.rank, ranked) : null,
      ranked,
      total: entries.length,
      leaderboardVisible: visible,
      window,
      dimensions: dims.map((d) => ({ key: d.key, label: labels.get(d.key) ?? d.key, score: d.score })),
      ratedCount: p.status === "active" ? this.board.ratedCount(p.id) : 0,
      colleagues: Math.max(0, active - (p.status === "active" ? 1 : 0)),
      k,
      band: visible ? (self?.band ?? null) : null,
      bandCount: this.roundRules.distribution?.bands.length ?? null,
      tier: self?.tier ?? null,
      norm: this.roundRules.norm ? this.roundNorm : null,
      percentOfNorm: self?.percentOfNorm ?? null,
      stakhanovite: self?.stakhanovite ?? false,
      rules: describeRules(this.roundRules),
      quota: this.quotaFor(p.id),
    };
  }

  /** Quota ballots: how many top scores this rater may still give on each dimension. */
  private quotaFor(raterId: string): { limit: number; remaining: Record<string, number> } | null {
    const q = this.roundRules.quotaBallots;
    if (!q) return null;
    const colleagues = Math.max(0, this.activeParticipants().length - 1);
    const limit = topScoreLimit(colleagues, q.share);
    const remaining: Record<string, number> = {};
    for (const d of this.session.dimensions) {
      remaining[d.key] = Math.max(0, limit - topScoresUsed(this.board.givenOnDimension(raterId, d.key), this.session.scale.max));
    }
    return { limit, remaining };
  }

  private rulesSummary(): RulesSummary {
    const r = this.roundRules;
    const ranked = this.entries.filter((e) => e.rank !== null).length;
    return {
      labels: describeRules(r),
      distribution: r.distribution
        ? {
            bands: (() => {
              const sizes = bandSizes(ranked, r.distribution.bands);
              return r.distribution.bands.map((b, i) => ({ name: b.name, percent: b.percent, size: sizes[i] ?? 0 }));
            })(),
            tieRule: TIE_RULE,
          }
        : null,
      nosedive: r.nosedive ? { tiers: r.nosedive.tiers.map((t) => ({ name: t.name, min: t.min, weight: t.weight, privilege: t.privilege })) } : null,
      norm: r.norm ? { value: this.roundNorm, previous: this.previousNorm, recordPercent: r.norm.recordPercent, ratchet: r.norm.ratchet } : null,
      quotaBallots: r.quotaBallots,
    };
  }

  /** Opens or closes the reflection questions on the phones. */
  setReflectionOpen(open: boolean): Promise<void> {
    return this.serialize(async () => {
      await updateSessionFlags(this.session.id, { reflectionOpen: open });
      this.session = { ...this.session, reflectionOpen: open };
      publisher().publish(this.channel, { kind: "phase" });
      this.announceState();
    });
  }

  /** Shows one anonymous reflection text on the projector, or none. */
  setSpotlight(reflectionId: string | null): Promise<void> {
    return this.serialize(async () => {
      let text: string | null = null;
      if (reflectionId) {
        const found = await findReflection(this.session.id, reflectionId);
        if (!found) throw new AppError("not_found", "No such reflection in this session.");
        text = found.text;
      }
      await updateSessionFlags(this.session.id, { spotlightReflectionId: reflectionId });
      this.session = { ...this.session, spotlightReflectionId: reflectionId };
      this.spotlightText = text;
      publisher().publish(this.channel, { kind: "phase" });
      this.announceState();
    });
  }

  setArchived(archived: boolean): Promise<void> {
    return this.serialize(async () => {
      const archivedAt = archived ? new Date() : null;
      await updateSessionFlags(this.session.id, { archivedAt });
      this.session = { ...this.session, archivedAt };
      publisher().publish(this.channel, { kind: "phase" });
      this.announceState();
    });
  }

  /** The agenda with the facilitator's prompts (facilitator only). */
  agendaPayload() {
    return { agenda: this.session.agenda, currentRound: this.session.state.round, phase: this.session.state.phase };
  }

  /** Replaces the rounds that have not been opened yet; opened rounds are history. */
  setUpcomingAgenda(upcoming: AgendaItem[]): Promise<AgendaItem[]> {
    return this.serialize(async () => {
      const opened = this.session.state.round;
      const agenda = [...this.session.agenda.slice(0, opened), ...upcoming];
      if (agenda.length > 20) throw new AppError("validation_failed", "An agenda has at most 20 rounds.");
      await saveAgenda(this.session.id, agenda);
      this.session = { ...this.session, agenda };
      publisher().publish(this.channel, { kind: "control" });
      this.announceState();
      return agenda;
    });
  }

  /** What the participant themself gave this round (their own rating screen). */
  givenBy(participantId: string): Record<string, Record<string, number>> {
    return this.board.givenBy(participantId);
  }

  /**
   * What the control room may see now: the counts as last pushed on the slow
   * schedule. A (re)connect or page load must not get fresher counts than the
   * schedule gives, or reloading right after a score moved would pair them.
   */
  controlSnapshot() {
    this.publishedControl ??= this.controlPayload();
    return this.publishedControl;
  }

  /** Control room: who is here, how many colleagues each has rated (never what), activity. */
  controlPayload(now = Date.now()) {
    this.trimRatingTimes(now);
    const participants = [...this.participants.values()].map((p) => ({
      id: p.id,
      displayName: p.displayName,
      status: p.status,
      connected: this.isConnected(p.id),
      ratedCount: p.status === "active" ? this.board.ratedCount(p.id) : 0,
      joinedAt: p.joinedAt.toISOString(),
    }));
    return {
      version: this.version,
      participants,
      active: participants.filter((p) => p.status === "active").length,
      connected: participants.filter((p) => p.connected && p.status === "active").length,
      screens: this.screenConnections,
      ratingsPerMinute: this.ratingTimes.length,
      totalRatings: this.board.totalRatings,
    };
  }

  // ── writing ──────────────────────────────────────────────────────────────

  /** Registers a participant already stored in the database. */
  addParticipant(p: HubParticipant): void {
    this.participants.set(p.id, p);
    this.byToken.set(p.tokenHash, p.id);
    if (p.status === "active") this.markDirty();
    if (this.live) this.announceParticipant(p.id);
  }

  /** After a rejoin on another device: the old token stops working. */
  replaceToken(participantId: string, tokenHash: string): void {
    const p = this.participants.get(participantId);
    if (!p) return;
    this.byToken.delete(p.tokenHash);
    p.tokenHash = tokenHash;
    this.byToken.set(tokenHash, p.id);
    this.announceParticipant(p.id);
  }

  /**
   * Stores and applies one rater's scores for one colleague. The database write
   * and the in-memory update run back to back with no await between, so a
   * round change cannot slip in between them.
   */
  rate(rater: HubParticipant, targetId: string, scores: Record<string, number>, now = Date.now()): { version: number; stored?: Promise<{ version: number }> } {
    if (this.session.archivedAt) throw new AppError("forbidden", "This session is archived: it is read-only.");
    const allowed = canRate(this.state(now), now);
    if (!allowed.ok) throw new AppError("forbidden", allowed.message);
    if (rater.status !== "active") throw new AppError("forbidden", "You are no longer a participant of this session.");
    if (targetId === rater.id) throw new AppError("forbidden", "You cannot rate yourself.");
    const target = this.participants.get(targetId);
    if (!target || target.status !== "active") throw new AppError("not_found", "That colleague is not in this session (any more).");
    const keys = new Set(this.session.dimensions.map((d) => d.key));
    const { min, max } = this.session.scale;
    const entries = Object.entries(scores);
    if (entries.length === 0) throw new AppError("validation_failed", "Send at least one score.", { field: "scores" });
    for (const [dimension, score] of entries) {
      if (!keys.has(dimension)) throw new AppError("validation_failed", `Unknown dimension "${dimension}".`, { field: `scores.${dimension}` });
      if (!Number.isInteger(score) || score < min || score > max) {
        throw new AppError("validation_failed", `Scores must be whole numbers from ${min} to ${max}.`, { field: `scores.${dimension}` });
      }
    }
    const quota = this.roundRules.quotaBallots;
    if (quota) {
      const colleagues = Math.max(0, this.activeParticipants().length - 1);
      const limit = topScoreLimit(colleagues, quota.share);
      for (const [dimension, score] of entries) {
        const check = checkQuota(this.board.givenOnDimension(rater.id, dimension), targetId, score, max, limit);
        if (!check.ok) {
          const label = this.session.dimensions.find((d) => d.key === dimension)?.label ?? dimension;
          throw new AppError(
            "conflict",
            `Quota reached: the curve allows ${max} stars on “${label}” for at most ${limit} of your ${colleagues} colleagues, and you have given ${check.used}. Lower someone else's first.`,
            { field: `scores.${dimension}` },
          );
        }
      }
    }
    const round = this.session.state.round;
    // PostgreSQL: the write is asynchronous; the caller awaits `stored` (and answers with its version).
    if (usesPostgres()) return { version: this.version + 1, stored: this.ratePg(rater.id, targetId, scores, round, now) };
    writeRatings({ sessionId: this.session.id, round, raterId: rater.id, targetId, scores, at: new Date(now) });
    for (const [dimension, score] of entries) this.board.apply({ raterId: rater.id, targetId, dimension, score });
    this.ratingTimes.push(now);
    this.markDirty();
    // The first snapshot that includes this rating carries this version or a later one.
    return { version: this.version + 1 };
  }

  /** Applies a facilitator action; serialized so two clicks cannot race. */
  act(action: SessionAction, now = Date.now()): Promise<SessionState> {
    return this.serialize(async () => {
      const current = this.state(now);
      let effective = action;
      let setup: { title: string | null; rules: RuleSet; norm: number | null } | null = null;
      if (action.type === "open-round") {
        // The next round follows the agenda: its rules, its title, its timer unless the facilitator chose one (0 = none).
        const item = agendaItemFor(this.session.agenda, current.round + 1);
        const duration = action.durationSeconds === 0 ? undefined : (action.durationSeconds ?? item?.durationSeconds ?? undefined);
        effective = { type: "open-round", ...(duration ? { durationSeconds: duration } : {}) };
        const rules = item?.rules ?? PLAIN_RULES;
        const previousScores = this.entries.filter((e) => e.score !== null).map((e) => e.score as number);
        const norm = rules.norm ? normForRound(rules.norm, current.round > 0 ? previousScores : [], this.roundNorm) : null;
        setup = { title: item?.title ?? null, rules, norm };
      } else if (action.type === "reopen-round" && action.durationSeconds === 0) {
        effective = { type: "reopen-round" };
      }
      const result = applyAction(current, effective, now);
      if (!result.ok) throw new AppError("conflict", result.message);
      const duration = effective.type === "open-round" ? effective.durationSeconds : undefined;
      if (setup) {
        this.previousNorm = this.roundRules.norm || setup.rules.norm ? this.roundNorm : null;
        this.roundRules = setup.rules;
        this.roundTitle = setup.title;
        this.roundNorm = setup.norm;
      }
      await this.commitState(result.state, { durationSeconds: duration, ...(setup ?? {}) });
      return result.state;
    });
  }

  removeParticipant(participantId: string, status: "kicked" | "banned"): Promise<void> {
    return this.serialize(async () => {
      const p = this.participants.get(participantId);
      if (!p) throw new AppError("not_found", "No such participant in this session.");
      if (p.status === "banned") return;
      if (p.status === status) return;
      await removeParticipant(p.id, status);
      p.status = status;
      // Their ratings keep counting until the round ends: taking them out now would
      // move exactly the scores they gave, telling the room whom they rated.
      publisher().publish(this.channel, { kind: "removed", participantId: p.id, status });
      this.markDirty();
      this.announceParticipant(p.id);
    });
  }

  rename(participantId: string, displayName: string, nameKey: string): Promise<HubParticipant> {
    return this.serialize(async () => {
      const p = this.participants.get(participantId);
      if (!p || p.status !== "active") throw new AppError("not_found", "No such active participant in this session.");
      const result = await renameParticipant(p.id, displayName, nameKey);
      if (result === "name_taken") throw new AppError("conflict", `The name "${displayName}" is already taken in this session.`, { field: "displayName" });
      p.displayName = displayName;
      this.markDirty();
      this.announceParticipant(p.id);
      return p;
    });
  }

  /** Counts a live connection (for "who is connected"); returns the release function. */
  connect(participantId: string | null): () => void {
    if (participantId) this.connections.set(participantId, (this.connections.get(participantId) ?? 0) + 1);
    else this.screenConnections += 1;
    this.markControlDirty();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (participantId) {
        const left = (this.connections.get(participantId) ?? 1) - 1;
        if (left <= 0) this.connections.delete(participantId);
        else this.connections.set(participantId, left);
      } else this.screenConnections = Math.max(0, this.screenConnections - 1);
      this.markControlDirty();
    };
  }

  dispose(): void {
    this.disposed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.controlTimer) clearTimeout(this.controlTimer);
    publisher().publish(this.channel, { kind: "closed" });
  }

  // ── internals ────────────────────────────────────────────────────────────

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitState(next: SessionState, setup: RoundSetup = {}): Promise<void> {
    const previous = this.session.state;
    await saveSessionState(this.session, next, setup);
    const rows = next.round !== previous.round && usesPostgres() ? await loadRoundRatingsPg(this.session.id, next.round) : undefined;
    this.session = { ...this.session, state: next };
    if (next.round !== previous.round) {
      // A new round starts from no ratings; movement arrows start afresh.
      this.loadRound(rows);
      this.previousRanks = new Map();
      this.stickyMoves = new Map();
    }
    this.cache.clear();
    this.scheduleExpiry();
    publisher().publish(this.channel, { kind: "phase" });
    this.markDirty();
    this.announceState();
  }

  private checkExpiry(now: number): void {
    const current = this.session.state;
    const next = expireIfDue(current, now);
    if (next === current) return;
    // Apply in memory at once (ratings are refused from this instant), persist in order.
    this.session = { ...this.session, state: next };
    void this.serialize(async () => {
      await saveSessionState({ ...this.session, state: current }, next);
      this.cache.clear();
      publisher().publish(this.channel, { kind: "phase" });
      this.markDirty();
    }).catch((error) => console.error("could not persist the round's automatic close:", error));
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const { endsAt } = this.session.state;
    if (endsAt === null || this.disposed) return;
    const delay = Math.max(0, endsAt - Date.now());
    this.expiryTimer = setTimeout(() => this.checkExpiry(Date.now()), Math.min(delay + 5, 2 ** 31 - 1));
    this.expiryTimer.unref?.();
  }

  private loadRound(preloaded?: RatingEventRecord[]): void {
    this.board = new RoundBoard();
    this.eventIds = new Map();
    const { round } = this.session.state;
    if (round === 0) return;
    if (preloaded) {
      for (const r of preloaded) this.applyEvent(r);
      return;
    }
    // Ratings of people removed during this round still count until it ends (see removeParticipant).
    for (const r of loadRoundRatings(this.session.id, round)) this.board.apply(r);
  }

  private markDirty(): void {
    this.dirty = true;
    this.scheduleFlush();
    this.markControlDirty();
  }

  /** The control room needs an update; it goes out on the slow schedule. */
  private markControlDirty(): void {
    this.controlDirty = true;
    if (this.controlTimer || this.disposed) return;
    this.controlTimer = setTimeout(() => {
      this.controlTimer = null;
      if (!this.controlDirty) return;
      this.controlDirty = false;
      this.publishedControl = this.controlPayload();
      publisher().publish(this.channel, { kind: "control" });
    }, CONTROL_INTERVAL_MS + Math.random() * CONTROL_JITTER_MS);
    this.controlTimer.unref?.();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.disposed) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - Date.now());
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.flushTimer = null;
    this.lastFlush = Date.now();
    if (this.dirty) {
      this.dirty = false;
      this.computeBoard();
      publisher().publish(this.channel, { kind: "board", version: this.version });
      this.announceRatings();
    }
  }

  private computeBoard(): void {
    const active = this.activeParticipants();
    const targets = active.map((p) => this.board.aggregate(p.id, p.displayName));
    const entries = applyRules(targets, () => this.board.allRatings(), this.session.k, this.roundRules, this.roundNorm);
    const moves = movement(this.previousRanks, entries);
    this.previousRanks = new Map(entries.map((e) => [e.participantId, e.rank]));
    this.entries = entries.map((e) => {
      let move = moves.get(e.participantId) ?? "same";
      // Arrows stay until the next change of that person's rank, so screens can show them.
      if (move === "same") move = this.stickyMoves.get(e.participantId) ?? "same";
      else this.stickyMoves.set(e.participantId, move);
      return { ...e, movement: move };
    });
    this.indexById = new Map(this.entries.map((e, i) => [e.participantId, i]));
    this.version += 1;
    this.cache.clear();
  }

  // Computed once per snapshot: every phone's `me` payload reads them, so recomputing per phone
  // would cost O(participants²) per tick (the benchmark's profile at 2,000 phones).
  private snapshotCache: { version: number; entries: PublicEntry[]; ranked: number; active: number } | null = null;

  private snapshot() {
    if (this.snapshotCache?.version !== this.version) {
      // `raters` (how many people rated someone) stays server-side.
      const entries = this.entries.map(({ raters: _raters, ...entry }) => entry);
      this.snapshotCache = {
        version: this.version,
        entries,
        ranked: entries.filter((e) => e.rank !== null).length,
        active: this.activeParticipants().length,
      };
    }
    return this.snapshotCache;
  }

  private publicEntries(): PublicEntry[] {
    return this.snapshot().entries;
  }

  // ── PostgreSQL: several app instances (lib/live/pg-bus.ts, docs/decisions/0008) ──

  /** The write is asynchronous here: the row is stored for the round it was sent in; counted in memory only if that round is still current. */
  private async ratePg(raterId: string, targetId: string, scores: Record<string, number>, round: number, now: number): Promise<{ version: number }> {
    const events = await writeRatingsPg({ sessionId: this.session.id, round, raterId, targetId, scores, at: new Date(now) });
    if (this.session.state.round === round) {
      for (const e of events) this.applyEvent(e);
      this.ratingTimes.push(now);
      this.markDirty();
    }
    for (const e of events) this.pendingEvents.push(e.id);
    // A flush may have run during the write: the first snapshot with this rating is a later one.
    return { version: this.version + 1 };
  }

  /** Applies a stored change unless the board already holds a later one of the same rater, colleague and dimension. */
  private applyEvent(e: RatingEventRecord): boolean {
    const key = `${e.raterId}\u0000${e.targetId}\u0000${e.dimension}`;
    if ((this.eventIds.get(key) ?? 0) >= e.id) return false;
    this.eventIds.set(key, e.id);
    this.board.apply(e);
    return true;
  }

  private announceState(): void {
    publisher().announce?.({ code: this.session.code, kind: "state" });
  }

  /** A join, rename, removal or new token: the others re-read that one participant (no phase broadcast, like here). */
  private announceParticipant(id: string): void {
    publisher().announce?.({ code: this.session.code, kind: "participant", id });
  }

  /** One notification per coalesced flush, carrying the ids of the ratings written here since the last one. */
  private announceRatings(): void {
    if (this.pendingEvents.length === 0) return;
    const ids = this.pendingEvents;
    this.pendingEvents = [];
    publisher().announce?.({ code: this.session.code, kind: "ratings", ids });
  }

  /** Another instance changed this session: apply its ratings, or re-read the session, then publish here. */
  applyRemote(message: FanoutMessage, full = false): Promise<void> {
    return this.serialize(async () => {
      if (this.disposed || message.kind === "deleted") return;
      if (message.kind === "ratings") {
        const events = await loadRatingEventsPg(this.session.id, message.ids);
        const now = Date.now();
        const pairs = new Set<string>();
        for (const e of events) {
          if (e.round === this.session.state.round && this.applyEvent(e)) pairs.add(`${e.raterId} ${e.targetId}`);
        }
        for (let i = 0; i < pairs.size; i++) this.ratingTimes.push(now);
        if (pairs.size > 0) this.markDirty();
        return;
      }
      if (message.kind === "participant") {
        const row = await getDb().participant.findUnique({
          where: { id: message.id },
          select: { id: true, sessionId: true, displayName: true, status: true, tokenHash: true, joinedAt: true },
        });
        if (!row || row.sessionId !== this.session.id) return;
        this.applyParticipantRow(row);
        this.markDirty();
        return;
      }
      await this.reload(full);
    });
  }

  /** Re-reads the session, its participants and (when the round changed, or in full) the round's ratings. */
  private async reload(full: boolean): Promise<void> {
    const fresh = await findSessionByCode(this.session.code);
    if (!fresh) return;
    const rows = await getDb().participant.findMany({
      where: { sessionId: fresh.id },
      select: { id: true, displayName: true, status: true, tokenHash: true, joinedAt: true },
      orderBy: { joinedAt: "asc" },
    });
    const round = fresh.state.round;
    const roundChanged = round !== this.session.state.round;
    const ratings = roundChanged || full ? await loadRoundRatingsPg(fresh.id, round) : undefined;
    const setup = roundChanged && round > 0 ? await findRound(fresh.id, round) : null;
    const previousNorm = roundChanged && round > 1 ? ((await findRound(fresh.id, round - 1))?.norm ?? null) : this.previousNorm;
    const spotlightId = fresh.spotlightReflectionId;
    const spotlight =
      spotlightId === this.session.spotlightReflectionId && !full ? this.spotlightText : spotlightId ? ((await findReflection(fresh.id, spotlightId))?.text ?? null) : null;
    // From here on synchronous: no request sees half of it.
    for (const row of rows) this.applyParticipantRow(row);
    // An overdue timer is applied (and persisted) by state() as usual; an expiry this instance applied
    // earlier was persisted before this task ran (both go through serialize()).
    this.session = fresh;
    if (roundChanged) {
      this.roundRules = setup?.rules ?? PLAIN_RULES;
      this.roundTitle = setup?.title ?? null;
      this.roundNorm = setup?.norm ?? null;
      this.previousNorm = previousNorm;
      this.previousRanks = new Map();
      this.stickyMoves = new Map();
    }
    if (ratings) this.loadRound(ratings);
    this.spotlightText = spotlight;
    this.cache.clear();
    this.scheduleExpiry();
    publisher().publish(this.channel, { kind: "phase" });
    publisher().publish(this.channel, { kind: "control" });
    this.markDirty();
  }

  /** A participant as stored: added, or name, token and status brought up to date. */
  private applyParticipantRow(row: { id: string; displayName: string; status: string; tokenHash: string; joinedAt: Date }): void {
    const status = row.status as ParticipantStatus;
    const p = this.participants.get(row.id);
    if (!p) {
      this.participants.set(row.id, { id: row.id, displayName: row.displayName, status, tokenHash: row.tokenHash, joinedAt: row.joinedAt });
      this.byToken.set(row.tokenHash, row.id);
      return;
    }
    if (p.tokenHash !== row.tokenHash) {
      this.byToken.delete(p.tokenHash);
      p.tokenHash = row.tokenHash;
      this.byToken.set(row.tokenHash, p.id);
    }
    p.displayName = row.displayName;
    if (p.status !== status) {
      p.status = status;
      if (status !== "active") publisher().publish(this.channel, { kind: "removed", participantId: p.id, status });
    }
  }

  private trimRatingTimes(now: number): void {
    const cutoff = now - 60_000;
    let i = 0;
    while (i < this.ratingTimes.length && (this.ratingTimes[i] ?? 0) < cutoff) i++;
    if (i > 0) this.ratingTimes = this.ratingTimes.slice(i);
  }
}
