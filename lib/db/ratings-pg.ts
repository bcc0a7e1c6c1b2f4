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

// A batch of writes in one statement: the latest scores upserted and the history appended, atomic. A
// batch holds at most one write per rater and colleague (a repeat waits for the next batch), so the
// upsert never meets the same row twice and each history row maps back to its write; the history
// rows are inserted in arrival order, so their ids order repeated changes as they came.
const WRITE = `WITH input AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamp[], $8::int[])
    AS t("sessionId", "round", "raterId", "targetId", "dimension", "score", "at", "ord")
),
up AS (
  INSERT INTO "Rating" ("sessionId","round","raterId","targetId","dimension","score","updatedAt")
  SELECT "sessionId", "round", "raterId", "targetId", "dimension", "score", "at" FROM input
  ON CONFLICT ("sessionId","round","raterId","targetId","dimension")
  DO UPDATE SET "score" = excluded."score", "updatedAt" = excluded."updatedAt"
)
INSERT INTO "RatingEvent" ("sessionId","round","raterId","targetId","dimension","score","createdAt")
SELECT "sessionId", "round", "raterId", "targetId", "dimension", "score", "at" FROM input ORDER BY "ord"
RETURNING "id", "sessionId", "round", "raterId", "targetId", "dimension", "score"`;

interface PendingWrite {
  write: RatingWrite;
  resolve: (rows: RatingEventRecord[]) => void;
  reject: (error: unknown) => void;
}

// Group commit, as on SQLite (docs/decisions/0010): one batch in flight per process; what arrives
// meanwhile gathers and goes as the next batch, so under load batches grow instead of commits queueing.
// On globalThis: route bundles and the hot handlers share one queue.
const g = globalThis as unknown as { __stakhanovPgWrites?: { waiting: PendingWrite[]; busy: boolean; batches: number; writes: number } };
const queue = (g.__stakhanovPgWrites ??= { waiting: [], busy: false, batches: 0, writes: 0 });

const pairKey = (w: Pick<RatingWrite, "sessionId" | "round" | "raterId" | "targetId">) => `${w.sessionId}\u0000${w.round}\u0000${w.raterId}\u0000${w.targetId}`;

/** Writes one rater's scores for one colleague; resolves once committed, with the history rows' ids. */
export function writeRatingsPg(w: RatingWrite): Promise<RatingEventRecord[]> {
  return new Promise((resolve, reject) => {
    queue.waiting.push({ write: w, resolve, reject });
    if (!queue.busy) void flushPg();
  });
}

/** Batches and writes so far in this process (lib/db/ratings-pg.test.ts checks the grouping). */
export function pgWriteStats(): { batches: number; writes: number } {
  return { batches: queue.batches, writes: queue.writes };
}

async function flushPg(): Promise<void> {
  queue.busy = true;
  try {
    while (queue.waiting.length > 0) {
      // The next batch: in arrival order, at most one write per rater and colleague.
      const batch: PendingWrite[] = [];
      const rest: PendingWrite[] = [];
      const pairs = new Set<string>();
      for (const item of queue.waiting) {
        const key = pairKey(item.write);
        if (pairs.has(key)) rest.push(item);
        else {
          pairs.add(key);
          batch.push(item);
        }
      }
      queue.waiting = rest;
      await writeBatch(batch);
    }
  } finally {
    queue.busy = false;
  }
}

async function writeBatch(batch: PendingWrite[]): Promise<void> {
  const cols: [string[], number[], string[], string[], string[], number[], string[], number[]] = [[], [], [], [], [], [], [], []];
  for (const { write: w } of batch) {
    // Timestamps are stored as UTC wall time, like Prisma does ("timestamp(3)" without zone).
    const at = w.at.toISOString().replace("Z", "");
    for (const dimension of Object.keys(w.scores)) {
      cols[0].push(w.sessionId);
      cols[1].push(w.round);
      cols[2].push(w.raterId);
      cols[3].push(w.targetId);
      cols[4].push(dimension);
      cols[5].push(w.scores[dimension] as number);
      cols[6].push(at);
      cols[7].push(cols[7].length);
    }
  }
  let rows: (RatingEventRecord & { sessionId: string })[];
  try {
    ({ rows } = await pool().query<RatingEventRecord & { sessionId: string }>(WRITE, cols));
  } catch (error) {
    for (const item of batch) item.reject(error);
    return;
  }
  queue.batches += 1;
  queue.writes += batch.length;
  const byPair = new Map<string, RatingEventRecord[]>();
  for (const { sessionId, ...row } of rows) {
    const key = pairKey({ sessionId, ...row });
    const list = byPair.get(key);
    if (list) list.push(row);
    else byPair.set(key, [row]);
  }
  for (const item of batch) item.resolve(byPair.get(pairKey(item.write)) ?? []);
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
