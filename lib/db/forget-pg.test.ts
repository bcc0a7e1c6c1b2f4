// Forgetting on PostgreSQL (a throw-away local server): the same cut as on
// SQLite, in the tables. Skipped when PostgreSQL is not installed.
import { beforeAll, describe, expect, it } from "vitest";
import { withTestPostgres } from "./test-postgres";

const postgres = withTestPostgres("forget-pg");
let sessionId = "";
const ids: Record<string, string> = {};

describe.skipIf(!postgres.available)("sealSession on PostgreSQL", () => {
  beforeAll(async () => {
    const { getDb } = await import("./client");
    const { createSession } = await import("./sessions");
    const { writeRatingsPg } = await import("./ratings-pg");
    const db = getDb();
    const facilitator = await db.facilitator.create({ data: { email: "pg@test", name: "F", passwordHash: "x" } });
    const session = await createSession({ facilitatorId: facilitator.id, title: "Forget", dimensions: [{ key: "work", label: "Work" }], k: 3 });
    sessionId = session.id;
    for (const [i, name] of ["Xenia", "Anna", "Boris", "Clara", "Denis"].entries()) {
      ids[name] = (await db.participant.create({ data: { sessionId, displayName: name, nameKey: name.toLowerCase(), tokenHash: `t${i}`, rejoinHash: `r${i}` } })).id;
    }
    await db.round.create({ data: { sessionId, number: 1, closedAt: new Date() } });
    for (const rater of Object.keys(ids)) {
      for (const target of ["Anna", "Boris", "Clara", "Denis"]) {
        if (rater !== target) await writeRatingsPg({ sessionId, round: 1, raterId: ids[rater]!, targetId: ids[target]!, scores: { work: 3 }, at: new Date() });
      }
    }
    await db.rifVote.create({ data: { sessionId, round: 1, voterId: ids.Xenia!, targetId: ids.Anna!, vote: "keep", updatedAt: new Date() } });
    await db.denunciation.create({ data: { sessionId, round: 1, accuserId: ids.Xenia!, accusedId: ids.Boris!, charge: "Slacking", createdAt: new Date() } });
    const proposal = await db.proposal.create({ data: { sessionId, round: 1, kind: "raise-k", value: 4, authorId: ids.Xenia!, createdAt: new Date() } });
    await db.proposalVote.create({ data: { proposalId: proposal.id, voterId: ids.Xenia!, vote: "for", updatedAt: new Date() } });
  }, 120_000);

  it("cuts every rating, vote, charge and proposal from its author and keeps the scores", async () => {
    const { getDb } = await import("./client");
    const { getPgPool } = await import("./postgres");
    const { sealSession } = await import("./forget");
    const db = getDb();
    const pool = getPgPool(process.env.DATABASE_URL!);
    const q = async (sql: string) => (await pool.query(sql, [sessionId])).rows as Record<string, unknown>[];
    const before = await q(`SELECT "round","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = $1 ORDER BY 1,2,3,4`);
    const events = (await q(`SELECT "id" FROM "RatingEvent" WHERE "sessionId" = $1`)).length;
    expect(await sealSession(sessionId)).toBe(false); // not ended yet
    await db.session.update({ where: { id: sessionId }, data: { phase: "ended" } });
    expect(await sealSession(sessionId)).toBe(true);
    expect(await sealSession(sessionId)).toBe(false);

    const people = new Set(Object.values(ids));
    const authors = [
      ...(await q(`SELECT "raterId" AS a FROM "Rating" WHERE "sessionId" = $1`)),
      ...(await q(`SELECT "raterId" AS a FROM "RatingEvent" WHERE "sessionId" = $1`)),
      ...(await q(`SELECT "voterId" AS a FROM "RifVote" WHERE "sessionId" = $1`)),
      ...(await q(`SELECT "accuserId" AS a FROM "Denunciation" WHERE "sessionId" = $1`)),
      ...(await q(`SELECT "authorId" AS a FROM "Proposal" WHERE "sessionId" = $1`)),
      ...(await q(`SELECT v."voterId" AS a FROM "ProposalVote" v JOIN "Proposal" p ON p."id" = v."proposalId" WHERE p."sessionId" = $1`)),
    ].map((r) => r.a as string);
    expect(authors).toHaveLength(before.length + events + 4);
    expect(authors.filter((a) => people.has(a))).toEqual([]);
    expect(await q(`SELECT "round","targetId","dimension","score" FROM "Rating" WHERE "sessionId" = $1 ORDER BY 1,2,3,4`)).toEqual(before);
    expect(await q(`SELECT DISTINCT "createdAt" FROM "RatingEvent" WHERE "sessionId" = $1`)).toHaveLength(1);
    expect(await db.debriefSnapshot.count({ where: { sessionId } })).toBe(1);
  });
});
