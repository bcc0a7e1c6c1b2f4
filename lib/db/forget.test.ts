// Forgetting against a real temporary SQLite file: after the seal, no table and
// no byte of the database file leads from a rating (or vote, or charge) to the
// person who gave it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-forget-"));
const file = path.join(dir, "forget.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.DATA_DIR = dir;

let sessionId = "";
const ids: Record<string, string> = {};
const NAMES = ["Xenia", "Yakov", "Anna", "Boris", "Clara", "Denis"];

beforeAll(async () => {
  const { getDb } = await import("./client");
  const { createSession } = await import("./sessions");
  const { writeRatingsGrouped } = await import("./ratings");
  const db = getDb();
  const facilitator = await db.facilitator.create({ data: { email: "f@test", name: "F", passwordHash: "x" } });
  const session = await createSession({ facilitatorId: facilitator.id, title: "Forget", dimensions: [{ key: "work", label: "Work" }, { key: "team", label: "Team" }], k: 3 });
  sessionId = session.id;
  for (const [i, name] of NAMES.entries()) {
    const p = await db.participant.create({ data: { sessionId, displayName: name, nameKey: name.toLowerCase(), tokenHash: `t${i}`, rejoinHash: `r${i}` } });
    ids[name] = p.id;
  }
  await db.round.create({ data: { sessionId, number: 1, closedAt: new Date() } });
  // Xenia rates, votes, accuses and proposes but nobody rates or names her; Yakov does nothing at all.
  // Anna, Boris, Clara and Denis rate each other.
  const raters = ["Xenia", "Anna", "Boris", "Clara", "Denis"];
  const targets = ["Anna", "Boris", "Clara", "Denis"];
  let at = Date.now();
  for (const rater of raters) {
    for (const target of targets) {
      if (rater === target) continue;
      await writeRatingsGrouped({ sessionId, round: 1, raterId: ids[rater]!, targetId: ids[target]!, scores: { work: 2, team: 4 }, at: new Date((at += 1000)) });
      // A change of mind: two history rows for this pair.
      await writeRatingsGrouped({ sessionId, round: 1, raterId: ids[rater]!, targetId: ids[target]!, scores: { work: 3 }, at: new Date((at += 1000)) });
    }
  }
  await db.rifVote.create({ data: { sessionId, round: 1, voterId: ids.Xenia!, targetId: ids.Anna!, vote: "let_go", updatedAt: new Date() } });
  await db.denunciation.create({ data: { sessionId, round: 1, accuserId: ids.Xenia!, accusedId: ids.Boris!, charge: "Slacking", createdAt: new Date() } });
  const proposal = await db.proposal.create({ data: { sessionId, round: 1, kind: "raise-k", value: 4, authorId: ids.Xenia!, createdAt: new Date() } });
  await db.proposalVote.create({ data: { proposalId: proposal.id, voterId: ids.Xenia!, vote: "for", updatedAt: new Date() } });
});

afterAll(async () => {
  const { disconnectDb } = await import("./client");
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every byte SQLite keeps for this database: the file, its write-ahead log and any rollback journal. */
function rawBytes(): Buffer {
  return Buffer.concat(["", "-wal", "-journal", "-shm"].map((suffix) => (fs.existsSync(file + suffix) ? fs.readFileSync(file + suffix) : Buffer.alloc(0))));
}
function occurrences(haystack: Buffer, needle: string): number {
  const n = Buffer.from(needle);
  let count = 0;
  for (let i = haystack.indexOf(n); i !== -1; i = haystack.indexOf(n, i + 1)) count++;
  return count;
}

describe("sealSession", () => {
  it("refuses a session that has not ended", async () => {
    const { sealSession } = await import("./forget");
    expect(await sealSession(sessionId)).toBe(false);
    const { getDb } = await import("./client");
    expect(await getDb().debriefSnapshot.count()).toBe(0);
  });

  it("cuts every rating, vote, charge and proposal from its author, in the tables and in the file's bytes", async () => {
    const { getDb } = await import("./client");
    const { getSqlite } = await import("./sqlite");
    const { sealSession } = await import("./forget");
    const db = getDb();
    const sqlite = getSqlite();
    const all = (sql: string) => sqlite.prepare(sql).all(sessionId) as Record<string, unknown>[];
    const before = {
      ratings: all(`SELECT "round","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? ORDER BY 1,2,3,4`),
      events: (all(`SELECT COUNT(*) AS n FROM "RatingEvent" WHERE "sessionId" = ?`)[0] as { n: number }).n,
      ratersPerTarget: all(`SELECT "targetId", COUNT(DISTINCT "raterId") AS n FROM "Rating" WHERE "sessionId" = ? GROUP BY 1 ORDER BY 1`),
      secret: (await db.session.findUnique({ where: { id: sessionId }, omit: { pseudonymSecret: false } }))!.pseudonymSecret,
    };
    expect(before.secret).toMatch(/^[\w-]{40,}$/);

    // The control: before the seal, Xenia's id is in the file more often than idle Yakov's.
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    expect(occurrences(rawBytes(), ids.Xenia!)).toBeGreaterThan(occurrences(rawBytes(), ids.Yakov!));

    await db.session.update({ where: { id: sessionId }, data: { phase: "ended" } });
    expect(await sealSession(sessionId)).toBe(true);

    // The tables: no author column holds a participant id any more.
    const people = new Set(Object.values(ids));
    const authors = [
      ...all(`SELECT "raterId" AS a FROM "Rating" WHERE "sessionId" = ?`),
      ...all(`SELECT "raterId" AS a FROM "RatingEvent" WHERE "sessionId" = ?`),
      ...all(`SELECT "voterId" AS a FROM "RifVote" WHERE "sessionId" = ?`),
      ...all(`SELECT "accuserId" AS a FROM "Denunciation" WHERE "sessionId" = ?`),
      ...all(`SELECT "authorId" AS a FROM "Proposal" WHERE "sessionId" = ?`),
      ...all(`SELECT v."voterId" AS a FROM "ProposalVote" v JOIN "Proposal" p ON p."id" = v."proposalId" WHERE p."sessionId" = ?`),
    ].map((r) => r.a as string);
    expect(authors.length).toBe(before.ratings.length + before.events + 4);
    for (const a of authors) expect(people.has(a), a).toBe(false);
    // Pseudonyms are random and per rater and target: no stand-in rated two people.
    const spread = all(`SELECT "raterId", COUNT(DISTINCT "targetId") AS n FROM "Rating" WHERE "sessionId" = ? GROUP BY 1`);
    expect(spread.every((r) => r.n === 1)).toBe(true);
    // What the scores need is intact: the same ratings, the same number of distinct raters per person.
    expect(all(`SELECT "round","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = ? ORDER BY 1,2,3,4`)).toEqual(before.ratings);
    expect(all(`SELECT "targetId", COUNT(DISTINCT "raterId") AS n FROM "Rating" WHERE "sessionId" = ? GROUP BY 1 ORDER BY 1`)).toEqual(before.ratersPerTarget);
    // Time no longer tells the raters apart, and the history's ids do not follow the order ratings came in.
    expect(all(`SELECT DISTINCT "createdAt" FROM "RatingEvent" WHERE "sessionId" = ?`)).toHaveLength(1);
    expect(all(`SELECT DISTINCT "updatedAt" FROM "Rating" WHERE "sessionId" = ?`)).toHaveLength(1);
    // The pseudonym key was replaced: the snapshot's N and R pseudonyms cannot be recomputed.
    const after = await db.session.findUnique({ where: { id: sessionId }, omit: { pseudonymSecret: false } });
    expect(after!.pseudonymSecret).not.toBe(before.secret);

    // The file: Xenia's id now appears exactly as often as idle Yakov's (the Participant row, its index, the
    // snapshot's reports): none of her ratings, votes, charges or her proposal left a byte behind.
    const bytes = rawBytes();
    expect(occurrences(bytes, ids.Xenia!)).toBe(occurrences(bytes, ids.Yakov!));
    expect(occurrences(bytes, before.secret!)).toBe(0);
    // And the snapshot was kept: what the debrief showed at the end.
    const snapshot = await db.debriefSnapshot.findUnique({ where: { sessionId } });
    expect(JSON.parse(snapshot!.data).exports.ratings.rows).toHaveLength(before.ratings.length);
  });

  it("seals once", async () => {
    const { sealSession } = await import("./forget");
    expect(await sealSession(sessionId)).toBe(false);
  });
});

describe("forgetRaters", () => {
  it("keeps one stand-in per round, rater and target and sorts rows by content", async () => {
    const { forgetRaters } = await import("./forget");
    let n = 0;
    const fresh = () => `z${String(n++).padStart(3, "0")}`;
    const out = forgetRaters(
      [
        { round: 1, raterId: "b", targetId: "t2", dimension: "d", score: 3 },
        { round: 1, raterId: "a", targetId: "t1", dimension: "d", score: 5 },
        { round: 1, raterId: "b", targetId: "t1", dimension: "d", score: 1 },
      ],
      [
        { id: 1, round: 1, raterId: "b", targetId: "t2", dimension: "d", score: 2 },
        { id: 2, round: 1, raterId: "b", targetId: "t2", dimension: "d", score: 3 },
        { id: 3, round: 2, raterId: "b", targetId: "t2", dimension: "d", score: 4 },
      ],
      fresh,
    );
    expect(out.ratings.map((r) => r.targetId)).toEqual(["t1", "t1", "t2"]);
    expect(new Set(out.ratings.map((r) => r.raterId)).size).toBe(3);
    // The same pair in the same round keeps one stand-in (its history stays in order); a new round gets a new one.
    expect(out.events.map((e) => e.score)).toEqual([2, 3, 4]);
    expect(out.events[0]!.raterId).toBe(out.events[1]!.raterId);
    expect(out.events[2]!.raterId).not.toBe(out.events[0]!.raterId);
    expect(out.events[0]!.raterId).toBe(out.ratings.find((r) => r.targetId === "t2")!.raterId);
    expect(JSON.stringify(out)).not.toMatch(/"a"|"b"/);
  });
});
