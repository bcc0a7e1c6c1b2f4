// Views are the only way out: every payload a screen receives is built here
// and passes its contract (lib/live/contracts.ts) before it is serialized.
// Shared payloads (board, round) are parsed and serialized once per version
// and view; the `me` payload once per phone and snapshot.
import { percentile, dimensionScores, relativeWindow } from "../domain/scoring";
import { remainingMs } from "../domain/phases";
import { topScoreLimit } from "../domain/rules/quota";
import { describeRules } from "../domain/rules/ruleset";
import { ruleTags } from "../domain/rules/explain";
import { hasRatings, ROUND_KIND_LABELS } from "../domain/rounds/kinds";
import {
  boardPayloadSchema,
  controlPayloadSchema,
  mePayloadSchema,
  publicSessionSchema,
  removedPayloadSchema,
  roundPayloadSchema,
  type BoardPayload,
  type BoardView,
  type ControlPayload,
  type MePayload,
  type PublicSession,
  type RemovedPayload,
  type RoundPayload,
} from "./contracts";
import type { HubCore } from "./core";
import { personalPayload, roundPayload, type PayloadContext } from "./interactive";

const PHONE_BOARD_SIZE = 10;

/** Session facts every screen may see. */
export function publicSession(core: HubCore, now: number): PublicSession {
  const state = core.session.state;
  const s = core.session;
  const { rules, settings, title } = core.round;
  return publicSessionSchema.parse({
    code: s.code,
    title: s.title,
    language: s.language,
    phase: state.phase,
    round: {
      number: state.round,
      status: state.phase === "round_open" ? (state.paused ? "paused" : "open") : state.round > 0 ? "closed" : "not_started",
      endsAt: state.endsAt === null ? null : new Date(state.endsAt).toISOString(),
      remainingMs: remainingMs(state, now),
      title,
      rules: describeRules(rules),
      ruleTags: ruleTags(rules),
      kind: settings.kind,
      kindLabel: ROUND_KIND_LABELS[settings.kind],
      ratingsOpen: hasRatings(settings.kind) && !rules.ratingsPaused,
    },
    joiningOpen: state.joiningOpen,
    leaderboardVisible: state.leaderboardVisible,
    paused: state.paused,
    dimensions: s.dimensions,
    scale: s.scale,
    k: s.k,
    participantCount: core.roster.activeCount(),
    reflectionOpen: s.reflectionOpen,
    reflectionAnswers: core.reflectionAnswers,
    spotlight: core.spotlightText,
    archived: s.archivedAt !== null,
    serverTime: new Date(now).toISOString(),
  } satisfies PublicSession);
}

const boardHidden = (core: HubCore, view: BoardView) =>
  view !== "facilitator" && (!core.session.state.leaderboardVisible || core.round.rules.leaderboardAbolished === true);

/** Leaderboard for a viewer: the facilitator always sees it; others only while visible; phones get the top 10. */
export function boardPayload(core: HubCore, view: BoardView): BoardPayload {
  const hidden = boardHidden(core, view);
  const key = `board:${view}:${hidden}:${core.version}`;
  const cached = core.parsed.get(key) as BoardPayload | undefined;
  if (cached) return cached;
  const all = core.board.snapshot(core).entries;
  const entries = hidden ? [] : view === "phone" ? all.slice(0, PHONE_BOARD_SIZE) : all;
  const payload = boardPayloadSchema.parse({
    version: core.version,
    round: core.session.state.round,
    hidden,
    abolished: core.round.rules.leaderboardAbolished === true,
    total: all.length,
    ranked: all.filter((e) => e.rank !== null).length,
    truncated: entries.length < all.length && !hidden,
    rules: core.board.rulesSummary(core),
    entries,
  } satisfies BoardPayload);
  core.parsed.set(key, payload);
  return payload;
}

/** The same, serialized once per version and view (broadcasts reuse the string). */
export function boardJson(core: HubCore, view: BoardView): string {
  const key = `board:${view}:${boardHidden(core, view)}:${core.version}`;
  let json = core.cache.get(key);
  if (!json) {
    json = JSON.stringify(boardPayload(core, view));
    core.cache.set(key, json);
  }
  return json;
}

/** A participant's own view: score, rank, neighbours, per-dimension scores (only with ≥ k raters). */
export function mePayload(core: HubCore, participantId: string): MePayload | null {
  const p = core.roster.get(participantId);
  if (!p) return null;
  const k = core.effectiveK();
  const rules = core.round.rules;
  const visible = core.session.state.leaderboardVisible && !rules.leaderboardAbolished;
  const index = core.board.indexOf(participantId);
  const { entries, ranked, active } = core.board.snapshot(core);
  const self = index === undefined ? null : entries[index];
  const window = visible && index !== undefined ? relativeWindow(entries, index, 5) : null;
  const aggregate = core.gate.released.aggregate(p.id, p.displayName);
  const perDimension: Record<string, { sum: number; count: number; distinctRaters: number }> = {};
  for (const [key, agg] of Object.entries(aggregate.dimensions)) perDimension[key] = { ...agg, distinctRaters: agg.count };
  const dims = dimensionScores(perDimension, core.session.dimensions.map((d) => d.key), k);
  const labels = new Map(core.session.dimensions.map((d) => [d.key, d.label]));
  const q = rules.quotaBallots;
  return mePayloadSchema.parse({
    version: core.version,
    participant: { id: p.id, displayName: p.displayName },
    status: p.status,
    round: core.session.state.round,
    score: self?.score ?? null,
    rank: visible ? (self?.rank ?? null) : null,
    percentile: visible && self?.rank ? percentile(self.rank, ranked) : null,
    ranked,
    total: entries.length,
    leaderboardVisible: visible,
    window,
    dimensions: dims.map((d) => ({ key: d.key, label: labels.get(d.key) ?? d.key, score: d.score })),
    joinedDuringRound: core.roster.joinedDuring(p.id) === core.session.state.round,
    colleagues: Math.max(0, active - (p.status === "active" ? 1 : 0)),
    k,
    band: visible ? (self?.band ?? null) : null,
    bandCount: rules.distribution?.bands.length ?? null,
    tier: self?.tier ?? null,
    norm: rules.norm ? core.round.norm : null,
    percentOfNorm: self?.percentOfNorm ?? null,
    stakhanovite: self?.stakhanovite ?? false,
    rules: describeRules(rules),
    // The limit only: what is left the phone counts from its own ratings (nothing here moves when this person rates).
    quota: q ? { limit: topScoreLimit(Math.max(0, active - 1), q.share) } : null,
    team: self?.team ?? null,
    // Plain rating rounds have no personal part: skip it, this runs for every phone on every snapshot.
    interactive:
      core.round.settings.kind !== "rating" && (p.status === "active" || p.status === "observer") ? personalPayload(cachedContext(core), p.id) : {},
  } satisfies MePayload);
}

/** Control room: who is here, how many colleagues each has rated (never what), activity. */
export function controlPayload(core: HubCore, now = Date.now()): ControlPayload {
  core.trimRatingTimes(now);
  // Per-person counts only once the round's ratings are all released: a count that rises while a
  // score moves would tell the facilitator whom that person rated (docs/decisions/0011).
  const countsHeld = core.ratingsOpen();
  const participants = [...core.roster.all()].map((p) => ({
    id: p.id,
    displayName: p.displayName,
    status: p.status,
    connected: core.roster.isConnected(p.id),
    ratedCount: countsHeld ? null : p.status === "active" ? core.gate.released.ratedCount(p.id) : 0,
    joinedDuringRound: core.roster.joinedDuring(p.id),
    joinedAt: p.joinedAt.toISOString(),
  }));
  return controlPayloadSchema.parse({
    version: core.version,
    participants,
    active: participants.filter((p) => p.status === "active").length,
    connected: participants.filter((p) => p.connected && p.status === "active").length,
    screens: core.roster.screens,
    ratingsPerMinute: core.ratingTimes.length,
    totalRatings: core.gate.released.totalRatings,
    release: core.session.release,
    maxParticipants: core.session.maxParticipants,
  } satisfies ControlPayload);
}

/**
 * What the control room may see now: the counts as last pushed on the slow
 * schedule. A (re)connect or page load must not get fresher counts than the
 * schedule gives, or reloading right after a score moved would pair them.
 */
export function controlSnapshot(core: HubCore): ControlPayload {
  core.clock.publishedControl ??= controlPayload(core);
  return core.clock.publishedControl;
}

/** The payload context of this snapshot, built once (names and the electorate are O(participants)). */
function cachedContext(core: HubCore): PayloadContext {
  if (core.contextCache?.version !== core.version) core.contextCache = { version: core.version, context: payloadContext(core) };
  return core.contextCache.context;
}

function payloadContext(core: HubCore, now = Date.now()): PayloadContext {
  const state = core.session.state;
  return {
    round: state.round,
    settings: core.round.settings,
    roundOpen: state.phase === "round_open",
    names: core.roster.names(),
    active: new Set(core.roster.activeIds()),
    state: core.interactive,
    tribunal: core.tribunal,
    tribunalLive: core.round.settings.kind === "tribunal" && state.phase === "round_open",
    amendments: core.session.amendments,
    now,
  };
}

const roundView = (core: HubCore, view: "public" | "control"): RoundPayload => roundPayloadSchema.parse(roundPayload(payloadContext(core), view));

/** The interactive round computed now (an API answer right after a change, before the next snapshot). */
export function roundFresh(core: HubCore, view: "public" | "control"): string {
  return JSON.stringify(roundView(core, view));
}

/** The interactive round as screens see it (`public`), or the control room (statements before they show, hidden ones). */
export function roundJson(core: HubCore, view: "public" | "control"): string {
  const key = `round:${view}:${core.version}`;
  let json = core.cache.get(key);
  if (!json) {
    json = JSON.stringify(roundView(core, view));
    core.cache.set(key, json);
  }
  return json;
}

/** The SSE `removed` event. */
export function removedJson(payload: RemovedPayload): string {
  return JSON.stringify(removedPayloadSchema.parse(payload));
}

/** The agenda with the facilitator's prompts (facilitator only). */
export function agendaPayload(core: HubCore) {
  return { agenda: core.session.agenda, currentRound: core.session.state.round, phase: core.session.state.phase };
}
