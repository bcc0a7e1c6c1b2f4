// Named queries for sessions, rounds and participants.
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import crypto from "node:crypto";
import { generateJoinCode } from "../domain/join-code";
import type { Phase, SessionState } from "../domain/phases";
import { parseDimensions, type Dimension } from "../domain/session-config";
import { parseAgenda, parseRuleSet, type AgendaItem, type RuleSet } from "../domain/rules/ruleset";
import { AppError } from "../errors";
import { parseAmendments, type Amendment } from "../domain/rounds/conference";
import { parseSettings, type RoundSettings } from "../domain/rounds/kinds";
import { getDb } from "./client";
import type { Prisma } from "@prisma/client";
import { isUniqueViolation } from "./errors";

export interface SessionRecord {
  id: string;
  code: string;
  title: string;
  facilitatorId: string;
  dimensions: Dimension[];
  scale: { min: number; max: number };
  k: number;
  state: SessionState;
  agenda: AgendaItem[];
  reflectionOpen: boolean;
  spotlightReflectionId: string | null;
  archivedAt: Date | null;
  /** When the facilitator ended the session (null while it runs). */
  endedAt: Date | null;
  /** Rule changes the production conference passed, in force for the rounds that follow. */
  amendments: Amendment[];
  /** The release clock's period and batch size (lib/live/release.ts). */
  release: { seconds: number; batch: number };
  /** At most this many people may join (lib/domain/admission.ts, docs/decisions/0021). */
  maxParticipants: number;
  /** The room's language (lib/i18n/locales.ts). */
  language: Locale;
  createdAt: Date;
}

// The pseudonym key is omitted from every query by default (lib/db/client.ts).
type SessionRow = Omit<Prisma.SessionGetPayload<object>, "pseudonymSecret">;

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    facilitatorId: row.facilitatorId,
    dimensions: parseDimensions(row.dimensions),
    scale: { min: row.scaleMin, max: row.scaleMax },
    k: row.k,
    agenda: parseAgenda(row.agenda),
    reflectionOpen: row.reflectionOpen,
    spotlightReflectionId: row.spotlightReflectionId,
    archivedAt: row.archivedAt,
    endedAt: row.endedAt,
    amendments: parseAmendments(row.amendments),
    release: { seconds: row.releaseSeconds, batch: row.releaseMinRaters },
    maxParticipants: row.maxParticipants,
    language: isLocale(row.language) ? row.language : DEFAULT_LOCALE,
    createdAt: row.createdAt,
    state: {
      phase: row.phase as Phase,
      round: row.round,
      joiningOpen: row.joiningOpen,
      leaderboardVisible: row.leaderboardVisible,
      paused: row.paused,
      endsAt: row.endsAt ? row.endsAt.getTime() : null,
      pausedRemainingMs: row.pausedRemainingMs,
    },
  };
}

/** A fresh key for the debrief's keyed hashes (lib/debrief/pseudonyms.ts): 256 random bits. */
export function newPseudonymSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export async function createSession(input: {
  facilitatorId: string;
  title: string;
  dimensions: Dimension[];
  k: number;
  agenda?: AgendaItem[];
  language?: Locale;
}): Promise<SessionRecord> {
  // 32^6 ≈ 10^9 codes: a clash is rare, but retry rather than fail.
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const row = await getDb().session.create({
        data: {
          code: generateJoinCode((n) => crypto.randomBytes(n)),
          title: input.title,
          facilitatorId: input.facilitatorId,
          dimensions: JSON.stringify(input.dimensions),
          k: input.k,
          agenda: JSON.stringify(input.agenda ?? []),
          language: input.language ?? DEFAULT_LOCALE,
          pseudonymSecret: newPseudonymSecret(),
        },
      });
      return toRecord(row);
    } catch (error) {
      if (isUniqueViolation(error)) continue;
      throw error;
    }
  }
  throw new AppError("internal", "Could not allocate a join code. Try again.");
}

export async function findSessionByCode(code: string): Promise<SessionRecord | null> {
  const row = await getDb().session.findUnique({ where: { code } });
  return row ? toRecord(row) : null;
}

export async function listSessionsForFacilitator(facilitatorId: string) {
  const rows = await getDb().session.findMany({
    where: { facilitatorId },
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { participants: { where: { status: "active" } } } } },
  });
  return rows.map((row) => ({ ...toRecord(row), participantCount: row._count.participants }));
}

/** Persists a state transition; opening a round records it, closing stamps its end. */
export interface RoundSetup {
  durationSeconds?: number;
  title?: string | null;
  rules?: RuleSet;
  norm?: number | null;
  settings?: RoundSettings;
  /** JSON live state of an interactive round. */
  stage?: unknown;
  /** The moment the session ended (only with the `end` action). */
  endedAt?: Date;
}

export async function saveSessionState(session: SessionRecord, next: SessionState, opts: RoundSetup = {}): Promise<void> {
  const db = getDb();
  await db.session.update({
    where: { id: session.id },
    data: {
      phase: next.phase,
      round: next.round,
      joiningOpen: next.joiningOpen,
      leaderboardVisible: next.leaderboardVisible,
      paused: next.paused,
      endsAt: next.endsAt === null ? null : new Date(next.endsAt),
      pausedRemainingMs: next.pausedRemainingMs,
      ...(opts.endedAt ? { endedAt: opts.endedAt } : {}),
    },
  });
  const prev = session.state;
  if (next.phase === "round_open" && (prev.phase !== "round_open" || prev.round !== next.round)) {
    await db.round.upsert({
      where: { sessionId_number: { sessionId: session.id, number: next.round } },
      create: {
        sessionId: session.id,
        number: next.round,
        durationSeconds: opts.durationSeconds ?? null,
        title: opts.title ?? null,
        rules: JSON.stringify(opts.rules ?? {}),
        norm: opts.norm ?? null,
        kind: opts.settings?.kind ?? "rating",
        settings: JSON.stringify(opts.settings ?? {}),
        stage: JSON.stringify(opts.stage ?? {}),
      },
      update: { closedAt: null },
    });
  }
  if (prev.phase === "round_open" && next.phase !== "round_open") {
    await db.round.updateMany({ where: { sessionId: session.id, number: prev.round }, data: { closedAt: new Date() } });
  }
}

// ── participants ────────────────────────────────────────────────────────────

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  displayName: string;
  status: "active" | "observer" | "kicked" | "banned";
  joinedAt: Date;
}

const participantSelect = { id: true, sessionId: true, displayName: true, status: true, joinedAt: true } as const;

function toParticipant(row: { id: string; sessionId: string; displayName: string; status: string; joinedAt: Date }): ParticipantRecord {
  return { ...row, status: row.status as ParticipantRecord["status"] };
}

export async function createParticipant(input: { sessionId: string; displayName: string; nameKey: string; tokenHash: string; rejoinHash: string }): Promise<ParticipantRecord | "name_taken"> {
  try {
    return toParticipant(await getDb().participant.create({ data: input, select: participantSelect }));
  } catch (error) {
    if (isUniqueViolation(error)) return "name_taken";
    throw error;
  }
}

export async function findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
  const row = await getDb().participant.findUnique({ where: { tokenHash }, select: participantSelect });
  return row ? toParticipant(row) : null;
}

export async function findParticipantByRejoinHash(rejoinHash: string): Promise<ParticipantRecord | null> {
  const row = await getDb().participant.findUnique({ where: { rejoinHash }, select: participantSelect });
  return row ? toParticipant(row) : null;
}

export async function findParticipant(sessionId: string, id: string): Promise<ParticipantRecord | null> {
  const row = await getDb().participant.findFirst({ where: { id, sessionId }, select: participantSelect });
  return row ? toParticipant(row) : null;
}

export async function listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
  const rows = await getDb().participant.findMany({ where: { sessionId }, orderBy: { joinedAt: "asc" }, select: participantSelect });
  return rows.map(toParticipant);
}

export async function isNameKeyTaken(sessionId: string, nameKey: string): Promise<boolean> {
  return (await getDb().participant.count({ where: { sessionId, nameKey } })) > 0;
}

export async function takenNameKeys(sessionId: string): Promise<Set<string>> {
  const rows = await getDb().participant.findMany({ where: { sessionId, nameKey: { not: null } }, select: { nameKey: true } });
  return new Set(rows.map((r) => r.nameKey).filter((k): k is string => k !== null));
}

export async function renameParticipant(id: string, displayName: string, nameKey: string): Promise<"ok" | "name_taken"> {
  try {
    await getDb().participant.update({ where: { id }, data: { displayName, nameKey } });
    return "ok";
  } catch (error) {
    if (isUniqueViolation(error)) return "name_taken";
    throw error;
  }
}

/** Kick or ban: the participant leaves the board and their name is freed. */
export async function removeParticipant(id: string, status: "kicked" | "banned"): Promise<void> {
  await getDb().participant.update({ where: { id }, data: { status, nameKey: null, removedAt: new Date() } });
}

export async function setRejoinHash(id: string, rejoinHash: string): Promise<void> {
  await getDb().participant.update({ where: { id }, data: { rejoinHash } });
}

/**
 * Rejoin: moves the identity to a new device token and rotates the rejoin code,
 * only if the code used is still current (one statement, so a code works once
 * even when two devices race with it). False when it was already used.
 */
export async function useRejoinCode(id: string, usedHash: string, next: { tokenHash: string; rejoinHash: string }): Promise<boolean> {
  const { count } = await getDb().participant.updateMany({ where: { id, rejoinHash: usedHash }, data: next });
  return count === 1;
}

export async function setTokenHash(id: string, tokenHash: string): Promise<void> {
  await getDb().participant.update({ where: { id }, data: { tokenHash } });
}

export async function saveAgenda(sessionId: string, agenda: AgendaItem[]): Promise<void> {
  await getDb().session.update({ where: { id: sessionId }, data: { agenda: JSON.stringify(agenda) } });
}

/** The stored setup of a round (rules and type frozen when it opened, its norm, title and live stage). */
export async function findRound(
  sessionId: string,
  number: number,
): Promise<{ title: string | null; rules: RuleSet; norm: number | null; settings: RoundSettings; stage: string } | null> {
  const row = await getDb().round.findUnique({
    where: { sessionId_number: { sessionId, number } },
    select: { title: true, rules: true, norm: true, settings: true, stage: true },
  });
  return row ? { title: row.title, rules: parseRuleSet(row.rules), norm: row.norm, settings: parseSettings(row.settings), stage: row.stage } : null;
}

/** When each round was open: to tell who joined during a round. */
export async function listRoundWindows(sessionId: string): Promise<{ number: number; openedAt: Date; closedAt: Date | null }[]> {
  return getDb().round.findMany({ where: { sessionId }, select: { number: true, openedAt: true, closedAt: true }, orderBy: { number: "asc" } });
}

/** The facilitator's release clock settings (lib/live/release.ts). */
export async function saveReleaseSettings(sessionId: string, release: { seconds: number; batch: number }): Promise<void> {
  await getDb().session.update({ where: { id: sessionId }, data: { releaseSeconds: release.seconds, releaseMinRaters: release.batch } });
}

/** The facilitator's participant cap (lib/domain/admission.ts). */
export async function saveLanguage(sessionId: string, language: Locale): Promise<void> {
  await getDb().session.update({ where: { id: sessionId }, data: { language } });
}

export async function saveParticipantCap(sessionId: string, maxParticipants: number): Promise<void> {
  await getDb().session.update({ where: { id: sessionId }, data: { maxParticipants } });
}

export async function updateSessionFlags(
  sessionId: string,
  data: { reflectionOpen?: boolean; spotlightReflectionId?: string | null; archivedAt?: Date | null },
): Promise<void> {
  await getDb().session.update({ where: { id: sessionId }, data });
}

export async function deleteSession(sessionId: string): Promise<void> {
  // Foreign keys cascade to rounds, participants, ratings, history, self-ratings and reflections.
  await getDb().session.delete({ where: { id: sessionId } });
}

export async function saveReflection(sessionId: string, participantId: string, answers: Record<string, number>, text: string): Promise<void> {
  await getDb().reflection.upsert({
    where: { participantId },
    create: { sessionId, participantId, answers: JSON.stringify(answers), text },
    update: { answers: JSON.stringify(answers), text },
  });
}

/** How many active participants have answered the reflection: a room-level count. */
export async function countReflections(sessionId: string): Promise<number> {
  return getDb().reflection.count({ where: { sessionId, participant: { status: "active" } } });
}

export async function findReflection(sessionId: string, id: string) {
  return getDb().reflection.findFirst({ where: { sessionId, id }, select: { id: true, text: true } });
}

export async function saveSelfRatings(sessionId: string, participantId: string, scores: Record<string, number>): Promise<void> {
  const db = getDb();
  const now = new Date();
  for (const [dimension, score] of Object.entries(scores)) {
    await db.selfRating.upsert({
      where: { participantId_dimension: { participantId, dimension } },
      create: { sessionId, participantId, dimension, score, updatedAt: now },
      update: { score, updatedAt: now },
    });
  }
}

export async function findSelfRatings(participantId: string): Promise<Record<string, number>> {
  const rows = await getDb().selfRating.findMany({ where: { participantId }, select: { dimension: true, score: true } });
  return Object.fromEntries(rows.map((r) => [r.dimension, r.score]));
}
