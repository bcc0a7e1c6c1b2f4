// Loads everything the debrief, reports and exports need about one session.
import { assignPseudonyms } from "./pseudonyms";
import { getDb } from "../db/client";
import { getSqlite } from "../db/sqlite";
import { loadRatingHistoryPg } from "../db/ratings-pg";
import { getEnv } from "../env";
import { parseRuleSet, type RuleSet } from "../domain/rules/ruleset";
import type { RatingEventRow, RatingRow } from "../domain/stats";

export interface DebriefParticipant {
  id: string;
  displayName: string;
  /** As a person (target, rank, score): P01, P02, … in an order unrelated to joining. */
  pseudonym: string;
  /** As a rater, in a separate namespace: R01, R02, … so rater rows cannot be joined to the P ids. */
  raterPseudonym: string;
  status: string;
}

export interface DebriefRound {
  number: number;
  title: string | null;
  rules: RuleSet;
  norm: number | null;
  openedAt: Date;
  closedAt: Date | null;
}

export interface SessionData {
  session: { id: string; code: string; title: string; k: number; scale: { min: number; max: number }; dimensions: { key: string; label: string }[]; archivedAt: Date | null; reflectionOpen: boolean; spotlightReflectionId: string | null; facilitatorId: string; phase: string; round: number };
  participants: DebriefParticipant[];
  rounds: DebriefRound[];
  ratings: RatingRow[];
  events: RatingEventRow[];
  selfRatings: { participantId: string; dimension: string; score: number }[];
  reflections: { id: string; participantId: string; answers: Record<string, number>; text: string; hidden: boolean; createdAt: Date }[];
}

export async function loadSessionData(code: string): Promise<SessionData | null> {
  const db = getDb();
  const row = await db.session.findUnique({ where: { code } });
  if (!row) return null;
  const [participants, rounds, selfRatings, reflections] = await Promise.all([
    db.participant.findMany({ where: { sessionId: row.id }, orderBy: { joinedAt: "asc" }, select: { id: true, displayName: true, status: true } }),
    db.round.findMany({ where: { sessionId: row.id }, orderBy: { number: "asc" } }),
    db.selfRating.findMany({ where: { sessionId: row.id }, select: { participantId: true, dimension: true, score: true } }),
    db.reflection.findMany({ where: { sessionId: row.id }, orderBy: { createdAt: "asc" } }),
  ]);
  if (getEnv().databaseKind === "postgres") return toSessionData(row, participants, rounds, selfRatings, reflections, await loadRatingHistoryPg(row.id));
  const sqlite = getSqlite();
  const ratings = sqlite
    .prepare(`SELECT "round","raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? ORDER BY "round","raterId","targetId","dimension"`)
    .all(row.id) as RatingRow[];
  const events = (
    sqlite.prepare(`SELECT "round","raterId","targetId","dimension","score","createdAt" FROM "RatingEvent" WHERE "sessionId" = ? ORDER BY "id"`).all(row.id) as (RatingRow & { createdAt: string })[]
  ).map(({ createdAt, ...r }) => ({ ...r, at: Date.parse(createdAt) }));
  return toSessionData(row, participants, rounds, selfRatings, reflections, { ratings, events });
}

type Loaded<T> = T extends (...args: never[]) => Promise<infer R> ? R : never;

function toSessionData(
  row: NonNullable<Loaded<ReturnType<typeof getDb>["session"]["findUnique"]>>,
  participants: { id: string; displayName: string; status: string }[],
  rounds: Loaded<ReturnType<typeof getDb>["round"]["findMany"]>,
  selfRatings: SessionData["selfRatings"],
  reflections: Loaded<ReturnType<typeof getDb>["reflection"]["findMany"]>,
  { ratings, events }: { ratings: RatingRow[]; events: RatingEventRow[] },
): SessionData {
  return {
    session: {
      id: row.id,
      code: row.code,
      title: row.title,
      k: row.k,
      scale: { min: row.scaleMin, max: row.scaleMax },
      dimensions: JSON.parse(row.dimensions) as { key: string; label: string }[],
      archivedAt: row.archivedAt,
      reflectionOpen: row.reflectionOpen,
      spotlightReflectionId: row.spotlightReflectionId,
      facilitatorId: row.facilitatorId,
      phase: row.phase,
      round: row.round,
    },
    participants: assignPseudonyms(row.id, participants),
    rounds: rounds.map((r) => ({ number: r.number, title: r.title, rules: parseRuleSet(r.rules), norm: r.norm, openedAt: r.openedAt, closedAt: r.closedAt })),
    ratings,
    events,
    selfRatings,
    reflections: reflections.map((r) => ({ id: r.id, participantId: r.participantId, answers: JSON.parse(r.answers) as Record<string, number>, text: r.text, hidden: r.hidden, createdAt: r.createdAt })),
  };
}
