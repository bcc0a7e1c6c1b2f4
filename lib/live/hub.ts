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
import { freezeTiers } from "../domain/rules/nosedive";
import { nextReleaseDelay, ReleaseGate } from "./release";
import { AppError } from "../errors";
import { loadRoundRatings, writeRatingsGrouped } from "../db/ratings";
import {
  findReflection,
  findRound,
  findSessionByCode,
  listRoundWindows,
  saveReleaseSettings,
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
import { afterRound, applyAmendments, PROPOSAL_TEXT_MAX_CHARS, PROPOSALS_PER_PERSON, RAISE_K_BY, votesNeeded, type Amendment } from "../domain/rounds/conference";
import { hasRatings, resolveSettings, ROUND_KIND_LABELS, type AmendmentKind, type RoundSettings } from "../domain/rounds/kinds";
import { selectAtRisk, STATEMENT_MAX_CHARS, type Vote } from "../domain/rounds/rif";
import { APPEAL_MAX_CHARS, CHARGE_MAX_CHARS, denunciationProblem } from "../domain/rounds/tribunal";
import {
  createAppeal,
  createDenunciation,
  createProposal,
  createRifCases,
  loadInteractions,
  saveAmendments,
  saveConferenceOutcome,
  saveProposalVote,
  saveRifVote,
  saveRoundStage,
  saveStatement,
  saveVerdicts,
  setAppealHidden,
  setProposalAccepted,
  setStatementHidden,
} from "../db/interactive";
import {
  NO_STAGE,
  parseStage,
  personalPayload,
  roundPayload,
  RoundState,
  STATEMENT_GRACE_MS,
  TribunalState,
  type PayloadContext,
  type RifStage,
} from "./interactive";

export const FLUSH_INTERVAL_MS = 250;
/**
 * The control room's per-person counts go out on their own slow, jittered
 * schedule, never in the same update as a leaderboard change: otherwise "E's
 * count rose as C's score moved" would tell the facilitator whom E rated.
 */
export const CONTROL_INTERVAL_MS = 5_000;
export const CONTROL_JITTER_MS = 2_000;
export const PHONE_BOARD_SIZE = 10;

export type ParticipantStatus = "active" | "observer" | "kicked" | "banned";

/** What the facilitator does during a Reduction in Force round. */
export type RifControl =
  | { type: "start-hearing" }
  | { type: "show"; index: number }
  | { type: "next" }
  | { type: "previous" }
  | { type: "hide"; participantId: string; hidden: boolean }
  | { type: "reveal" };

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
  /** Team scores: the person's brigade (1-based in what screens show). */
  team?: number;
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
  teams: { size: number } | null;
  k: number;
}

export interface BoardPayload {
  version: number;
  round: number;
  hidden: boolean;
  /** Hidden because the production conference abolished the leaderboard. */
  abolished: boolean;
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
  /** Every acknowledged rating (`live`) and what the room may see of them (`released`): lib/live/release.ts. */
  private gate = new ReleaseGate();
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  /** Participant id → the round they joined during (they take part from the next round). */
  private readonly joinedDuring = new Map<string, number>();
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
  private settings: RoundSettings = { kind: "rating" };
  /** The round whose ratings are on the board: the current one, or for rounds without ratings the last one with. */
  private boardRound = 0;
  private interactive = new RoundState();
  private tribunal: TribunalState | null = null;
  private autoTimer: ReturnType<typeof setTimeout> | null = null;

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
    const windows = await listRoundWindows(session.id);
    for (const row of rows) {
      const during = windows.find((w) => row.joinedAt >= w.openedAt && (w.closedAt === null || row.joinedAt < w.closedAt));
      if (during) hub.joinedDuring.set(row.id, during.number);
    }
    const round = session.state.round;
    let stage = "{}";
    if (round > 0) {
      const setup = await findRound(session.id, round);
      hub.roundRules = setup?.rules ?? PLAIN_RULES;
      hub.roundTitle = setup?.title ?? null;
      hub.roundNorm = setup?.norm ?? null;
      hub.previousNorm = round > 1 ? ((await findRound(session.id, round - 1))?.norm ?? null) : null;
      hub.settings = setup?.settings ?? { kind: "rating" };
      hub.boardRound = hub.settings.boardRound ?? round;
      stage = setup?.stage ?? "{}";
    }
    if (session.spotlightReflectionId) hub.spotlightText = (await findReflection(session.id, session.spotlightReflectionId))?.text ?? null;
    hub.loadRound(usesPostgres() ? await loadRoundRatingsPg(session.id, hub.boardRound) : undefined);
    await hub.loadInteractive(stage);
    hub.live = true;
    hub.computeBoard();
    hub.scheduleRelease();
    hub.scheduleExpiry();
    hub.scheduleAutoAdvance();
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
        kind: this.settings.kind,
        kindLabel: ROUND_KIND_LABELS[this.settings.kind],
        ratingsOpen: hasRatings(this.settings.kind) && !this.roundRules.ratingsPaused,
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
    const abolished = this.roundRules.leaderboardAbolished === true;
    const hidden = view !== "facilitator" && (!this.session.state.leaderboardVisible || abolished);
    const all = this.publicEntries();
    const entries = hidden ? [] : view === "phone" ? all.slice(0, PHONE_BOARD_SIZE) : all;
    const payload: BoardPayload = {
      version: this.version,
      round: this.session.state.round,
      hidden,
      abolished,
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
    const hidden = view !== "facilitator" && (!this.session.state.leaderboardVisible || this.roundRules.leaderboardAbolished === true);
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
    const k = this.effectiveK();
    const visible = this.session.state.leaderboardVisible && !this.roundRules.leaderboardAbolished;
    const index = this.indexById.get(participantId);
    const { entries, ranked, active } = this.snapshot();
    const self = index === undefined ? null : entries[index];
    const window = visible && index !== undefined ? relativeWindow(entries, index, 5) : null;
    const aggregate = this.gate.released.aggregate(p.id, p.displayName);
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
      // The person's own count, at once: their own phone, nobody else's.
      ratedCount: p.status === "active" ? this.gate.live.ratedCount(p.id) : 0,
      joinedDuringRound: this.joinedDuring.get(p.id) === this.session.state.round,
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
      team: self?.team ?? null,
      // Plain rating rounds have no personal part: skip it, this runs for every phone on every snapshot.
      interactive: this.settings.kind !== "rating" && (p.status === "active" || p.status === "observer") ? personalPayload(this.cachedContext(), p.id) : {},
    };
  }

  private effectiveK(): number {
    return Math.max(this.session.k, this.roundRules.minRaters ?? 0);
  }

  private contextCache: { version: number; context: PayloadContext } | null = null;

  /** The payload context of this snapshot, built once (names and the electorate are O(participants)). */
  private cachedContext(): PayloadContext {
    if (this.contextCache?.version !== this.version) this.contextCache = { version: this.version, context: this.payloadContext() };
    return this.contextCache.context;
  }

  private payloadContext(now = Date.now()): PayloadContext {
    const state = this.session.state;
    const names = new Map([...this.participants.values()].map((p) => [p.id, p.displayName]));
    return {
      round: state.round,
      settings: this.settings,
      roundOpen: state.phase === "round_open",
      names,
      active: new Set(this.activeParticipants().map((p) => p.id)),
      state: this.interactive,
      tribunal: this.tribunal,
      tribunalLive: this.settings.kind === "tribunal" && state.phase === "round_open",
      amendments: this.session.amendments,
      now,
    };
  }

  /** The same, computed now (an API answer right after a change, before the next snapshot). */
  roundFresh(view: "public" | "control"): string {
    return JSON.stringify(roundPayload(this.payloadContext(), view));
  }

  /** The interactive round as screens see it (`public`), or the control room (statements before they show, hidden ones). */
  roundJson(view: "public" | "control"): string {
    const key = `round:${view}:${this.version}`;
    let json = this.cache.get(key);
    if (!json) {
      json = JSON.stringify(roundPayload(this.payloadContext(), view));
      this.cache.set(key, json);
    }
    return json;
  }

  /** Quota ballots: how many top scores this rater may still give on each dimension. */
  private quotaFor(raterId: string): { limit: number; remaining: Record<string, number> } | null {
    const q = this.roundRules.quotaBallots;
    if (!q) return null;
    const colleagues = Math.max(0, this.activeParticipants().length - 1);
    const limit = topScoreLimit(colleagues, q.share);
    const remaining: Record<string, number> = {};
    for (const d of this.session.dimensions) {
      remaining[d.key] = Math.max(0, limit - topScoresUsed(this.gate.live.givenOnDimension(raterId, d.key), this.session.scale.max));
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
      teams: r.teams ?? null,
      k: this.effectiveK(),
    };
  }

  /** Opens or closes the reflection questions on the phones. */
  setReflectionOpen(open: boolean): Promise<void> {
    return this.serialize(async () => {
      await updateSessionFlags(this.session.id, { reflectionOpen: open });
      this.session = { ...this.session, reflectionOpen: open };
      publisher().publish(this.channel, { kind: "phase" });
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
    });
  }

  setArchived(archived: boolean): Promise<void> {
    return this.serialize(async () => {
      const archivedAt = archived ? new Date() : null;
      await updateSessionFlags(this.session.id, { archivedAt });
      this.session = { ...this.session, archivedAt };
      publisher().publish(this.channel, { kind: "phase" });
    });
  }

  /** The facilitator's release clock: period (1–10 s) and new raters per release (2 up to k). */
  setRelease(release: { seconds: number; minRaters: number }): Promise<{ seconds: number; minRaters: number }> {
    return this.serialize(async () => {
      if (this.session.archivedAt) throw new AppError("forbidden", "This session is archived: it is read-only.");
      const k = this.effectiveK();
      if (release.minRaters > k) {
        throw new AppError("validation_failed", `New raters per release can be at most k (${k}).`, { field: "release.minRaters" });
      }
      await saveReleaseSettings(this.session.id, release);
      this.session = { ...this.session, release };
      this.gate.setMinNewRaters(this.releaseMinRaters());
      publisher().publish(this.channel, { kind: "control" });
      return release;
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
      return agenda;
    });
  }

  /** What the participant themself gave this round (their own rating screen). */
  givenBy(participantId: string): Record<string, Record<string, number>> {
    return this.gate.live.givenBy(participantId);
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
    // Per-person counts only once the round's ratings are all released: a count that rises while a
    // score moves would tell the facilitator whom that person rated (docs/decisions/0011).
    const countsHeld = this.ratingsOpen();
    const participants = [...this.participants.values()].map((p) => ({
      id: p.id,
      displayName: p.displayName,
      status: p.status,
      connected: this.isConnected(p.id),
      ratedCount: countsHeld ? null : p.status === "active" ? this.gate.released.ratedCount(p.id) : 0,
      joinedDuringRound: this.joinedDuring.get(p.id) ?? null,
      joinedAt: p.joinedAt.toISOString(),
    }));
    return {
      version: this.version,
      participants,
      active: participants.filter((p) => p.status === "active").length,
      connected: participants.filter((p) => p.connected && p.status === "active").length,
      screens: this.screenConnections,
      ratingsPerMinute: this.ratingTimes.length,
      totalRatings: this.gate.released.totalRatings,
      release: this.session.release,
    };
  }

  // ── writing ──────────────────────────────────────────────────────────────

  /** Registers a participant already stored in the database. */
  addParticipant(p: HubParticipant): void {
    // Joined during an open round (joining was reopened): they take part from the next round.
    if (this.live && this.session.state.phase === "round_open") this.joinedDuring.set(p.id, this.session.state.round);
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
    if (this.settings.kind === "rif") throw new AppError("forbidden", "This is a Reduction in Force round: no ratings, only statements and keep/let-go votes.");
    if (this.settings.kind === "conference") throw new AppError("forbidden", "This is the production conference: no ratings, only proposals and votes.");
    if (this.roundRules.ratingsPaused) throw new AppError("forbidden", "The production conference paused ratings for this round.");
    if (rater.status === "observer") throw new AppError("forbidden", "You were let go in the Reduction in Force: you watch as an observer and can no longer rate.");
    if (rater.status !== "active") throw new AppError("forbidden", "You are no longer a participant of this session.");
    if (targetId === rater.id) throw new AppError("forbidden", "You cannot rate yourself.");
    this.requireFromStartOfRound(rater);
    const target = this.participants.get(targetId);
    if (!target || target.status !== "active") throw new AppError("not_found", "That colleague is not in this session (any more), or now only observes.");
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
        const check = checkQuota(this.gate.live.givenOnDimension(rater.id, dimension), targetId, score, max, limit);
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
    // SQLite: counted in memory at once (so quota checks see it), stored with the others that arrive in
    // this turn of the event loop in one transaction (group commit); the caller answers once `stored`
    // resolves, so nothing is acknowledged before it is durable. A failed write re-reads the board.
    const stored = writeRatingsGrouped({ sessionId: this.session.id, round, raterId: rater.id, targetId, scores, at: new Date(now) });
    for (const [dimension, score] of entries) this.gate.apply({ raterId: rater.id, targetId, dimension, score });
    this.ratingTimes.push(now);
    // Nothing anyone sees changes now: the release clock publishes it (markDirty on release).
    this.markControlDirty();
    // The first snapshot that includes this rating carries this version or a later one.
    const promised = this.version + 1;
    return {
      version: promised,
      stored: stored.then(
        () => ({ version: promised }),
        (error: unknown) => {
          if (this.session.state.round === round) {
            this.loadRound();
            this.markDirty();
          }
          throw error;
        },
      ),
    };
  }

  /** Applies a facilitator action; serialized so two clicks cannot race. */
  act(action: SessionAction, now = Date.now()): Promise<SessionState> {
    return this.serialize(async () => {
      const current = this.state(now);
      let effective = action;
      let setup: { title: string | null; rules: RuleSet; norm: number | null; settings: RoundSettings; stage: RifStage | null } | null = null;
      let atRisk: { participantId: string; position: number; rank: number | null }[] | null = null;
      let amendmentsAfter: Amendment[] | null = null;
      if (action.type === "open-round") {
        // The next round follows the agenda: its type, rules, title, its timer unless the facilitator chose one (0 = none).
        const item = agendaItemFor(this.session.agenda, current.round + 1);
        const duration = action.durationSeconds === 0 ? undefined : (action.durationSeconds ?? item?.durationSeconds ?? undefined);
        effective = { type: "open-round", ...(duration ? { durationSeconds: duration } : {}) };
        const base = resolveSettings(item);
        let rules: RuleSet;
        let norm: number | null;
        let settings: RoundSettings;
        if (hasRatings(base.kind)) {
          // The production conference's amendments apply to every round with ratings that follows it.
          rules = applyAmendments(item?.rules ?? PLAIN_RULES, this.session.amendments);
          if (rules.ratingsPaused) amendmentsAfter = afterRound(this.session.amendments);
          const previousScores = this.entries.filter((e) => e.score !== null).map((e) => e.score as number);
          norm = rules.norm ? normForRound(rules.norm, current.round > 0 ? previousScores : [], this.roundNorm) : null;
          settings = { ...base, boardRound: current.round + 1 };
          if (rules.nosedive) {
            // Frozen for the whole round, from the last released result (round 1: everyone in the middle tier).
            const previous = current.round > 0 ? new Map(this.entries.map((e) => [e.participantId, e.score])) : null;
            settings.tiers = freezeTiers(previous, this.activeParticipants().map((p) => p.id), rules.nosedive.tiers);
          }
        } else {
          // No ratings: the board keeps showing the last ranking, under the rules it was made with.
          rules = this.roundRules;
          norm = this.roundNorm;
          settings = { ...base, boardRound: this.boardRound };
        }
        let stage: RifStage | null = null;
        if (base.kind === "rif" && base.rif) {
          const people = this.entries.filter((e) => this.participants.get(e.participantId)?.status === "active");
          const selection = selectAtRisk(people, base.rif.selection);
          if (!selection.ok) throw new AppError("conflict", selection.message);
          const rankOf = new Map(people.map((e) => [e.participantId, e.rank]));
          atRisk = selection.atRisk.map((participantId, position) => ({ participantId, position, rank: rankOf.get(participantId) ?? null }));
          stage = { ...NO_STAGE, statementEndsAt: now + base.rif.statementSeconds * 1000 };
        }
        setup = { title: item?.title ?? null, rules, norm, settings, stage };
      } else if (action.type === "reopen-round" && action.durationSeconds === 0) {
        effective = { type: "reopen-round" };
      }
      const result = applyAction(current, effective, now);
      if (!result.ok) throw new AppError("conflict", result.message);
      const duration = effective.type === "open-round" ? effective.durationSeconds : undefined;
      if (setup) {
        if (atRisk) await createRifCases(this.session.id, result.state.round, atRisk);
        this.previousNorm = this.roundRules.norm || setup.rules.norm ? this.roundNorm : null;
        this.roundRules = setup.rules;
        this.roundTitle = setup.title;
        this.roundNorm = setup.norm;
        this.settings = setup.settings;
        this.boardRound = setup.settings.boardRound ?? result.state.round;
      }
      if (amendmentsAfter) {
        await saveAmendments(this.session.id, amendmentsAfter);
        this.session = { ...this.session, amendments: amendmentsAfter };
      }
      await this.commitState(result.state, { durationSeconds: duration, ...(setup ?? {}) }, setup?.stage ?? null);
      if (current.phase === "round_open" && result.state.phase !== "round_open") await this.onRoundClosed(current.round);
      if (action.type === "reopen-round") await this.onRoundReopened(result.state.round);
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
    if (this.autoTimer) clearTimeout(this.autoTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.controlTimer) clearTimeout(this.controlTimer);
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    publisher().publish(this.channel, { kind: "closed" });
  }

  // ── interactive rounds ───────────────────────────────────────────────────

  /** A participant action in an interactive round: active, round open and not paused, the right round type. */
  private requireInteractive(p: HubParticipant, kind: RoundSettings["kind"], now: number): void {
    if (this.session.archivedAt) throw new AppError("forbidden", "This session is archived: it is read-only.");
    if (p.status === "observer") throw new AppError("forbidden", "You were let go in the Reduction in Force: you watch as an observer now.");
    if (p.status !== "active") throw new AppError("forbidden", "You are no longer a participant of this session.");
    const state = this.state(now);
    if (state.phase !== "round_open" || this.settings.kind !== kind) {
      throw new AppError("conflict", `There is no ${ROUND_KIND_LABELS[kind]} round open right now.`);
    }
    if (state.paused) throw new AppError("conflict", "The round is paused. You can carry on when the facilitator resumes it.");
    this.requireFromStartOfRound(p);
  }

  /**
   * Someone who joined during the open round takes part from the next one: k−1 identities made
   * mid-round could otherwise push one real rating over k, or out-vote the room.
   */
  private requireFromStartOfRound(p: HubParticipant): void {
    if (this.joinedDuring.get(p.id) === this.session.state.round && this.session.state.phase === "round_open") {
      throw new AppError("forbidden", "You joined during this round: you can take part from the next round.");
    }
  }

  /** Someone at risk writes (or rewrites) their public statement, until the countdown ends. */
  submitStatement(p: HubParticipant, text: string, now = Date.now()): Promise<void> {
    return this.serialize(async () => {
      this.requireInteractive(p, "rif", now);
      const mine = this.interactive.caseOf(p.id);
      if (!mine) throw new AppError("forbidden", "You are not at risk in this Reduction in Force: only people at risk write a statement.");
      const stage = this.interactive.stage;
      if (stage.stage !== "statements" || (stage.statementEndsAt !== null && now > stage.statementEndsAt + STATEMENT_GRACE_MS)) {
        throw new AppError("conflict", "Time is up: statements are closed and the hearing has begun.");
      }
      const clean = text.trim();
      if (clean.length > STATEMENT_MAX_CHARS) {
        throw new AppError("validation_failed", `A statement has at most ${STATEMENT_MAX_CHARS} characters.`, { field: "text" });
      }
      await saveStatement(this.session.id, this.session.state.round, p.id, clean, new Date(now));
      mine.statement = clean;
      mine.statementAt = new Date(now);
      this.markDirty();
    });
  }

  /** An anonymous keep/let-go vote on someone at risk whose statement has been heard; it can be changed until the reveal. */
  voteRif(p: HubParticipant, targetId: string, vote: Vote, now = Date.now()): Promise<void> {
    return this.serialize(async () => {
      this.requireInteractive(p, "rif", now);
      const s = this.interactive;
      if (s.stage.stage === "revealed") throw new AppError("conflict", "The result has been revealed: votes are closed.");
      if (s.stage.stage !== "hearing") throw new AppError("conflict", "Voting opens when the hearing starts on the projector.");
      if (s.isAtRisk(p.id)) throw new AppError("forbidden", "People at risk do not vote in this Reduction in Force.");
      const index = s.cases.findIndex((c) => c.participantId === targetId);
      if (index < 0) throw new AppError("not_found", "That colleague is not at risk in this round.");
      if (index > s.maxShownNow(now, this.settings.rif?.autoAdvanceSeconds ?? null)) {
        throw new AppError("conflict", "Wait until this colleague's statement has been on the projector.");
      }
      await saveRifVote(this.session.id, this.session.state.round, p.id, targetId, vote, new Date(now));
      s.setRifVote(p.id, targetId, vote);
      this.markDirty();
    });
  }

  /** The facilitator drives the Reduction in Force: hearing, statement on screen, moderation, the reveal. */
  controlRif(action: RifControl, now = Date.now()): Promise<void> {
    return this.serialize(async () => {
      if (this.session.archivedAt) throw new AppError("forbidden", "This session is archived: it is read-only.");
      if (this.settings.kind !== "rif" || !this.settings.rif) throw new AppError("conflict", "The current round is not a Reduction in Force.");
      const s = this.interactive;
      const round = this.session.state.round;
      const auto = this.settings.rif.autoAdvanceSeconds;
      const count = s.cases.length;
      const setShowing = (index: number): RifStage => {
        const i = Math.max(0, Math.min(count - 1, index));
        return { ...s.stage, showing: i, showingSince: now, maxShown: Math.max(s.maxShownNow(now, auto), i) };
      };
      let next: RifStage = s.stage;
      switch (action.type) {
        case "start-hearing":
          if (s.stage.stage !== "statements") throw new AppError("conflict", "The hearing has already started.");
          next = { ...s.stage, stage: "hearing", statementEndsAt: Math.min(s.stage.statementEndsAt ?? now, now), showing: 0, showingSince: now, maxShown: 0 };
          break;
        case "show":
        case "next":
        case "previous": {
          if (s.stage.stage !== "hearing") throw new AppError("conflict", s.stage.stage === "statements" ? "Start the hearing first." : "The result has been revealed.");
          const at = s.showingNow(now, auto) ?? 0;
          const target = action.type === "show" ? action.index : action.type === "next" ? at + 1 : at - 1;
          if (!Number.isInteger(target) || target < 0 || target >= count) {
            throw new AppError("conflict", action.type === "next" ? "This is the last statement." : action.type === "previous" ? "This is the first statement." : "No such statement.");
          }
          next = setShowing(target);
          break;
        }
        case "hide": {
          const c = s.caseOf(action.participantId);
          if (!c) throw new AppError("not_found", "That person is not at risk in this round.");
          await setStatementHidden(this.session.id, round, c.participantId, action.hidden);
          c.hidden = action.hidden;
          this.markDirty();
          return;
        }
        case "reveal": {
          if (s.stage.stage === "revealed") throw new AppError("conflict", "The result has already been revealed.");
          if (s.stage.stage === "statements") throw new AppError("conflict", "Hear the statements before revealing the result.");
          const eligible = new Set(this.activeParticipants().map((p) => p.id));
          const verdicts = s.verdicts(eligible);
          await saveVerdicts(this.session.id, round, verdicts);
          for (const v of verdicts) {
            const c = s.caseOf(v.participantId)!;
            c.outcome = v.outcome;
            c.keepVotes = v.keep;
            c.letGoVotes = v.letGo;
            const person = this.participants.get(v.participantId);
            if (v.outcome === "let_go" && person?.status === "active") person.status = "observer";
          }
          next = { ...s.stage, stage: "revealed", maxShown: count - 1 };
          break;
        }
      }
      await saveRoundStage(this.session.id, round, next);
      s.stage = next;
      this.scheduleAutoAdvance();
      this.markDirty();
    });
  }

  /** An anonymous denunciation in a tribunal round: one per accuser per accused per round. */
  denounce(p: HubParticipant, accusedId: string, charge: string, now = Date.now()): Promise<void> {
    return this.serialize(async () => {
      this.requireInteractive(p, "tribunal", now);
      const t = this.tribunal;
      if (!t) throw new AppError("conflict", "There is no tribunal round open right now.");
      const accused = this.participants.get(accusedId);
      if (!accused || accused.status !== "active") throw new AppError("not_found", "That colleague is not in this session (any more).");
      const clean = charge.trim().replace(/\s+/g, " ");
      if (clean.length === 0) throw new AppError("validation_failed", "Choose a charge or write one.", { field: "charge" });
      if (clean.length > CHARGE_MAX_CHARS) throw new AppError("validation_failed", `A charge has at most ${CHARGE_MAX_CHARS} characters.`, { field: "charge" });
      const problem = denunciationProblem(p.id, accusedId, t.denunciations);
      if (problem) throw new AppError(accusedId === p.id ? "forbidden" : "conflict", problem);
      const created = await createDenunciation({ sessionId: this.session.id, round: this.session.state.round, accuserId: p.id, accusedId, charge: clean, createdAt: new Date(now) });
      if (!created) throw new AppError("conflict", denunciationProblem(p.id, accusedId, [{ accuserId: p.id, accusedId, charge: clean }])!);
      t.denunciations.push({ accuserId: p.id, accusedId, charge: clean });
      this.markDirty();
    });
  }

  /** The accused answers once; the projector shows it under their name. */
  appeal(p: HubParticipant, text: string, now = Date.now()): Promise<void> {
    return this.serialize(async () => {
      this.requireInteractive(p, "tribunal", now);
      const t = this.tribunal;
      if (!t) throw new AppError("conflict", "There is no tribunal round open right now.");
      if (!t.denunciations.some((d) => d.accusedId === p.id)) throw new AppError("conflict", "Nobody has charged you: there is nothing to appeal.");
      if (t.appeals.has(p.id)) throw new AppError("conflict", "You have already appealed: one appeal per tribunal.");
      const clean = text.trim();
      if (clean.length === 0) throw new AppError("validation_failed", "Write your appeal first.", { field: "text" });
      if (clean.length > APPEAL_MAX_CHARS) throw new AppError("validation_failed", `An appeal has at most ${APPEAL_MAX_CHARS} characters.`, { field: "text" });
      const created = await createAppeal({ sessionId: this.session.id, round: this.session.state.round, participantId: p.id, text: clean, createdAt: new Date(now) });
      if (!created) throw new AppError("conflict", "You have already appealed: one appeal per tribunal.");
      t.appeals.set(p.id, { text: clean, hidden: false });
      this.markDirty();
    });
  }

  /** Moderation: the facilitator hides (or shows again) an appeal. */
  hideAppeal(participantId: string, hidden: boolean): Promise<void> {
    return this.serialize(async () => {
      const t = this.tribunal;
      const found = t?.appeals.get(participantId);
      if (!t || !found) throw new AppError("not_found", "No appeal from that person in this tribunal.");
      await setAppealHidden(this.session.id, this.boardRound, participantId, hidden);
      found.hidden = hidden;
      this.markDirty();
    });
  }

  /** A proposal at the production conference; proposing a menu item someone already proposed just votes for it. */
  propose(p: HubParticipant, kind: AmendmentKind, text: string | undefined, now = Date.now()): Promise<{ proposalId: string }> {
    return this.serialize(async () => {
      this.requireInteractive(p, "conference", now);
      const config = this.settings.conference!;
      if (!config.menu.includes(kind)) throw new AppError("forbidden", "The facilitator has not put this change on the conference's menu.", { field: "kind" });
      const s = this.interactive;
      const round = this.session.state.round;
      if (kind !== "free-text") {
        const existing = s.proposals.find((x) => x.kind === kind);
        if (existing) {
          await saveProposalVote(existing.id, p.id, "for", new Date(now));
          s.setProposalVote(existing.id, p.id, "for");
          this.markDirty();
          return { proposalId: existing.id };
        }
      }
      if (s.proposals.filter((x) => x.authorId === p.id).length >= PROPOSALS_PER_PERSON) {
        throw new AppError("conflict", `You have made ${PROPOSALS_PER_PERSON} proposals in this conference: vote on the others now.`);
      }
      let clean = "";
      if (kind === "free-text") {
        clean = (text ?? "").trim().replace(/\s+/g, " ");
        if (clean.length < 3) throw new AppError("validation_failed", "Write your proposal (at least 3 characters).", { field: "text" });
        if (clean.length > PROPOSAL_TEXT_MAX_CHARS) throw new AppError("validation_failed", `A proposal has at most ${PROPOSAL_TEXT_MAX_CHARS} characters.`, { field: "text" });
      }
      const value = kind === "raise-k" ? this.effectiveK() + RAISE_K_BY : null;
      const row = await createProposal({ sessionId: this.session.id, round, kind, value, text: clean, authorId: p.id, createdAt: new Date(now) });
      s.proposals.push(row);
      await saveProposalVote(row.id, p.id, "for", new Date(now));
      s.setProposalVote(row.id, p.id, "for");
      this.markDirty();
      return { proposalId: row.id };
    });
  }

  voteProposal(p: HubParticipant, proposalId: string, vote: "for" | "against", now = Date.now()): Promise<void> {
    return this.serialize(async () => {
      this.requireInteractive(p, "conference", now);
      const proposal = this.interactive.proposals.find((x) => x.id === proposalId);
      if (!proposal) throw new AppError("not_found", "No such proposal in this conference.");
      await saveProposalVote(proposalId, p.id, vote, new Date(now));
      this.interactive.setProposalVote(proposalId, p.id, vote);
      this.markDirty();
    });
  }

  /** The facilitator accepts or rejects a free-text proposal (null: undecided again). */
  decideProposal(proposalId: string, accepted: boolean | null): Promise<void> {
    return this.serialize(async () => {
      if (this.settings.kind !== "conference") throw new AppError("conflict", "The current round is not a production conference.");
      if (this.session.state.phase !== "round_open") throw new AppError("conflict", "The conference is closed; reopen the round to change a decision.");
      const proposal = this.interactive.proposals.find((x) => x.id === proposalId);
      if (!proposal) throw new AppError("not_found", "No such proposal in this conference.");
      if (proposal.kind !== "free-text") throw new AppError("conflict", "Menu proposals pass by vote; only free-text proposals need your decision.");
      await setProposalAccepted(proposalId, accepted);
      proposal.accepted = accepted;
      this.markDirty();
    });
  }

  /** The facilitator lifts a rule change the conference passed (from the next round on). */
  liftAmendment(index: number): Promise<Amendment[]> {
    return this.serialize(async () => {
      const list = this.session.amendments;
      if (!Number.isInteger(index) || index < 0 || index >= list.length) throw new AppError("not_found", "No such rule change in force.");
      const next = list.filter((_, i) => i !== index);
      await saveAmendments(this.session.id, next);
      this.session = { ...this.session, amendments: next };
      this.markDirty();
      return next;
    });
  }

  /** When a round closes: a production conference decides. */
  private async onRoundClosed(round: number): Promise<void> {
    if (this.settings.kind !== "conference" || !this.settings.conference || round !== this.session.state.round) return;
    const eligible = new Set(this.activeParticipants().map((p) => p.id));
    const needed = votesNeeded(eligible.size, this.settings.conference.thresholdPercent);
    const tallies = this.interactive.tallies(eligible, needed);
    const passed = this.interactive.proposals.filter((p) => tallies.find((t) => t.id === p.id)?.passed);
    const amendments: Amendment[] = [
      ...this.session.amendments.filter((a) => a.round !== round),
      ...passed.map((p) => ({
        kind: p.kind as AmendmentKind,
        round,
        ...(p.value !== null ? { value: p.value } : {}),
        ...(p.kind === "free-text" ? { text: p.text } : {}),
      })),
    ];
    await saveConferenceOutcome(this.session.id, tallies, amendments);
    for (const p of this.interactive.proposals) {
      const t = tallies.find((x) => x.id === p.id)!;
      p.status = t.passed ? "passed" : "failed";
      p.forVotes = t.for;
      p.againstVotes = t.against;
    }
    this.session = { ...this.session, amendments };
    this.cache.clear();
  }

  /** Reopening a conference takes its decisions back until it closes again. */
  private async onRoundReopened(round: number): Promise<void> {
    if (this.settings.kind !== "conference") return;
    const amendments = this.session.amendments.filter((a) => a.round !== round);
    if (amendments.length !== this.session.amendments.length) await saveAmendments(this.session.id, amendments);
    this.session = { ...this.session, amendments };
    for (const p of this.interactive.proposals) {
      p.status = "open";
      p.forVotes = null;
      p.againstVotes = null;
    }
    this.cache.clear();
    this.markDirty();
  }

  private async loadInteractive(stageJson: string): Promise<void> {
    this.contextCache = null;
    const round = this.session.state.round;
    if (round === 0) {
      this.interactive = new RoundState();
      this.tribunal = null;
      return;
    }
    const current = await loadInteractions(this.session.id, round);
    this.interactive = RoundState.from(current, parseStage(stageJson));
    if (this.boardRound === round) {
      this.tribunal = this.settings.kind === "tribunal" ? TribunalState.from(current, this.settings.tribunal ?? null) : null;
    } else if (this.boardRound > 0) {
      const board = await findRound(this.session.id, this.boardRound);
      this.tribunal = board?.settings.kind === "tribunal" ? TribunalState.from(await loadInteractions(this.session.id, this.boardRound), board.settings.tribunal ?? null) : null;
    } else this.tribunal = null;
  }

  /** With auto-advance on, the projector moves to the next statement every N seconds. */
  private scheduleAutoAdvance(): void {
    if (this.autoTimer) clearTimeout(this.autoTimer);
    this.autoTimer = null;
    const every = this.settings.kind === "rif" ? (this.settings.rif?.autoAdvanceSeconds ?? null) : null;
    const s = this.interactive.stage;
    if (every === null || s.stage !== "hearing" || this.disposed) return;
    const at = this.interactive.showingNow(Date.now(), every) ?? 0;
    if (at >= this.interactive.cases.length - 1) return;
    const since = s.showingSince ?? Date.now();
    const steps = Math.floor((Date.now() - since) / (every * 1000)) + 1;
    const delay = Math.max(0, since + steps * every * 1000 - Date.now());
    this.autoTimer = setTimeout(() => {
      this.autoTimer = null;
      this.cache.clear();
      this.markDirty();
      this.scheduleAutoAdvance();
    }, delay + 5);
    this.autoTimer.unref?.();
  }

  // ── internals ────────────────────────────────────────────────────────────

  /**
   * Runs state changes one at a time. With PostgreSQL, every successful local change is then
   * announced to the other instances, which re-read the session (`remote` tasks are not re-announced).
   */
  private serialize<T>(task: () => Promise<T>, remote = false): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    if (!remote) void run.then(() => this.announceState(), () => undefined);
    return run;
  }

  private async commitState(next: SessionState, setup: RoundSetup = {}, stage: RifStage | null = null): Promise<void> {
    const previous = this.session.state;
    await saveSessionState(this.session, next, { ...setup, ...(stage ? { stage } : {}) });
    // PostgreSQL reads the new board round's ratings before the switch (the SQLite read is synchronous).
    const rows = next.round !== previous.round && usesPostgres() ? await loadRoundRatingsPg(this.session.id, this.boardRound) : undefined;
    this.session = { ...this.session, state: next };
    if (next.round !== previous.round) {
      // A new round starts from no ratings; movement arrows start afresh.
      this.loadRound(rows);
      await this.loadInteractive(JSON.stringify(stage ?? {}));
      this.scheduleAutoAdvance();
      if (this.boardRound !== next.round) {
        // A round without ratings shows the last ranking: keep its arrows.
      } else {
        this.previousRanks = new Map();
        this.stickyMoves = new Map();
      }
    }
    this.cache.clear();
    this.contextCache = null;
    this.scheduleExpiry();
    this.syncRelease();
    publisher().publish(this.channel, { kind: "phase" });
    this.markDirty();
  }

  /** Ratings open: the release clock runs; closed: everything stored is released. */
  private syncRelease(): void {
    if (this.ratingsOpen()) this.scheduleRelease();
    else {
      const held = this.publishedControl?.participants.some((p) => p.ratedCount === null) ?? false;
      this.releaseAll();
      // The round's per-person counts appear as soon as it closes: nothing is pending any more.
      if (held) {
        this.publishedControl = this.controlPayload();
        publisher().publish(this.channel, { kind: "control" });
      }
    }
  }

  private checkExpiry(now: number): void {
    const current = this.session.state;
    const next = expireIfDue(current, now);
    if (next === current) return;
    // Apply in memory at once (ratings are refused from this instant), persist in order.
    this.session = { ...this.session, state: next };
    this.syncRelease();
    void this.serialize(async () => {
      await saveSessionState({ ...this.session, state: current }, next);
      await this.onRoundClosed(current.round);
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

  /** Ratings already stored count as released: after a restart the room sees what was stored. */
  private loadRound(preloaded?: RatingEventRecord[]): void {
    this.gate = new ReleaseGate(this.releaseMinRaters());
    this.eventIds = new Map();
    const round = this.boardRound;
    if (round === 0) return;
    if (preloaded) {
      for (const r of preloaded) this.applyEvent(r, true);
      return;
    }
    // Ratings of people removed during this round still count until it ends (see removeParticipant).
    for (const r of loadRoundRatings(this.session.id, round)) this.gate.seed(r);
  }

  /** 2 by default, at most k (the facilitator's setting, clamped when k changes). */
  private releaseMinRaters(): number {
    return Math.max(1, Math.min(this.session.release.minRaters, this.effectiveK()));
  }

  /** Ratings are being given right now: a rating round (or tribunal) is open. */
  private ratingsOpen(): boolean {
    const state = this.session.state;
    return state.phase === "round_open" && this.boardRound === state.round && hasRatings(this.settings.kind);
  }

  /**
   * The release clock: while ratings are open, every period plus jitter (never timed by a rating),
   * colleagues with enough new raters are released and the next snapshot shows them.
   */
  private scheduleRelease(): void {
    if (this.releaseTimer || this.disposed || !this.ratingsOpen()) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = null;
      this.gate.setMinNewRaters(this.releaseMinRaters());
      if (this.gate.release().length > 0) this.markDirty();
      this.scheduleRelease();
    }, nextReleaseDelay(this.session.release.seconds));
    this.releaseTimer.unref?.();
  }

  /** The round's ratings closed: everything stored becomes visible at once. */
  private releaseAll(): void {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    if (this.gate.releaseAll().length > 0) this.markDirty();
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
    if (this.dirty) {
      this.dirty = false;
      this.computeBoard();
      publisher().publish(this.channel, { kind: "board", version: this.version });
    }
    this.announceRatings();
    // Counted from the end of this snapshot, so snapshots are ≥ 250 ms apart however long one took.
    this.lastFlush = Date.now();
  }

  private computeBoard(): void {
    const active = this.activeParticipants();
    const targets = active.map((p) => this.gate.released.aggregate(p.id, p.displayName));
    const state = this.session.state;
    // Tribunal rewards count only once the tribunal's round is closed (a live jump would point at an accuser).
    const tribunalOpen = this.boardRound === state.round && state.phase === "round_open";
    const adjustments = this.tribunal?.adjustments(!tribunalOpen);
    const entries = applyRules(targets, () => this.gate.released.allRatings(), this.session.k, this.roundRules, this.roundNorm, {
      adjustments,
      scale: this.session.scale,
      frozenTiers: this.settings.tiers,
    });
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
      this.markControlDirty();
      // The other instances learn of it with the next flush; one is due whatever the release clock does.
      this.scheduleFlush();
    }
    for (const e of events) this.pendingEvents.push(e.id);
    // A flush may have run during the write: the first snapshot with this rating is a later one.
    return { version: this.version + 1 };
  }

  /** Applies a stored change unless the board already holds a later one of the same rater, colleague and dimension. */
  private applyEvent(e: RatingEventRecord, seed = false): boolean {
    const key = `${e.raterId}\u0000${e.targetId}\u0000${e.dimension}`;
    if ((this.eventIds.get(key) ?? 0) >= e.id) return false;
    this.eventIds.set(key, e.id);
    if (seed) this.gate.seed(e);
    else this.gate.apply(e);
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
          if (e.round === this.boardRound && this.applyEvent(e)) pairs.add(`${e.raterId} ${e.targetId}`);
        }
        for (let i = 0; i < pairs.size; i++) this.ratingTimes.push(now);
        if (pairs.size > 0) this.markControlDirty();
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
    }, true);
  }

  /**
   * Re-reads the session, its participants, the round's setup and interactive state and (when the
   * board's round changed, or in full) its ratings. Screens get a `phase` update only when the
   * session itself changed; otherwise the next board flush carries the change (as locally).
   */
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
    const setup = round > 0 ? await findRound(fresh.id, round) : null;
    const settings: RoundSettings = setup?.settings ?? { kind: "rating" };
    const boardRound = round > 0 ? (settings.boardRound ?? round) : 0;
    const boardChanged = boardRound !== this.boardRound;
    const ratings = roundChanged || boardChanged || full ? await loadRoundRatingsPg(fresh.id, boardRound) : undefined;
    const previousNorm = roundChanged && round > 1 ? ((await findRound(fresh.id, round - 1))?.norm ?? null) : this.previousNorm;
    const spotlightId = fresh.spotlightReflectionId;
    const spotlight =
      spotlightId === this.session.spotlightReflectionId && !full ? this.spotlightText : spotlightId ? ((await findReflection(fresh.id, spotlightId))?.text ?? null) : null;
    const sessionChanged = full || JSON.stringify({ ...fresh, createdAt: 0 }) !== JSON.stringify({ ...this.session, createdAt: 0 });
    const agendaChanged = JSON.stringify(fresh.agenda) !== JSON.stringify(this.session.agenda);
    for (const row of rows) this.applyParticipantRow(row);
    this.session = fresh;
    if (roundChanged) {
      this.roundRules = setup?.rules ?? PLAIN_RULES;
      this.roundTitle = setup?.title ?? null;
      this.roundNorm = setup?.norm ?? null;
      this.previousNorm = previousNorm;
      if (boardRound === round) {
        this.previousRanks = new Map();
        this.stickyMoves = new Map();
      }
    }
    this.settings = settings;
    this.boardRound = boardRound;
    if (ratings) this.loadRound(ratings);
    this.spotlightText = spotlight;
    // The interactive round (statements, votes, charges, proposals) as stored now.
    await this.loadInteractive(setup?.stage ?? "{}");
    this.scheduleAutoAdvance();
    this.cache.clear();
    this.scheduleExpiry();
    this.syncRelease();
    if (sessionChanged || roundChanged) publisher().publish(this.channel, { kind: "phase" });
    if (agendaChanged) publisher().publish(this.channel, { kind: "control" });
    this.markDirty();
  }

  /** A participant as stored: added, or name, token and status brought up to date. */
  private applyParticipantRow(row: { id: string; displayName: string; status: string; tokenHash: string; joinedAt: Date }): void {
    const status = row.status as ParticipantStatus;
    const p = this.participants.get(row.id);
    if (!p) {
      if (this.session.state.phase === "round_open") this.joinedDuring.set(row.id, this.session.state.round);
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
      if (status === "kicked" || status === "banned") publisher().publish(this.channel, { kind: "removed", participantId: p.id, status });
    }
  }

  private trimRatingTimes(now: number): void {
    const cutoff = now - 60_000;
    let i = 0;
    while (i < this.ratingTimes.length && (this.ratingTimes[i] ?? 0) < cutoff) i++;
    if (i > 0) this.ratingTimes = this.ratingTimes.slice(i);
  }
}
