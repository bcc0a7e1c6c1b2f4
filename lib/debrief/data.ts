// Loads everything the debrief, reports and exports need about one session.
import { assignPseudonyms, orderReflections, reflectionHandle } from "./pseudonyms";
import { newPseudonymSecret } from "../db/sessions";
import { getDb } from "../db/client";
import { getSqlite } from "../db/sqlite";
import { loadRatingHistoryPg } from "../db/ratings-pg";
import { getEnv } from "../env";
import { parseRuleSet, type RuleSet } from "../domain/rules/ruleset";
import { parseSettings, type RoundSettings } from "../domain/rounds/kinds";
import { WITHHELD_PROPOSAL } from "../domain/rounds/conference";
import { withholdHidden } from "../domain/rounds/tribunal";
import type { RatingEventRow, RatingRow } from "../domain/stats";

export interface DebriefParticipant {
  id: string;
  displayName: string;
  /** As a person (target, rank, score): P01, P02, … in an order unrelated to joining. */
  pseudonym: string;
  /** As a node of the pairwise sections (network, cliques): N01, … so they cannot be joined to the P ids (and their ranks). */
  networkPseudonym: string;
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
  /** The round's type and settings (rating, rif, tribunal, conference). */
  settings: RoundSettings;
}

/** What the interactive rounds left behind (accusers and voters are loaded to count them, never to show them). */
export interface SceneData {
  rifCases: { round: number; participantId: string; position: number; rank: number | null; statement: string | null; hidden: boolean; outcome: string | null; keepVotes: number | null; letGoVotes: number | null }[];
  rifBallots: { round: number; targetId: string; vote: string }[];
  denunciations: { round: number; accuserId: string; accusedId: string; charge: string }[];
  appeals: { round: number; participantId: string; hidden: boolean }[];
  proposals: { round: number; kind: string; value: number | null; text: string; status: string; accepted: boolean | null; forVotes: number | null; againstVotes: number | null; ballots: number }[];
  amendments: string;
}

export interface SessionData {
  session: { id: string; code: string; title: string; k: number; scale: { min: number; max: number }; dimensions: { key: string; label: string }[]; archivedAt: Date | null; reflectionOpen: boolean; spotlightReflectionId: string | null; facilitatorId: string; phase: string; round: number; amendments: string };
  participants: DebriefParticipant[];
  rounds: DebriefRound[];
  ratings: RatingRow[];
  events: RatingEventRow[];
  selfRatings: { participantId: string; dimension: string; score: number }[];
  /** In keyed-hash order (not submission order); `handle` is the opaque name the facilitator's page uses for one. */
  reflections: { id: string; handle: string; participantId: string; answers: Record<string, number>; text: string; hidden: boolean }[];
  scenes: SceneData;
}

export async function loadSessionData(code: string): Promise<SessionData | null> {
  const db = getDb();
  const found = await db.session.findUnique({ where: { code }, omit: { pseudonymSecret: false } });
  if (!found) return null;
  const row = { ...found, pseudonymSecret: found.pseudonymSecret ?? (await drawSecretLazily(found.id)) };
  const secret = row.pseudonymSecret;
  const where = { sessionId: row.id };
  const [rifCases, rifBallots, denunciations, appeals, proposals] = await Promise.all([
    db.rifCase.findMany({ where, orderBy: [{ round: "asc" }, { position: "asc" }] }),
    db.rifVote.findMany({ where, select: { round: true, targetId: true, vote: true } }),
    db.denunciation.findMany({ where, orderBy: { id: "asc" }, select: { round: true, accuserId: true, accusedId: true, charge: true, hidden: true } }),
    db.appeal.findMany({ where, select: { round: true, participantId: true, hidden: true } }),
    db.proposal.findMany({ where, orderBy: { createdAt: "asc" }, include: { _count: { select: { votes: true } } } }),
  ]);
  const [participants, rounds, selfRatings, reflections] = await Promise.all([
    db.participant.findMany({ where: { sessionId: row.id }, orderBy: { joinedAt: "asc" }, select: { id: true, displayName: true, status: true } }),
    db.round.findMany({ where: { sessionId: row.id }, orderBy: { number: "asc" } }),
    db.selfRating.findMany({ where: { sessionId: row.id }, select: { participantId: true, dimension: true, score: true } }),
    db.reflection.findMany({ where: { sessionId: row.id } }),
  ]);
  const { ratings, events } = getEnv().databaseKind === "postgres" ? await loadRatingHistoryPg(row.id) : sqliteRatingHistory(row.id);
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
      amendments: row.amendments,
    },
    participants: assignPseudonyms(secret, participants),
    rounds: rounds.map((r) => ({
      number: r.number,
      title: r.title,
      rules: parseRuleSet(r.rules),
      norm: r.norm,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      settings: parseSettings(r.settings),
    })),
    ratings,
    events,
    selfRatings,
    reflections: orderReflections(secret, reflections).map((r) => ({
      id: r.id,
      handle: reflectionHandle(secret, r.id),
      participantId: r.participantId,
      answers: JSON.parse(r.answers) as Record<string, number>,
      text: r.text,
      hidden: r.hidden,
    })),
    scenes: {
      rifCases,
      rifBallots,
      // Moderation: what the facilitator withheld is gone from the debrief, its exports and the snapshot.
      denunciations: withholdHidden(denunciations).map(({ hidden: _hidden, ...d }) => d),
      appeals,
      proposals: proposals.map((p) => ({
        round: p.round,
        kind: p.kind,
        value: p.value,
        text: p.hidden ? WITHHELD_PROPOSAL : p.text,
        status: p.status,
        accepted: p.accepted,
        forVotes: p.forVotes,
        againstVotes: p.againstVotes,
        ballots: p._count.votes,
      })),
      amendments: row.amendments,
    },
  };
}

/** A session created before pseudonym keys existed gets one on first use; two concurrent first uses agree on one. */
async function drawSecretLazily(sessionId: string): Promise<string> {
  const db = getDb();
  await db.session.updateMany({ where: { id: sessionId, pseudonymSecret: null }, data: { pseudonymSecret: newPseudonymSecret() } });
  const again = await db.session.findUnique({ where: { id: sessionId }, select: { pseudonymSecret: true } });
  if (!again?.pseudonymSecret) throw new Error(`Session ${sessionId} has no pseudonym key.`);
  return again.pseudonymSecret;
}

function sqliteRatingHistory(sessionId: string): { ratings: RatingRow[]; events: RatingEventRow[] } {
  const sqlite = getSqlite();
  const ratings = sqlite
    .prepare(`SELECT "round","raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? ORDER BY "round","raterId","targetId","dimension"`)
    .all(sessionId) as RatingRow[];
  const events = (
    sqlite.prepare(`SELECT "round","raterId","targetId","dimension","score","createdAt" FROM "RatingEvent" WHERE "sessionId" = ? ORDER BY "id"`).all(sessionId) as (RatingRow & { createdAt: string })[]
  ).map(({ createdAt, ...r }) => ({ ...r, at: Date.parse(createdAt) }));
  return { ratings, events };
}
