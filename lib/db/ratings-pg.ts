// Rating writes and reads on PostgreSQL (DATABASE_URL=postgresql://…), on the
// raw pg Pool the Prisma client shares. One statement writes the latest scores
// and appends the history, so it is atomic like the SQLite transaction in
// ratings.ts; it is asynchronous, which the hub accounts for (lib/live/hub.ts).
import { getEnv } from "../env";
import { getPgPool } from "./postgres";
import type { RatingWrite, StoredRating } from "./ratings";

/** A stored rating with the id of the RatingEvent that set it (ids order the changes across instances). */
export interface RatingEventRecord extends StoredRating {
  id: number;
  round: number;
}

const pool = () => getPgPool(getEnv().databaseUrl);

const WRITE = `WITH input AS (SELECT * FROM unnest($5::text[], $6::int[]) AS t("dimension", "score")),
up AS (
  INSERT INTO "Rating" ("sessionId","round","raterId","targetId","dimension","score","updatedAt")
  SELECT $1, $2, $3, $4, "dimension", "score", $7::timestamp FROM input
  ON CONFLICT ("sessionId","round","raterId","targetId","dimension")
  DO UPDATE SET "score" = excluded."score", "updatedAt" = excluded."updatedAt"
)
INSERT INTO "RatingEvent" ("sessionId","round","raterId","targetId","dimension","score","createdAt")
SELECT $1, $2, $3, $4, "dimension", "score", $7::timestamp FROM input
RETURNING "id", "round", "raterId", "targetId", "dimension", "score"`;

/** Writes one rater's scores for one colleague; resolves once committed, with the history rows' ids. */
export async function writeRatingsPg(w: RatingWrite): Promise<RatingEventRecord[]> {
  const dimensions = Object.keys(w.scores);
  const scores = dimensions.map((d) => w.scores[d] as number);
  // Timestamps are stored as UTC wall time, like Prisma does ("timestamp(3)" without zone).
  const at = w.at.toISOString().replace("Z", "");
  const { rows } = await pool().query<RatingEventRecord>(WRITE, [w.sessionId, w.round, w.raterId, w.targetId, dimensions, scores, at]);
  return rows;
}

/** The latest score per rater, colleague and dimension in one round, with the event id that set it. */
export async function loadRoundRatingsPg(sessionId: string, round: number): Promise<RatingEventRecord[]> {
  const { rows } = await pool().query<RatingEventRecord>(
    `SELECT DISTINCT ON ("raterId","targetId","dimension") "id","round","raterId","targetId","dimension","score"
     FROM "RatingEvent" WHERE "sessionId" = $1 AND "round" = $2
     ORDER BY "raterId","targetId","dimension","id" DESC`,
    [sessionId, round],
  );
  return rows;
}

/** History rows another instance announced (by id). */
export async function loadRatingEventsPg(sessionId: string, ids: number[]): Promise<RatingEventRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool().query<RatingEventRecord>(
    `SELECT "id","round","raterId","targetId","dimension","score" FROM "RatingEvent" WHERE "sessionId" = $1 AND "id" = ANY($2::int[]) ORDER BY "id"`,
    [sessionId, ids],
  );
  return rows;
}

/** The debrief's inputs: latest ratings of every round and the full history (createdAt as epoch ms). */
export async function loadRatingHistoryPg(sessionId: string) {
  const [ratings, events] = await Promise.all([
    pool().query<{ round: number; raterId: string; targetId: string; dimension: string; score: number }>(
      `SELECT "round","raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = $1 ORDER BY "round","raterId" COLLATE "C","targetId" COLLATE "C","dimension" COLLATE "C"`,
      [sessionId],
    ),
    pool().query<{ round: number; raterId: string; targetId: string; dimension: string; score: number; at: number }>(
      `SELECT "round","raterId","targetId","dimension","score", (EXTRACT(EPOCH FROM "createdAt") * 1000)::float8 AS "at" FROM "RatingEvent" WHERE "sessionId" = $1 ORDER BY "id"`,
      [sessionId],
    ),
  ]);
  return { ratings: ratings.rows, events: events.rows };
}
