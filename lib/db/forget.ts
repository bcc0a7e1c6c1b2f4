// Forgetting: when a session ends, the debrief's snapshot is taken (everything
// the debrief, its exports and the reports show), then the link between each
// rating and its rater is cut in the database, so that even someone holding the
// database file cannot learn who rated whom.
//
// - Rating and RatingEvent: raterId becomes a random pseudonym per round, rater
//   and target (so every k-threshold count stays exactly as it was); the map is
//   held in memory for the duration of one transaction and then dropped: no key
//   exists to undo it. Timestamps become the end time and the rows are written
//   again in an order sorted by content, so neither time nor row order (rowid,
//   autoincrement id) can group one rater's ratings.
// - RifVote, ProposalVote: voterId; Denunciation: accuserId; Proposal: authorId.
//   Each becomes a random value per row, timestamps the end time.
// - The session's pseudonym key is replaced, so the snapshot's network (N01…)
//   and rater (R01…) pseudonyms cannot be recomputed from participant ids.
// - SQLite keeps deleted bytes in free pages and in the write-ahead log: the
//   deletes run with secure_delete on, then the WAL is checkpointed and
//   truncated and the file is vacuumed, so the file no longer holds the link.
// Kept: who took part (names), the targets of ratings and their scores, self
// ratings, reflections (their authors may still edit them after the end), RIF
// cases and appeals (public by design). README, "What is kept and what is forgotten".
import crypto from "node:crypto";
import { loadSessionData } from "../debrief/data";
import { computeSnapshot } from "../debrief/snapshot";
import { getEnv } from "../env";
import { getDb } from "./client";
import { getPgPool } from "./postgres";
import { ratingWritesSettled } from "./ratings";
import { newPseudonymSecret } from "./sessions";
import { getSqlite, sqliteTimestamp } from "./sqlite";

/** A fresh random stand-in for a forgotten rater, voter or accuser: nothing maps it back. */
export function forgottenId(): string {
  return `forgotten-${crypto.randomBytes(12).toString("hex")}`;
}

interface RatingRow {
  round: number;
  raterId: string;
  targetId: string;
  dimension: string;
  score: number;
}
interface EventRow extends RatingRow {
  id: number;
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The pure part: every rater replaced by a random pseudonym per (round, rater, target), the rows sorted
 * by content (pseudonyms are random, so their order is too). Events keep their order within one rater
 * and target (the history of that pair), nothing across pairs.
 */
export function forgetRaters(ratings: RatingRow[], events: EventRow[], fresh: () => string = forgottenId): { ratings: RatingRow[]; events: RatingRow[] } {
  const map = new Map<string, string>();
  const stand = (r: RatingRow) => {
    const key = `${r.round}\u0000${r.raterId}\u0000${r.targetId}`;
    let id = map.get(key);
    if (!id) map.set(key, (id = fresh()));
    return id;
  };
  const outRatings = ratings
    .map((r) => ({ round: r.round, raterId: stand(r), targetId: r.targetId, dimension: r.dimension, score: r.score }))
    .sort((a, b) => a.round - b.round || cmp(a.targetId, b.targetId) || cmp(a.dimension, b.dimension) || cmp(a.raterId, b.raterId));
  const outEvents = events
    .map((e) => ({ order: e.id, round: e.round, raterId: stand(e), targetId: e.targetId, dimension: e.dimension, score: e.score }))
    .sort((a, b) => a.round - b.round || cmp(a.targetId, b.targetId) || cmp(a.raterId, b.raterId) || a.order - b.order)
    .map(({ order: _order, ...e }) => e);
  map.clear();
  return { ratings: outRatings, events: outEvents };
}

/**
 * Takes the end-of-session snapshot and cuts the link between ratings (votes, charges, proposals) and the
 * people who gave them. Only for a session that has ended; once per session (later calls do nothing and
 * return false). Called right after a successful `end`, and lazily by the debrief for a session that
 * ended before this existed.
 */
export async function sealSession(sessionId: string): Promise<boolean> {
  const db = getDb();
  const session = await db.session.findUnique({ where: { id: sessionId }, select: { code: true, phase: true, debriefSnapshot: { select: { sessionId: true } } } });
  if (!session || session.phase !== "ended" || session.debriefSnapshot) return false;
  // Ratings accepted just before the end may still be with the group commit (the writer thread): the
  // snapshot and the seal come after them.
  if (getEnv().databaseKind !== "postgres") await ratingWritesSettled();
  const data = await loadSessionData(session.code);
  if (!data) return false;
  const snapshot = JSON.stringify(computeSnapshot(data));
  const at = new Date();
  return getEnv().databaseKind === "postgres" ? sealPg(sessionId, snapshot, at) : sealSqlite(sessionId, snapshot, at);
}

function sealSqlite(sessionId: string, snapshot: string, at: Date): boolean {
  const sqlite = getSqlite();
  const ts = sqliteTimestamp(at);
  const secureDelete = sqlite.pragma("secure_delete", { simple: true }) as number;
  sqlite.pragma("secure_delete = ON");
  try {
    const sealed = sqlite.transaction((): boolean => {
      if (sqlite.prepare(`SELECT 1 FROM "DebriefSnapshot" WHERE "sessionId" = ?`).get(sessionId)) return false;
      sqlite.prepare(`INSERT INTO "DebriefSnapshot" ("sessionId","data","createdAt") VALUES (?,?,?)`).run(sessionId, snapshot, ts);
      sqlite.prepare(`UPDATE "Session" SET "pseudonymSecret" = ? WHERE "id" = ?`).run(newPseudonymSecret(), sessionId);

      const ratings = sqlite.prepare(`SELECT "round","raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ?`).all(sessionId) as RatingRow[];
      const events = sqlite.prepare(`SELECT "id","round","raterId","targetId","dimension","score" FROM "RatingEvent" WHERE "sessionId" = ?`).all(sessionId) as EventRow[];
      const forgotten = forgetRaters(ratings, events);
      sqlite.prepare(`DELETE FROM "Rating" WHERE "sessionId" = ?`).run(sessionId);
      sqlite.prepare(`DELETE FROM "RatingEvent" WHERE "sessionId" = ?`).run(sessionId);
      const rating = sqlite.prepare(`INSERT INTO "Rating" ("sessionId","round","raterId","targetId","dimension","score","updatedAt") VALUES (?,?,?,?,?,?,?)`);
      for (const r of forgotten.ratings) rating.run(sessionId, r.round, r.raterId, r.targetId, r.dimension, r.score, ts);
      const event = sqlite.prepare(`INSERT INTO "RatingEvent" ("sessionId","round","raterId","targetId","dimension","score","createdAt") VALUES (?,?,?,?,?,?,?)`);
      for (const e of forgotten.events) event.run(sessionId, e.round, e.raterId, e.targetId, e.dimension, e.score, ts);

      const rif = sqlite.prepare(`SELECT "round","targetId","vote" FROM "RifVote" WHERE "sessionId" = ?`).all(sessionId) as { round: number; targetId: string; vote: string }[];
      sqlite.prepare(`DELETE FROM "RifVote" WHERE "sessionId" = ?`).run(sessionId);
      const rifInsert = sqlite.prepare(`INSERT INTO "RifVote" ("sessionId","round","voterId","targetId","vote","updatedAt") VALUES (?,?,?,?,?,?)`);
      for (const v of shuffledBy(rif, (v) => [v.round, v.targetId, v.vote])) rifInsert.run(sessionId, v.round, v.id, v.targetId, v.vote, ts);

      const proposalIds = (sqlite.prepare(`SELECT "id" FROM "Proposal" WHERE "sessionId" = ?`).all(sessionId) as { id: string }[]).map((p) => p.id);
      const votesOf = sqlite.prepare(`SELECT "vote" FROM "ProposalVote" WHERE "proposalId" = ?`);
      const voteDelete = sqlite.prepare(`DELETE FROM "ProposalVote" WHERE "proposalId" = ?`);
      const voteInsert = sqlite.prepare(`INSERT INTO "ProposalVote" ("proposalId","voterId","vote","updatedAt") VALUES (?,?,?,?)`);
      const author = sqlite.prepare(`UPDATE "Proposal" SET "authorId" = ? WHERE "id" = ?`);
      for (const proposalId of proposalIds) {
        const votes = votesOf.all(proposalId) as { vote: string }[];
        voteDelete.run(proposalId);
        for (const v of shuffledBy(votes, (v) => [v.vote])) voteInsert.run(proposalId, v.id, v.vote, ts);
        author.run(forgottenId(), proposalId);
      }

      const charges = sqlite.prepare(`SELECT "round","accusedId","charge" FROM "Denunciation" WHERE "sessionId" = ?`).all(sessionId) as { round: number; accusedId: string; charge: string }[];
      sqlite.prepare(`DELETE FROM "Denunciation" WHERE "sessionId" = ?`).run(sessionId);
      const chargeInsert = sqlite.prepare(`INSERT INTO "Denunciation" ("sessionId","round","accuserId","accusedId","charge","createdAt") VALUES (?,?,?,?,?,?)`);
      for (const d of shuffledBy(charges, (d) => [d.round, d.accusedId, d.charge])) chargeInsert.run(sessionId, d.round, d.id, d.accusedId, d.charge, ts);
      return true;
    })();
    if (sealed) scrubSqliteFile();
    return sealed;
  } finally {
    sqlite.pragma(`secure_delete = ${secureDelete ? "ON" : "OFF"}`);
  }
}

/** Rows with a fresh random id each, sorted by their content and then that id (no trace of the old order). */
function shuffledBy<T>(rows: T[], key: (row: T) => (string | number)[]): (T & { id: string })[] {
  return rows
    .map((r) => ({ ...r, id: forgottenId() }))
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) {
        const c = cmp(ka[i]!, kb[i]!);
        if (c) return c;
      }
      return cmp(a.id, b.id);
    });
}

/**
 * The deleted rows were zeroed where they lay (secure_delete); this moves every page out of the
 * write-ahead log, truncates it, and rebuilds the file so no free page keeps an old copy.
 */
function scrubSqliteFile(): void {
  const sqlite = getSqlite();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      sqlite.exec("VACUUM");
      const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
      if (!result || result.busy === 0) return;
    } catch (error) {
      if (attempt === 2) console.error("Forgetting: the database file could not be vacuumed; deleted bytes may remain until the next VACUUM.", error);
    }
  }
}

async function sealPg(sessionId: string, snapshot: string, at: Date): Promise<boolean> {
  const client = await getPgPool(getEnv().databaseUrl).connect();
  const ts = at.toISOString().replace("Z", "");
  try {
    await client.query("BEGIN");
    const inserted = await client.query(
      `INSERT INTO "DebriefSnapshot" ("sessionId","data","createdAt") VALUES ($1,$2,$3::timestamp) ON CONFLICT ("sessionId") DO NOTHING`,
      [sessionId, snapshot, ts],
    );
    if (inserted.rowCount === 0) {
      await client.query("ROLLBACK");
      return false;
    }
    await client.query(`UPDATE "Session" SET "pseudonymSecret" = $1 WHERE "id" = $2`, [newPseudonymSecret(), sessionId]);
    const ratings = (await client.query<RatingRow>(`SELECT "round","raterId","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = $1`, [sessionId])).rows;
    const events = (await client.query<EventRow>(`SELECT "id","round","raterId","targetId","dimension","score" FROM "RatingEvent" WHERE "sessionId" = $1`, [sessionId])).rows;
    const forgotten = forgetRaters(ratings, events);
    await client.query(`DELETE FROM "Rating" WHERE "sessionId" = $1`, [sessionId]);
    await client.query(`DELETE FROM "RatingEvent" WHERE "sessionId" = $1`, [sessionId]);
    const cols = (rows: RatingRow[]) => [rows.map((r) => r.round), rows.map((r) => r.raterId), rows.map((r) => r.targetId), rows.map((r) => r.dimension), rows.map((r) => r.score)];
    await client.query(
      `INSERT INTO "Rating" ("sessionId","round","raterId","targetId","dimension","score","updatedAt")
       SELECT $1::text, a, b, c, d, e, $7::timestamp FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[]) AS t(a, b, c, d, e)`,
      [sessionId, ...cols(forgotten.ratings), ts],
    );
    // Inserted in the sorted order, so the new serial ids follow it.
    await client.query(
      `INSERT INTO "RatingEvent" ("sessionId","round","raterId","targetId","dimension","score","createdAt")
       SELECT $1::text, a, b, c, d, e, $7::timestamp FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[]) WITH ORDINALITY AS t(a, b, c, d, e, n) ORDER BY n`,
      [sessionId, ...cols(forgotten.events), ts],
    );
    const rif = (await client.query<{ round: number; targetId: string; vote: string }>(`SELECT "round","targetId","vote" FROM "RifVote" WHERE "sessionId" = $1`, [sessionId])).rows;
    await client.query(`DELETE FROM "RifVote" WHERE "sessionId" = $1`, [sessionId]);
    for (const v of shuffledBy(rif, (v) => [v.round, v.targetId, v.vote])) {
      await client.query(`INSERT INTO "RifVote" ("sessionId","round","voterId","targetId","vote","updatedAt") VALUES ($1,$2,$3,$4,$5,$6::timestamp)`, [sessionId, v.round, v.id, v.targetId, v.vote, ts]);
    }
    const proposals = (await client.query<{ id: string }>(`SELECT "id" FROM "Proposal" WHERE "sessionId" = $1`, [sessionId])).rows;
    for (const { id: proposalId } of proposals) {
      const votes = (await client.query<{ vote: string }>(`SELECT "vote" FROM "ProposalVote" WHERE "proposalId" = $1`, [proposalId])).rows;
      await client.query(`DELETE FROM "ProposalVote" WHERE "proposalId" = $1`, [proposalId]);
      for (const v of shuffledBy(votes, (v) => [v.vote])) {
        await client.query(`INSERT INTO "ProposalVote" ("proposalId","voterId","vote","updatedAt") VALUES ($1,$2,$3,$4::timestamp)`, [proposalId, v.id, v.vote, ts]);
      }
      await client.query(`UPDATE "Proposal" SET "authorId" = $1 WHERE "id" = $2`, [forgottenId(), proposalId]);
    }
    const charges = (await client.query<{ round: number; accusedId: string; charge: string }>(`SELECT "round","accusedId","charge" FROM "Denunciation" WHERE "sessionId" = $1`, [sessionId])).rows;
    await client.query(`DELETE FROM "Denunciation" WHERE "sessionId" = $1`, [sessionId]);
    for (const d of shuffledBy(charges, (d) => [d.round, d.accusedId, d.charge])) {
      await client.query(`INSERT INTO "Denunciation" ("sessionId","round","accuserId","accusedId","charge","createdAt") VALUES ($1,$2,$3,$4,$5,$6::timestamp)`, [sessionId, d.round, d.id, d.accusedId, d.charge, ts]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  // Old row versions stay in PostgreSQL's heap until vacuumed (and in its WAL until recycled): see the README.
  await getPgPool(getEnv().databaseUrl)
    .query(`VACUUM "Rating", "RatingEvent", "RifVote", "ProposalVote", "Denunciation", "Proposal"`)
    .catch((error: unknown) => console.error("Forgetting: VACUUM after the seal failed.", error));
  return true;
}
