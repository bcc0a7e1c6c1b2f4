// Group commit of ratings against a real temporary SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-ratings-"));
process.env.DATABASE_URL = `file:${path.join(dir, "ratings.db")}`;
process.env.DATA_DIR = dir;
// These tests are of the writer thread (the default; RATING_WRITER=inline is the other, docs/decisions/0023).
process.env.RATING_WRITER = "thread";

let sessionId = "";
const people: string[] = [];

beforeAll(async () => {
  const { getDb } = await import("./client");
  const db = getDb();
  const facilitator = await db.facilitator.create({ data: { email: "r@test", name: "R", passwordHash: "x" } });
  const session = await db.session.create({ data: { code: "RATE22", title: "t", facilitatorId: facilitator.id, dimensions: "[]" } });
  sessionId = session.id;
  for (let i = 0; i < 6; i++) {
    const p = await db.participant.create({ data: { sessionId, displayName: `P${i}`, nameKey: `p${i}`, tokenHash: `t${i}`, rejoinHash: `r${i}` } });
    people.push(p.id);
  }
});

afterAll(async () => {
  const { disconnectDb } = await import("./client");
  await disconnectDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = async (table: "Rating" | "RatingEvent") => {
  const { getSqlite } = await import("./sqlite");
  return (getSqlite().prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "sessionId" = ?`).get(sessionId) as { n: number }).n;
};

describe("writeRatingsGrouped", () => {
  it("stores every rating of one event-loop turn in one transaction and acknowledges them only after it", async () => {
    const { writeRatingsGrouped } = await import("./ratings");
    const writes: Promise<void>[] = [];
    for (const rater of people) {
      for (const target of people) {
        if (rater !== target) writes.push(writeRatingsGrouped({ sessionId, round: 1, raterId: rater, targetId: target, scores: { a: 3, b: 4 }, at: new Date() }));
      }
    }
    // Nothing is written (and nothing acknowledged) before the batch runs.
    expect(await Promise.race([writes[0]!.then(() => "acked"), Promise.resolve("pending")])).toBe("pending");
    await Promise.all(writes);
    expect(await count("Rating")).toBe(30 * 2);
    expect(await count("RatingEvent")).toBe(30 * 2);
  });

  it("keeps arrival order inside a batch: the latest score wins", async () => {
    const { writeRatingsGrouped, loadRoundRatings } = await import("./ratings");
    const [a, b] = [people[0]!, people[1]!];
    await Promise.all([1, 2, 5, 4].map((score) => writeRatingsGrouped({ sessionId, round: 2, raterId: a, targetId: b, scores: { a: score }, at: new Date() })));
    expect(loadRoundRatings(sessionId, 2)).toEqual([{ raterId: a, targetId: b, dimension: "a", score: 4 }]);
  });

  it("rejects every write of a failed batch and stores none of it", async () => {
    const { writeRatingsGrouped } = await import("./ratings");
    const before = await count("RatingEvent");
    const good = writeRatingsGrouped({ sessionId, round: 3, raterId: people[0]!, targetId: people[1]!, scores: { a: 5 }, at: new Date() });
    // A colleague who does not exist breaks the foreign key: the whole transaction rolls back. (Raters have no
    // foreign key: the end of the session replaces them with unlinkable stand-ins, lib/db/forget.ts.)
    const bad = writeRatingsGrouped({ sessionId, round: 3, raterId: people[2]!, targetId: "nobody", scores: { a: 1 }, at: new Date() });
    const results = await Promise.allSettled([good, bad]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await count("RatingEvent")).toBe(before);
    // The next batch is unaffected.
    await writeRatingsGrouped({ sessionId, round: 3, raterId: people[0]!, targetId: people[1]!, scores: { a: 5 }, at: new Date() });
    expect(await count("RatingEvent")).toBe(before + 1);
  });

  it("keeps arrival order across batches: one batch commits on the writer thread while the next gathers", async () => {
    const { writeRatingsGrouped, loadRoundRatings } = await import("./ratings");
    const [a, b] = [people[3]!, people[4]!];
    const first = writeRatingsGrouped({ sessionId, round: 4, raterId: a, targetId: b, scores: { a: 1 }, at: new Date() });
    await new Promise((r) => setImmediate(r)); // the first batch is with the writer now
    const later = [2, 3, 5].map((score) => writeRatingsGrouped({ sessionId, round: 4, raterId: a, targetId: b, scores: { a: score }, at: new Date() }));
    await Promise.all([first, ...later]);
    expect(loadRoundRatings(sessionId, 4)).toEqual([{ raterId: a, targetId: b, dimension: "a", score: 5 }]);
  });

  it("ratingWritesSettled waits for what is queued and in flight", async () => {
    const { writeRatingsGrouped, ratingWritesSettled } = await import("./ratings");
    const before = await count("RatingEvent");
    void writeRatingsGrouped({ sessionId, round: 5, raterId: people[0]!, targetId: people[5]!, scores: { a: 2, b: 3 }, at: new Date() });
    await ratingWritesSettled();
    expect(await count("RatingEvent")).toBe(before + 2);
    await ratingWritesSettled(); // nothing queued: at once
  });

  it("a writer thread that stops refuses what it had not answered, and the next write starts a new one", async () => {
    const { writeRatingsGrouped } = await import("./ratings");
    const { ratingWriter } = await import("./rating-writer");
    const before = await count("RatingEvent");
    const writer = ratingWriter();
    // A batch big enough to still be committing when the thread is stopped.
    const rows = Array.from({ length: 20_000 }, (_, i) => [sessionId, 7, people[1]!, people[2]!, `t${i}`, [["a", 4]]] as [string, number, string, string, string, [string, number][]]);
    const lost = writer.write(rows);
    await writer.terminate();
    await expect(lost).rejects.toThrow(/rating writer thread stopped/);
    expect(await count("RatingEvent")).toBe(before); // rolled back with the thread
    await writeRatingsGrouped({ sessionId, round: 6, raterId: people[1]!, targetId: people[2]!, scores: { a: 4 }, at: new Date() });
    expect(ratingWriter()).not.toBe(writer);
    expect(await count("RatingEvent")).toBe(before + 1);
  });
});
