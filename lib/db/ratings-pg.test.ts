// Rating writes on PostgreSQL (a throw-away local server): group commit — writes that arrive while a
// batch is in flight go together as the next one, each gets back its own history rows, a repeat of
// the same rater and colleague waits for the next batch so the latest score wins. Skipped when
// PostgreSQL is not installed.
import { beforeAll, describe, expect, it } from "vitest";
import { withTestPostgres } from "./test-postgres";

const postgres = withTestPostgres("ratings-pg");
let sessionId = "";
const people: string[] = [];

describe.skipIf(!postgres.available)("rating writes on PostgreSQL", () => {
  beforeAll(async () => {
    const { getDb } = await import("./client");
    const { createSession } = await import("./sessions");
    const db = getDb();
    const facilitator = await db.facilitator.create({ data: { email: "pg@test", name: "F", passwordHash: "x" } });
    const session = await createSession({ facilitatorId: facilitator.id, title: "Batches", dimensions: [{ key: "a", label: "A" }, { key: "b", label: "B" }], k: 3 });
    sessionId = session.id;
    for (let i = 0; i < 12; i++) {
      people.push((await db.participant.create({ data: { sessionId, displayName: `P${i}`, nameKey: `p${i}`, tokenHash: `t${i}`, rejoinHash: `r${i}` } })).id);
    }
  }, 120_000);

  it("writes concurrent ratings in a few batches, each answered with its own rows, and the latest of a repeated rating wins", async () => {
    const { writeRatingsPg, pgWriteStats } = await import("./ratings-pg");
    const { getPgPool } = await import("./postgres");
    const before = pgWriteStats();
    const writes: { raterId: string; targetId: string; a: number; b: number }[] = [];
    for (const [i, raterId] of people.entries()) {
      for (const [j, targetId] of people.entries()) if (i !== j) writes.push({ raterId, targetId, a: 1 + ((i + j) % 5), b: 1 + ((i * j) % 5) });
    }
    // The same rater and colleague three times in a row: changes of mind, in this order.
    const repeated = [2, 5, 4].map((a) => ({ raterId: people[0]!, targetId: people[1]!, a, b: a }));
    const all = [...writes.slice(0, 40), ...repeated, ...writes.slice(40)];
    const answers = await Promise.all(all.map((w) => writeRatingsPg({ sessionId, round: 1, raterId: w.raterId, targetId: w.targetId, scores: { a: w.a, b: w.b }, at: new Date() })));
    for (const [i, rows] of answers.entries()) {
      const w = all[i]!;
      expect(rows.map((r) => [r.raterId, r.targetId, r.dimension, r.score, r.round])).toEqual([
        [w.raterId, w.targetId, "a", w.a, 1],
        [w.raterId, w.targetId, "b", w.b, 1],
      ]);
    }
    const stats = pgWriteStats();
    expect(stats.writes - before.writes).toBe(all.length);
    // Grouped: far fewer statements than writes (the repeats alone need three).
    expect(stats.batches - before.batches).toBeGreaterThanOrEqual(3);
    expect(stats.batches - before.batches).toBeLessThan(all.length / 4);
    // The repeats were written in order: increasing event ids, and the last score stored.
    const repeatIds = answers.slice(40, 43).map((rows) => rows[0]!.id);
    expect([...repeatIds].sort((x, y) => x - y)).toEqual(repeatIds);
    const pool = getPgPool(process.env.DATABASE_URL!);
    const stored = await pool.query(`SELECT "dimension", "score" FROM "Rating" WHERE "sessionId" = $1 AND "raterId" = $2 AND "targetId" = $3 ORDER BY 1`, [sessionId, people[0], people[1]]);
    expect(stored.rows).toEqual([
      { dimension: "a", score: 4 },
      { dimension: "b", score: 4 },
    ]);
    const counts = await pool.query(`SELECT (SELECT count(*) FROM "Rating" WHERE "sessionId" = $1)::int AS latest, (SELECT count(*) FROM "RatingEvent" WHERE "sessionId" = $1)::int AS events`, [sessionId]);
    expect(counts.rows[0]).toEqual({ latest: writes.length * 2, events: all.length * 2 });
  });

  it("refuses every write of a batch that fails, and writes the next batch", async () => {
    const { writeRatingsPg } = await import("./ratings-pg");
    const good = () => writeRatingsPg({ sessionId, round: 2, raterId: people[2]!, targetId: people[3]!, scores: { a: 3 }, at: new Date() });
    // Two writes that gather behind a first one: the second batch rates a participant that does not exist.
    const first = good();
    const bad = writeRatingsPg({ sessionId, round: 2, raterId: people[2]!, targetId: "nobody", scores: { a: 3 }, at: new Date() });
    const sameBatch = writeRatingsPg({ sessionId, round: 2, raterId: people[4]!, targetId: people[3]!, scores: { a: 3 }, at: new Date() });
    await expect(first).resolves.toHaveLength(1);
    await expect(bad).rejects.toThrow();
    await expect(sameBatch).rejects.toThrow();
    await expect(good()).resolves.toHaveLength(1);
  });
});
