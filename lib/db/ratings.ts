// Rating writes and reads on raw SQLite connections (see lib/db/sqlite.ts).
// Ratings are written (latest score and history) in batches, one transaction
// each, by a writer thread with its own connection (group commit,
// docs/decisions/0010 and 0023); each is acknowledged only once its transaction
// committed. Reads stay on the main thread's connection.
import type Database from "better-sqlite3";
import { ratingWriter, type WriterRow } from "./rating-writer";
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

interface Queue {
  pending: { write: RatingWrite; resolve: () => void; reject: (error: unknown) => void }[];
  scheduled: boolean;
  /** A batch is with the writer thread. */
  inFlight: boolean;
  /** Waiting for ratingWritesSettled(). */
  idle: (() => void)[];
}

const g = globalThis as unknown as { __stakhanovRatingLoad?: Database.Statement; __stakhanovRatingQueue?: Queue };

function loadStatement(): Database.Statement {
  return (g.__stakhanovRatingLoad ??= getSqlite().prepare(`SELECT "raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? AND "round" = ?`));
}

/**
 * Group commit on a second core: every rating that arrives while the writer is busy (at least one turn
 * of the event loop) is written in one transaction by the writer thread (lib/db/rating-writer.ts, its
 * own better-sqlite3 connection), then all of them are acknowledged. The promise resolves once the
 * rating is durable; it rejects when the transaction failed (nothing of that batch is stored). One
 * batch is in flight at a time and batches keep their arrival order, so the latest score wins as before;
 * while one commits (its WAL sync), the next one gathers.
 */
export function writeRatingsGrouped(write: RatingWrite): Promise<void> {
  return new Promise((resolve, reject) => {
    const q = queue();
    q.pending.push({ write, resolve, reject });
    schedule(q);
  });
}

function queue(): Queue {
  return (g.__stakhanovRatingQueue ??= { pending: [], scheduled: false, inFlight: false, idle: [] });
}

function schedule(q: Queue): void {
  if (q.scheduled || q.inFlight) return;
  q.scheduled = true;
  setImmediate(flushGroup);
}

function flushGroup(): void {
  const q = queue();
  q.scheduled = false;
  const batch = q.pending;
  q.pending = [];
  if (batch.length === 0) return settleIdle(q);
  q.inFlight = true;
  const rows = batch.map(({ write: w }) => [w.sessionId, w.round, w.raterId, w.targetId, sqliteTimestamp(w.at), Object.entries(w.scores)] as WriterRow);
  let written: Promise<void>;
  try {
    written = ratingWriter().write(rows);
  } catch (error) {
    written = Promise.reject(error); // the writer thread could not start
  }
  written
    .then(
      () => {
        for (const b of batch) b.resolve();
      },
      (error: unknown) => {
        for (const b of batch) b.reject(error);
      },
    )
    .finally(() => {
      q.inFlight = false;
      if (q.pending.length > 0) schedule(q);
      else settleIdle(q);
    });
}

function settleIdle(q: Queue): void {
  if (q.pending.length > 0 || q.inFlight || q.scheduled) return;
  const waiting = q.idle;
  q.idle = [];
  for (const done of waiting) done();
}

/** Resolves once every rating queued so far is committed or refused (the end of a session seals after it). */
export function ratingWritesSettled(): Promise<void> {
  const q = queue();
  if (q.pending.length === 0 && !q.inFlight && !q.scheduled) return Promise.resolve();
  return new Promise((resolve) => q.idle.push(resolve));
}

export function loadRoundRatings(sessionId: string, round: number): StoredRating[] {
  return loadStatement().all(sessionId, round) as StoredRating[];
}
