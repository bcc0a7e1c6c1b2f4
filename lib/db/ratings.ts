// Rating writes and reads on the raw SQLite connection (see lib/db/sqlite.ts).
// Every rating of one event-loop turn is written (latest score and history) in
// one synchronous transaction (group commit, docs/decisions/0010); each is
// acknowledged only once that transaction committed.
import type Database from "better-sqlite3";
import { getSqlite, sqliteTimestamp } from "./sqlite";

export interface RatingWrite {
  sessionId: string;
  round: number;
  raterId: string;
  targetId: string;
  scores: Record<string, number>;
  at: Date;
}

export interface StoredRating {
  raterId: string;
  targetId: string;
  dimension: string;
  score: number;
}

interface Statements {
  upsert: Database.Statement;
  history: Database.Statement;
  writeMany: (ws: RatingWrite[]) => void;
  load: Database.Statement;
}

interface Queue {
  pending: { write: RatingWrite; resolve: () => void; reject: (error: unknown) => void }[];
  scheduled: boolean;
}

const g = globalThis as unknown as { __stakhanovRatingStatements?: Statements; __stakhanovRatingQueue?: Queue };

function statements(): Statements {
  if (g.__stakhanovRatingStatements) return g.__stakhanovRatingStatements;
  const db = getSqlite();
  const upsert = db.prepare(
    `INSERT INTO "Rating" ("sessionId","round","raterId","targetId","dimension","score","updatedAt")
     VALUES (?,?,?,?,?,?,?)
     ON CONFLICT ("sessionId","round","raterId","targetId","dimension")
     DO UPDATE SET "score" = excluded."score", "updatedAt" = excluded."updatedAt"`,
  );
  const history = db.prepare(
    `INSERT INTO "RatingEvent" ("sessionId","round","raterId","targetId","dimension","score","createdAt") VALUES (?,?,?,?,?,?,?)`,
  );
  const writeMany = db.transaction((ws: RatingWrite[]) => {
    for (const w of ws) {
      const at = sqliteTimestamp(w.at);
      for (const [dimension, score] of Object.entries(w.scores)) {
        upsert.run(w.sessionId, w.round, w.raterId, w.targetId, dimension, score, at);
        history.run(w.sessionId, w.round, w.raterId, w.targetId, dimension, score, at);
      }
    }
  });
  const load = db.prepare(`SELECT "raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? AND "round" = ?`);
  g.__stakhanovRatingStatements = { upsert, history, writeMany, load };
  return g.__stakhanovRatingStatements;
}

/**
 * Group commit: every rating that arrives during one turn of the event loop is written in one
 * transaction (one WAL sync instead of one per rating), then all of them are acknowledged. The
 * promise resolves once the rating is durable; it rejects when the transaction failed (nothing
 * of that batch is stored). Writes keep their arrival order, so the latest score wins as before.
 */
export function writeRatingsGrouped(write: RatingWrite): Promise<void> {
  return new Promise((resolve, reject) => {
    const q = (g.__stakhanovRatingQueue ??= { pending: [], scheduled: false });
    q.pending.push({ write, resolve, reject });
    if (!q.scheduled) {
      q.scheduled = true;
      setImmediate(flushGroup);
    }
  });
}

function flushGroup(): void {
  const q = g.__stakhanovRatingQueue!;
  q.scheduled = false;
  const batch = q.pending;
  q.pending = [];
  if (batch.length === 0) return;
  try {
    statements().writeMany(batch.map((b) => b.write));
  } catch (error) {
    for (const b of batch) b.reject(error);
    return;
  }
  for (const b of batch) b.resolve();
}

export function loadRoundRatings(sessionId: string, round: number): StoredRating[] {
  return statements().load.all(sessionId, round) as StoredRating[];
}
