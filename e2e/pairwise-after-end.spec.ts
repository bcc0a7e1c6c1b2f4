// Pairwise data waits for the end, against the production build: while the
// session runs the ratings export answers 409 and the debrief's pairwise
// sections are locked placeholders; after `end` the export answers 200 with
// no rater column and no timestamps, and the database no longer links a
// rating to its rater.
import Database from "better-sqlite3";
import { FacilitatorApi, joinViaApi, rateViaApi, type ApiParticipant } from "./support/api";
import { assertTestDatabase } from "./support/database-guard";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";

const NAMES = ["Olga", "Pavel", "Raisa", "Semyon", "Tamara", "Ulyana"];
const PAIRWISE = ["reciprocity", "admiration", "halo", "leniency"] as const;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

test("the ratings export and the pairwise debrief open only once the session has ended", async ({ browser, facilitator }) => {
  test.setTimeout(60_000);
  const fac = await browser.newContext();
  await signInViaApi(fac, facilitator);
  const api = FacilitatorApi.of(fac);
  const { code } = await api.createSession({ title: "Pairwise after the end", dimensions: ["Talent", "Loyalty"], k: 3 });
  const people: ApiParticipant[] = [];
  for (const name of NAMES) people.push(await joinViaApi(code, name));

  await api.mustAct(code, "open-round");
  let ratings = 0;
  for (const [i, rater] of people.entries()) {
    for (const [j, target] of people.entries()) {
      if (i === j) continue;
      const response = await rateViaApi(code, rater, target.id, { talent: 1 + ((i + j) % 5), loyalty: 1 + ((i * j) % 5) });
      expect(response.status).toBe(200);
      ratings += 2;
    }
  }

  const expectLocked = async (when: string) => {
    for (const file of ["ratings.csv", "ratings.json"]) {
      const response = await fac.request.get(`/api/sessions/${code}/export/${file}`);
      expect(response.status(), `${file} ${when}`).toBe(409);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("conflict");
      expect(body.error.message).toMatch(/^The ratings export opens once the session has ended: [^.]+\.$/);
    }
    const debrief = (await (await fac.request.get(`/api/sessions/${code}/debrief`)).json()) as Record<string, unknown>;
    for (const section of PAIRWISE) expect(debrief[section], `${section} ${when}`).toEqual({ locked: true, message: expect.stringContaining("once the session has ended") });
    expect(JSON.stringify(debrief), when).not.toMatch(/"[NR]\d\d"/);
    const page = await fac.newPage();
    await page.goto(`/sessions/${code}/debrief`);
    for (const section of PAIRWISE) {
      const placeholder = page.getByTestId(`locked-${section}`);
      await expect(placeholder, `${section} placeholder ${when}`).toContainText("once the session has ended");
      await expect(placeholder.getByRole("heading", { level: 2 })).toContainText("locked until the end");
    }
    // The toolbar offers the ratings export only after the end (no link to a 409).
    await expect(page.getByTestId("export-ratings.csv")).toContainText("after the end");
    await expect(page.getByTestId("export-ratings.csv")).not.toHaveAttribute("href");
    await page.close();
  };

  // A round in progress, then a closed round: the session still runs.
  await expectLocked("while the round is open");
  await api.mustAct(code, "close-round");
  await expectLocked("between rounds");
  // Aggregate exports show closed rounds and no time.
  const scores = await fac.request.get(`/api/sessions/${code}/export/scores.csv`);
  expect(scores.status()).toBe(200);
  expect(await scores.text()).not.toMatch(ISO_TIME);

  await api.mustAct(code, "end");

  const csv = await fac.request.get(`/api/sessions/${code}/export/ratings.csv`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  const [header, ...rows] = text.trim().split("\r\n");
  expect(header).toBe("round,target,dimension,score");
  expect(rows).toHaveLength(ratings);
  expect(text).not.toMatch(ISO_TIME);
  expect(text).not.toMatch(/rater|\bR\d\d\b/);
  for (const p of people) expect(text).not.toContain(p.id);
  const json = (await (await fac.request.get(`/api/sessions/${code}/export/ratings.json`)).json()) as Record<string, unknown>[];
  expect(json).toHaveLength(ratings);
  expect(Object.keys(json[0]!)).toEqual(["round", "target", "dimension", "score"]);

  const debrief = (await (await fac.request.get(`/api/sessions/${code}/debrief`)).json()) as Record<string, { locked?: boolean }>;
  for (const section of PAIRWISE) expect(debrief[section]!.locked, section).toBe(false);
  const page = await fac.newPage();
  await page.goto(`/sessions/${code}/debrief`);
  for (const section of PAIRWISE) await expect(page.getByTestId(`locked-${section}`)).toHaveCount(0);
  await expect(page.getByTestId("export-ratings.csv")).toHaveAttribute("href", `/api/sessions/${code}/export/ratings.csv`);
  await page.close();

  // The database no longer links a rating, or its history, to the person who gave it.
  const db = new Database(assertTestDatabase(serverInfo().databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const sessionId = (db.prepare(`SELECT "id" FROM "Session" WHERE "code" = ?`).get(code) as { id: string }).id;
    const raters = db.prepare(`SELECT "raterId" FROM "Rating" WHERE "sessionId" = ? UNION SELECT "raterId" FROM "RatingEvent" WHERE "sessionId" = ?`).all(sessionId, sessionId) as { raterId: string }[];
    expect(raters.length).toBeGreaterThan(0);
    const ids = new Set(people.map((p) => p.id));
    expect(raters.filter((r) => ids.has(r.raterId))).toEqual([]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "DebriefSnapshot" WHERE "sessionId" = ?`).get(sessionId)).toEqual({ n: 1 });
  } finally {
    db.close();
  }
  await fac.close();
});
