// The SQLite rating writer on its own thread (docs/decisions/0023): the group commit's
// transactions — and their WAL sync (`synchronous = FULL`) — run on the second core instead of
// the event loop that answers the room. A worker_thread with its own better-sqlite3
// connection to the same database file (WAL: readers on the main thread's connection see
// each commit as soon as it is done). SQLite stays the single writer of ratings: one
// thread, one batch at a time, in arrival order (lib/db/ratings.ts).
//
// The worker's code is a string (an eval worker), so it needs no build step and no
// bundler support; it loads better-sqlite3 from the project's node_modules (the server
// runs from the project folder, like every path in lib/env.ts).
import path from "node:path";
import { Worker } from "node:worker_threads";
import { getSqlite } from "./sqlite";
import { getEnv } from "../env";

/** One rater's scores for one colleague: sessionId, round, raterId, targetId, timestamp, [dimension, score][]. */
export type WriterRow = [string, number, string, string, string, [string, number][]];

export const UPSERT_SQL = `INSERT INTO "Rating" ("sessionId","round","raterId","targetId","dimension","score","updatedAt")
     VALUES (?,?,?,?,?,?,?)
     ON CONFLICT ("sessionId","round","raterId","targetId","dimension")
     DO UPDATE SET "score" = excluded."score", "updatedAt" = excluded."updatedAt"`;
export const HISTORY_SQL = `INSERT INTO "RatingEvent" ("sessionId","round","raterId","targetId","dimension","score","createdAt") VALUES (?,?,?,?,?,?,?)`;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { timeout: 5000 });
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
const upsert = db.prepare(workerData.upsert);
const history = db.prepare(workerData.history);
const writeMany = db.transaction((rows) => {
  for (const [sessionId, round, raterId, targetId, at, scores] of rows) {
    for (const [dimension, score] of scores) {
      upsert.run(sessionId, round, raterId, targetId, dimension, score, at);
      history.run(sessionId, round, raterId, targetId, dimension, score, at);
    }
  }
});
parentPort.on("message", ({ id, rows }) => {
  try {
    writeMany(rows);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code, name: error && error.name } });
  }
});
`;

interface Writer {
  write(rows: WriterRow[]): Promise<void>;
  /** Stops the thread; what it had not answered is refused (the next write starts a new one). */
  terminate(): Promise<void>;
}

type Waiting = { resolve: () => void; reject: (error: unknown) => void };

const g = globalThis as unknown as { __stakhanovRatingWriter?: Writer };

/**
 * The process's rating writer (started on first use; a writer that died is started again): the thread,
 * or with RATING_WRITER=inline the main thread's connection (the group commit as it was before 0023).
 */
export function ratingWriter(): Writer {
  return (g.__stakhanovRatingWriter ??= getEnv().ratingWriter === "inline" ? inlineWriter() : startWriter());
}

/** The same transaction on the main thread's connection, synchronously. */
function inlineWriter(): Writer {
  const db = getSqlite();
  const upsert = db.prepare(UPSERT_SQL);
  const history = db.prepare(HISTORY_SQL);
  const writeMany = db.transaction((rows: WriterRow[]) => {
    for (const [sessionId, round, raterId, targetId, at, scores] of rows) {
      for (const [dimension, score] of scores) {
        upsert.run(sessionId, round, raterId, targetId, dimension, score, at);
        history.run(sessionId, round, raterId, targetId, dimension, score, at);
      }
    }
  });
  return {
    write(rows) {
      try {
        writeMany(rows);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    },
    async terminate() {
      if (g.__stakhanovRatingWriter === this) g.__stakhanovRatingWriter = undefined;
    },
  };
}

function startWriter(): Writer {
  getSqlite(); // migrations first, and the main thread's connection puts the file in WAL mode
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: getEnv().databasePath,
      betterSqlite3: path.join(process.cwd(), "node_modules", "better-sqlite3"),
      upsert: UPSERT_SQL,
      history: HISTORY_SQL,
    },
  });
  worker.unref(); // a script that is done does not wait for it
  const waiting = new Map<number, Waiting>();
  let next = 0;
  let dead: Error | null = null;
  const fail = (error: Error) => {
    if (dead) return;
    dead = error;
    if (g.__stakhanovRatingWriter === writer) g.__stakhanovRatingWriter = undefined;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on("message", ({ id, error }: { id: number; error?: { message: string; code?: string; name?: string } }) => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    if (!error) return w.resolve();
    const e = Object.assign(new Error(error.message), { code: error.code, name: error.name ?? "SqliteError" });
    w.reject(e);
  });
  worker.on("error", (error) => fail(error));
  worker.on("exit", (code) => fail(new Error(`The rating writer thread stopped (exit code ${code}).`)));
  const writer: Writer = {
    write(rows) {
      if (dead) return ratingWriter().write(rows);
      return new Promise<void>((resolve, reject) => {
        const id = (next += 1);
        waiting.set(id, { resolve, reject });
        worker.ref(); // keep the process alive until the write is answered
        worker.postMessage({ id, rows });
      });
    },
    async terminate() {
      await worker.terminate();
    },
  };
  return writer;
}
