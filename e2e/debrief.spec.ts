// The post-session debrief on a session with deliberately structured ratings:
// a clique of three, a reciprocal pair, a revenge drop, a self-rating blind
// spot. Then the facilitator's statistics (API and page), names only where
// revealed, the participant's private report, exports, the reflection with a
// spotlight on the projector, archive, and delete down to the database rows.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { Locator } from "@playwright/test";
import { FacilitatorApi, getJson, joinViaApi, rateViaApi, sendJson, type ApiParticipant } from "./support/api";
import { assertTestDatabase } from "./support/database-guard";
import { createFacilitator, expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import type { Debrief } from "../lib/debrief/build";
import { assignPseudonyms } from "../lib/debrief/pseudonyms";
import type { ParticipantReport } from "../lib/debrief/report";
import { LIKERT, REFLECTION_ITEMS } from "../lib/domain/reflection";

// Pseudonyms come from a keyed hash under the session's secret (not join order); the test reads the secret
// from the database while the session runs and derives them the same way (the end replaces the secret).
const NAMES = ["Alvar", "Brigida", "Casimir", "Dagny", "Eitan", "Fenna", "Gunnar", "Hedda", "Ingmar"] as const;
type Name = (typeof NAMES)[number];
const PSEUDONYMS = new Map<Name, { pseudonym: string; networkPseudonym: string; raterPseudonym: string }>();
const pseudonym = (name: Name) => PSEUDONYMS.get(name)!.pseudonym;
const networkPseudonym = (name: Name) => PSEUDONYMS.get(name)!.networkPseudonym;
const raterPseudonym = (name: Name) => PSEUDONYMS.get(name)!.raterPseudonym;
const DIMS = ["talent", "potential", "creativity"] as const;
const CLIQUE: readonly Name[] = ["Alvar", "Brigida", "Casimir"];
// What everyone outside the clique and the pair gives a colleague, per round.
const MERIT: Record<1 | 2, Record<Name, number>> = {
  1: { Alvar: 3, Brigida: 3, Casimir: 3, Dagny: 3, Eitan: 3, Fenna: 4, Gunnar: 3, Hedda: 2, Ingmar: 2 },
  2: { Alvar: 2, Brigida: 2, Casimir: 2, Dagny: 3, Eitan: 3, Fenna: 3, Gunnar: 4, Hedda: 2, Ingmar: 4 },
};

interface Step {
  round: 1 | 2;
  rater: Name;
  target: Name;
  scores: Record<string, number>;
}

function sheetScore(round: 1 | 2, rater: Name, target: Name): number {
  if (CLIQUE.includes(rater)) return CLIQUE.includes(target) ? 5 : 1; // the clique: 5 to each other, 1 to everyone else
  if ((rater === "Dagny" && target === "Eitan") || (rater === "Eitan" && target === "Dagny")) return 5; // the reciprocal pair
  if (round === 2 && rater === "Gunnar" && target === "Fenna") return 1; // the provocation
  if (round === 2 && rater === "Ingmar" && target === "Dagny") return 4; // lowered later without provocation
  return MERIT[round][target];
}

/** Everyone rates everyone on every dimension; only Dagny and Eitan rate Hedda's creativity (5: below k, must stay hidden). */
function sheets(round: 1 | 2): Step[] {
  const steps: Step[] = [];
  for (const rater of NAMES) {
    for (const target of NAMES) {
      if (rater === target) continue;
      const dims = target === "Hedda" && rater !== "Dagny" && rater !== "Eitan" ? DIMS.filter((d) => d !== "creativity") : DIMS;
      const score = sheetScore(round, rater, target);
      steps.push({ round, rater, target, scores: Object.fromEntries(dims.map((d) => [d, target === "Hedda" && d === "creativity" ? 5 : score])) });
    }
  }
  return steps;
}

// After Gunnar gave her 1s, Fenna lowers Gunnar's talent from 4 to 2 (revenge); Ingmar lowers Dagny's from 4 to 3 unprovoked.
const DROPS: Step[] = [
  { round: 2, rater: "Fenna", target: "Gunnar", scores: { talent: 2 } },
  { round: 2, rater: "Ingmar", target: "Dagny", scores: { talent: 3 } },
];

const REFLECTIONS: { who: Name; answers: number[]; text: string }[] = [
  { who: "Hedda", answers: [5, 2, 1, 5, 1], text: `The number on the wall became "me", nothing else.` },
  { who: "Alvar", answers: [4, 4, 2, 4, 2], text: "We looked after each other; it felt like a union." },
  { who: "Dagny", answers: [2, 1, 4, 3, 3], text: "" },
];

const RATINGS_HEADER = ["round", "target", "dimension", "score"];
const SCORES_HEADER = ["round", "participant", "score", "rank", "band", "rules"];
const REFLECTIONS_HEADER = [...REFLECTION_ITEMS.map((i) => i.key), "text"];

/** RFC 4180 CSV: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (c !== "\r") cell += c;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

/** As the debrief prints numbers: two decimals, a real minus sign. */
const fmt = (x: number | null) => (x === null ? "—" : `${x < 0 ? "−" : ""}${Math.abs(x).toFixed(2)}`);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A pairwise section of the debrief, open (the session has ended). */
function opened<T extends { locked: boolean }>(section: T): Exclude<T, { locked: true }> {
  expect(section.locked, "a pairwise section after the end").toBe(false);
  return section as Exclude<T, { locked: true }>;
}

async function expectNoNames(where: Locator | string, names: readonly string[], what: string) {
  const text = typeof where === "string" ? where : await where.evaluate((el) => el.outerHTML);
  for (const name of names) expect(text, `${what} must not contain ${name}`).not.toContain(name);
}

test("the debrief: statistics, page, names, participant report, exports, reflection, archive and delete", async ({ browser, facilitator }) => {
  test.setTimeout(180_000);
  const origin = serverInfo().baseURL;
  const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(fac, facilitator);
  const api = FacilitatorApi.of(fac);
  const facSend = async (method: "POST" | "DELETE", path: string, data?: unknown) => {
    const response = await fac.request.fetch(path, { method, data, headers: { Origin: origin } });
    expect(response.status(), await response.text()).toBe(200);
    return response;
  };
  const { code } = await api.createSession({ title: "Debrief rehearsal", dimensions: ["Talent", "Potential", "Creativity"], k: 3 });

  const people = {} as Record<Name, ApiParticipant>;
  for (const name of NAMES) people[name] = await joinViaApi(code, name);
  const ids = NAMES.map((n) => people[n].id);
  {
    const db = new Database(assertTestDatabase(serverInfo().databaseUrl), { readonly: true });
    const { pseudonymSecret } = db.prepare(`SELECT "pseudonymSecret" FROM "Session" WHERE code = ?`).get(code) as { pseudonymSecret: string };
    db.close();
    expect(pseudonymSecret).toMatch(/^[\w-]{40,}$/);
    for (const p of assignPseudonyms(pseudonymSecret, NAMES.map((name) => ({ id: people[name].id, name })))) PSEUDONYMS.set(p.name, p);
    // Not join order: with nine people, the odds of the identity order are 1 in 362,880.
    expect(NAMES.map(pseudonym)).not.toEqual(NAMES.map((_, i) => `P0${i + 1}`));
  }
  const hedda = people.Hedda;

  // Hedda takes part on a real phone (the identity cookie her join set).
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phoneContext.addCookies([{ name: `stk_p_${code}`, value: hedda.token, url: origin }]);
  const phone = await phoneContext.newPage();
  // The card loads her earlier self-rating on mount and that answer replaces the card's state: tap only once it is in.
  const selfRatingLoaded = phone.waitForResponse((r) => r.url().endsWith(`/api/sessions/${code}/self-rating`) && r.request().method() === "GET");
  await phone.goto(`/s/${code}`);
  await expect(phone.getByTestId("my-name")).toHaveText("Hedda");
  await selfRatingLoaded;

  // Lobby: she rates herself on the phone, privately: Talent 5 (others will disagree), Potential 2.
  await phone.getByRole("button", { name: /Rate yourself \(optional, private\)/ }).click();
  await phone.getByRole("group", { name: "Talent for yourself" }).getByRole("radio", { name: "5 of 5" }).check({ force: true });
  await phone.getByRole("group", { name: "Potential for yourself" }).getByRole("radio", { name: "2 of 5" }).check({ force: true });
  await expect(phone.getByTestId("self-rating")).toContainText("2/3");
  await expect.poll(async () => (await getJson(`/api/sessions/${code}/self-rating`, hedda.token)).body).toEqual({ scores: { talent: 5, potential: 2 } });

  // Two rounds of structured ratings; the history keeps every change.
  const latest = new Map<string, number>();
  let events = 0;
  const play = async (steps: Step[]) => {
    for (const s of steps) {
      const response = await rateViaApi(code, people[s.rater], people[s.target].id, s.scores);
      expect(response.status, `${s.rater} → ${s.target}: ${await response.clone().text()}`).toBe(200);
      for (const [d, v] of Object.entries(s.scores)) latest.set(`${s.round}|${s.rater}|${s.target}|${d}`, v);
      events += Object.keys(s.scores).length;
    }
  };
  await api.mustAct(code, "open-round");
  await play(sheets(1));
  await api.mustAct(code, "close-round");
  await api.mustAct(code, "open-round");
  await expect(phone.getByTestId("self-rating")).toHaveCount(0); // self-rating is part of round 1 only
  expect((await sendJson("PUT", `/api/sessions/${code}/self-rating`, { scores: { talent: 1 } }, hedda.token)).status).toBe(403);
  await play(sheets(2));

  // ── While the session runs ─────────────────────────────────────────────
  // The pairwise sections are locked placeholders, the ratings export answers 409, the rest shows closed rounds only.
  {
    const running = (await (await fac.request.get(`/api/sessions/${code}/debrief`)).json()) as Debrief;
    for (const section of [running.reciprocity, running.admiration, running.halo, running.leniency]) {
      expect(section).toEqual({ locked: true, message: expect.stringMatching(/once the session has ended/) });
    }
    expect(running.distribution.map((d) => d.round), "closed rounds only").toEqual([1]);
    expect(running.churn).toEqual([]);
    expect(JSON.stringify(running)).not.toMatch(/"[NR]\d\d"/);
    for (const file of ["ratings.csv", "ratings.json"]) {
      const refused = await fac.request.get(`/api/sessions/${code}/export/${file}`);
      expect(refused.status(), file).toBe(409);
      expect(await refused.json()).toEqual({ error: { code: "conflict", message: expect.stringMatching(/^The ratings export opens once the session has ended: .+\.$/) } });
    }
    const scoresNow = parseCsv(await (await fac.request.get(`/api/sessions/${code}/export/scores.csv`)).text());
    expect(new Set(scoresNow.slice(1).map((row) => row[0])), "scores of closed rounds only").toEqual(new Set(["1"]));
    const runningPage = await fac.newPage();
    await runningPage.goto(`/sessions/${code}/debrief`);
    for (const id of ["reciprocity", "admiration", "halo", "leniency"]) {
      await expect(runningPage.getByTestId(`locked-${id}`)).toContainText("once the session has ended");
    }
    await expect(runningPage.getByRole("heading", { level: 2, name: /Reciprocity/ })).toContainText("locked until the end");
    await expect(runningPage.getByTestId("distribution-round")).toHaveCount(1);
    await runningPage.close();
  }

  await new Promise((r) => setTimeout(r, 20)); // the drops come strictly after the provocation
  await play(DROPS);
  await api.mustAct(code, "close-round");
  await api.mustAct(code, "end");

  // Reflection: closed until the facilitator opens it; then the phone gets a Reflect tab, live.
  const answersOf = (r: (typeof REFLECTIONS)[number]) => Object.fromEntries(REFLECTION_ITEMS.map((item, i) => [item.key, r.answers[i]!]));
  expect((await sendJson("PUT", `/api/sessions/${code}/reflection/mine`, { answers: answersOf(REFLECTIONS[1]!), text: "" }, people.Alvar.token)).status).toBe(403);
  await facSend("POST", `/api/sessions/${code}/reflection`, { open: true });
  await phone.getByRole("tab", { name: "Reflect" }).click();
  const mine = REFLECTIONS[0]!;
  for (const [i, item] of REFLECTION_ITEMS.entries()) {
    const answer = mine.answers[i]!;
    await phone
      .getByRole("group", { name: item.label })
      .getByRole("radio", { name: new RegExp(`^${answer}\\s*${LIKERT[answer - 1]}$`) })
      .check({ force: true });
  }
  await phone.getByLabel(/Anything else\?/).fill(mine.text);
  await phone.getByRole("button", { name: "Send my answers" }).click();
  await expect(phone.getByText("Thank you. Your answers are saved")).toBeVisible();
  for (const r of REFLECTIONS.slice(1)) {
    const saved = await sendJson("PUT", `/api/sessions/${code}/reflection/mine`, { answers: answersOf(r), text: r.text }, people[r.who].token);
    expect(saved.status, saved.text).toBe(200);
  }

  // ── The debrief API ────────────────────────────────────────────────────
  const debriefResponse = await fac.request.get(`/api/sessions/${code}/debrief`);
  expect(debriefResponse.status(), await debriefResponse.text()).toBe(200);
  const debrief = (await debriefResponse.json()) as Debrief;
  const plainText = JSON.stringify(debrief);
  await expectNoNames(plainText, NAMES, "the debrief without reveal");
  await expectNoNames(plainText, ids, "the debrief");
  expect(debrief.revealed).toEqual([]);
  expect(debrief.session).toMatchObject({ participants: 9, rounds: 2, k: 3, archived: false });

  expect(debrief.distribution.map((d) => d.round)).toEqual([1, 2]);
  for (const d of debrief.distribution) {
    expect(d.scored).toBe(9);
    expect(d.gini).not.toBeNull();
    expect(d.gini!).toBeGreaterThanOrEqual(0);
    expect(d.gini!).toBeLessThanOrEqual(1);
  }
  // Round 1: the clique tops the board (3.50 each); round 2: Ingmar 2.88, Gunnar 2.79, the clique 2.75.
  expect(debrief.churn).toHaveLength(1);
  const churn = debrief.churn[0]!;
  expect(churn).toMatchObject({ from: 1, to: 2 });
  expect(typeof churn.spearman).toBe("number");
  expect(Math.abs(churn.spearman!)).toBeLessThanOrEqual(1);
  expect(churn.spearman!).toBeLessThan(0.9); // the board reshuffled
  expect(churn.risers[0]).toEqual({ who: pseudonym("Ingmar"), from: 8, to: 1, delta: 7 });
  expect(churn.fallers[0]).toEqual({ who: pseudonym("Fenna"), from: 4, to: 8, delta: -4 });

  const reciprocity = opened(debrief.reciprocity);
  expect(reciprocity.pairs).toBe(36); // everyone rated everyone: 9 × 8 / 2
  expect(reciprocity.correlation!).toBeGreaterThan(0);
  expect(reciprocity.revenge).toEqual({ drops: 2, revengeDrops: 1, share: 0.5 });

  // The network names people in its own namespace (N01…): not the P01… of the scores, ranks and tribunal.
  const admiration = opened(debrief.admiration);
  const clique = [networkPseudonym("Alvar"), networkPseudonym("Brigida"), networkPseudonym("Casimir")].sort();
  expect(admiration.cliques).toHaveLength(1);
  expect([...admiration.cliques[0]!.members].sort()).toEqual(clique);
  expect(admiration.cliques[0]).toMatchObject({ meanInside: 5, meanOutside: 1 });
  expect(admiration.pairs).toBe(4); // the three clique pairs and Dagny–Eitan
  expect(admiration.edges.map((e) => [e.a, e.b].sort().join("–"))).toContain([networkPseudonym("Dagny"), networkPseudonym("Eitan")].sort().join("–"));
  expect(JSON.stringify(admiration)).not.toMatch(/"P\d\d"/);

  // Each rater gives one overall impression: the dimensions move together.
  const halo = opened(debrief.halo);
  expect(halo.matrix).toHaveLength(3);
  expect(halo.meanOffDiagonal).not.toBeNull();
  expect(halo.meanOffDiagonal!).toBeGreaterThan(0.8);

  const meanGiven = (name: Name) => round2(mean([...latest].filter(([key]) => key.split("|")[1] === name).map(([, v]) => v)));
  // Raters appear in their own namespace (R01…).
  const leniency = opened(debrief.leniency);
  expect(leniency.raters.map((r) => r.who).sort()).toEqual(NAMES.map(raterPseudonym).sort());
  for (const name of NAMES) {
    const row = leniency.raters.find((r) => r.who === raterPseudonym(name))!;
    expect(row.meanGiven, name).toBe(meanGiven(name));
  }
  for (const name of CLIQUE) expect(leniency.raters.find((r) => r.who === raterPseudonym(name))!.kind).toBe("severe");

  expect(debrief.replay?.round).toBe(2);
  const replayRules = Object.fromEntries(debrief.replay!.rules.map((r) => [r.rule, r]));
  expect(Object.keys(replayRules)).toEqual(["Plain mean (k = 3)", "Nosedive weighting", "Plain mean, k = 2", "Plain mean, k = 5"]);
  for (const r of debrief.replay!.rules) {
    expect(Number.isInteger(r.rankChanges)).toBe(true);
    expect(r.rankChanges).toBeGreaterThanOrEqual(0);
    expect(r.rankChanges).toBeLessThanOrEqual(9);
  }
  expect(replayRules["Plain mean (k = 3)"]!.rankChanges).toBe(0); // the rule the round was played under
  expect(replayRules["Plain mean, k = 5"]!.rankChanges).toBe(0); // every counted dimension had 5+ raters
  expect(replayRules["Plain mean, k = 2"]!.rankChanges).toBeGreaterThan(0); // Hedda's hidden creativity (two 5s) would count

  expect(debrief.reflection.answered).toBe(3);
  expect(debrief.reflection.open).toBe(true);
  for (const [i, item] of debrief.reflection.items.entries()) {
    const values = REFLECTIONS.map((r) => r.answers[i]!);
    expect(item.count).toBe(3);
    expect(item.counts).toEqual([1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length));
    expect(item.mean).toBe(round2(mean(values)));
  }
  expect(debrief.reflection.texts.map((t) => t.text).sort()).toEqual([REFLECTIONS[0]!.text, REFLECTIONS[1]!.text].sort());

  // Names only where revealed, and only on churn; leniency (names with their averages would unlock the
  // ratings export) and unknown charts are ignored.
  const revealed = (await (await fac.request.get(`/api/sessions/${code}/debrief?reveal=churn,leniency,admiration`)).json()) as Debrief;
  expect(revealed.revealed).toEqual(["churn"]);
  expect(revealed.churn[0]!.risers[0]!.who).toBe("Ingmar");
  expect(opened(revealed.leniency).raters.map((r) => r.who).sort()).toEqual(NAMES.map(raterPseudonym).sort());
  await expectNoNames(JSON.stringify(revealed.admiration), NAMES, "the admiration network");
  await expectNoNames(JSON.stringify(revealed.reciprocity), NAMES, "reciprocity");
  // The ranking replay follows the churn chart's switch (the same ranks, every round).
  expect(revealed.ranking.at(-1)!.rows.map((r) => r.who).sort()).toEqual([...NAMES].sort());
  await expectNoNames(JSON.stringify({ ...revealed, churn: null, ranking: null }), NAMES, "the revealed debrief outside churn and the ranking replay");
  const onlyLeniency = (await (await fac.request.get(`/api/sessions/${code}/debrief?reveal=leniency`)).json()) as Debrief;
  expect(onlyLeniency.revealed).toEqual([]);
  expect(onlyLeniency.churn[0]!.risers[0]!.who).toBe(pseudonym("Ingmar"));

  // ── The debrief page ───────────────────────────────────────────────────
  const page = await fac.newPage();
  await page.goto(`/sessions/${code}/debrief`);
  for (const title of ["Inequality", "Rank churn", "Reciprocity", "Admiration network", "Halo effect", "Leniency", "Same ratings, other rules", "Reflection"]) {
    await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
  }
  const best = Math.max(...debrief.replay!.rules.map((r) => r.rankChanges));
  const headline: Record<string, string> = {
    gini: fmt(debrief.distribution[1]!.gini),
    churn: fmt(churn.spearman),
    reciprocity: fmt(reciprocity.correlation),
    revenge: "50%",
    cliques: "1",
    halo: fmt(halo.meanOffDiagonal),
    leniency: fmt(leniency.spread),
    replay: String(best),
    reflection: "3",
  };
  for (const [name, value] of Object.entries(headline)) await expect(page.getByTestId(`stat-${name}`), name).toHaveText(value);
  await expect(page.getByTestId("distribution-round")).toHaveCount(2);
  await expect(page.getByTestId("clique-list")).toContainText(clique.join(" · "));
  await expect(page.getByTestId("reflection-item")).toHaveCount(5);
  await expect(page.getByTestId("reflection-text")).toHaveCount(2);
  await expectNoNames(page.locator("main"), NAMES, "the debrief page without reveal");
  await page.screenshot({ path: "screenshots/projector-debrief.png", fullPage: true });

  // The toolbar reveals names on churn only.
  await expect(page.getByTestId("reveal-leniency")).toHaveCount(0);
  await page.getByTestId("reveal-churn").click();
  // A soft navigation that re-renders the whole debrief: several seconds on a loaded 2-core machine.
  await expect(page).toHaveURL(/\?reveal=churn$/, { timeout: 30_000 });
  await expect(page.locator("#churn")).toContainText("Ingmar");
  for (const section of ["distribution", "reciprocity", "admiration", "halo", "leniency", "replay", "reflection"]) {
    await expectNoNames(page.locator(`#${section}`), NAMES, `the ${section} section with names revealed`);
  }

  // Print to A4 (pseudonyms again).
  await page.goto(`/sessions/${code}/debrief`);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: "screenshots/debrief-report.pdf", format: "A4" });
  await page.emulateMedia({ media: "screen" });
  const pdf = fs.readFileSync("screenshots/debrief-report.pdf");
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(50_000);

  // Spotlight: the facilitator puts Hedda's words on the projector, without her name.
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`/s/${code}/screen`);
  await expect(projector.getByTestId("spotlight")).toHaveCount(0);
  const quote = page.getByTestId("reflection-text").filter({ hasText: "The number on the wall" });
  await quote.getByTestId("spotlight-show").click();
  await expect(quote.getByTestId("spotlight-on")).toBeVisible();
  await expect(projector.getByTestId("spotlight")).toContainText(mine.text);
  await expectNoNames(projector.getByTestId("spotlight"), NAMES, "the spotlight");
  expect(((await (await fac.request.get(`/api/sessions/${code}/debrief`)).json()) as Debrief).reflection.spotlight).toBe(
    debrief.reflection.texts.find((t) => t.text === mine.text)!.handle,
  );
  await page.getByTestId("spotlight-clear-all").click();
  await expect(projector.getByTestId("spotlight")).toHaveCount(0);
  await expect(projector.getByTestId("board-row").first()).toBeVisible();

  // Another facilitator and a participant get neither the debrief nor the exports.
  const intruder = await browser.newContext();
  await signInViaApi(intruder, await createFacilitator(intruder.request, "Intruder"));
  expect((await intruder.request.get(`/api/sessions/${code}/debrief`)).status()).toBe(403);
  expect((await intruder.request.get(`/api/sessions/${code}/export/ratings.csv`)).status()).toBe(403);
  expect((await (await intruder.newPage()).goto(`/sessions/${code}/debrief`))?.status()).toBe(404);
  expect((await getJson(`/api/sessions/${code}/debrief`, hedda.token)).status).toBe(401);
  expect((await getJson(`/api/sessions/${code}/export/ratings.json`, hedda.token)).status).toBe(401);

  // ── Exports, as the signed-in facilitator ──────────────────────────────
  const download = async (file: string) => {
    const response = await fac.request.get(`/api/sessions/${code}/export/${file}`);
    expect(response.status(), file).toBe(200);
    expect(response.headers()["content-disposition"]).toContain(`attachment; filename="stakhanov-${code}-${file}"`);
    const text = await response.text();
    await expectNoNames(text, NAMES, file);
    await expectNoNames(text, ids, file);
    return text;
  };
  const exported: Record<string, { rows: string[][]; json: Record<string, unknown>[] }> = {};
  for (const [kind, header] of [["ratings", RATINGS_HEADER], ["scores", SCORES_HEADER], ["reflections", REFLECTIONS_HEADER]] as const) {
    const [csvHeader, ...rows] = parseCsv(await download(`${kind}.csv`));
    const json = JSON.parse(await download(`${kind}.json`)) as Record<string, unknown>[];
    expect(csvHeader, kind).toEqual(header);
    expect(rows.length, kind).toBe(json.length);
    // Every CSV cell is the JSON value as text (null = empty).
    rows.forEach((row, i) => expect(row, `${kind} row ${i}`).toEqual(header.map((c) => (json[i]![c] === null ? "" : String(json[i]![c])))));
    exported[kind] = { rows, json };
  }
  // One row per rating (the latest score of each rater, colleague, dimension and round): no rater, no time.
  expect(exported.ratings!.rows).toHaveLength(latest.size);
  const pseudonyms = new Set(NAMES.map(pseudonym));
  for (const [round, target, dimension, score] of exported.ratings!.rows) {
    expect(["1", "2"]).toContain(round);
    expect(pseudonyms.has(target!)).toBe(true);
    expect(DIMS).toContain(dimension);
    expect(Number(score)).toBeGreaterThanOrEqual(1);
  }
  for (const kind of ["ratings", "scores", "reflections"]) expect(exported[kind]!.rows.flat().join(), kind).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  // The received scores per person are all there (sorted by round, person, dimension, score).
  const sheet = (round: number, name: Name) => [...latest].filter(([key]) => key.startsWith(`${round}|`) && key.split("|")[2] === name).map(([key, v]) => `${key.split("|")[3]}:${v}`).sort();
  for (const name of NAMES) {
    const rows = exported.ratings!.rows.filter(([round, target]) => round === "2" && target === pseudonym(name)).map(([, , d, v]) => `${d}:${v}`).sort();
    expect(rows, name).toEqual(sheet(2, name));
  }
  expect(exported.scores!.rows).toHaveLength(18); // 2 rounds × 9 people
  expect(exported.scores!.json).toContainEqual({ round: 1, participant: pseudonym("Hedda"), score: 1.63, rank: 8, band: null, rules: "Plain 360°" });
  expect(exported.reflections!.rows).toHaveLength(3);
  expect(exported.reflections!.rows.map((r) => r.at(-1)).sort()).toEqual(REFLECTIONS.map((r) => r.text).sort());

  // ── Hedda's private report ─────────────────────────────────────────────
  const reportApi = await getJson(`/api/sessions/${code}/report`, hedda.token);
  expect(reportApi.status, reportApi.text).toBe(200);
  const others = NAMES.filter((n) => n !== "Hedda");
  await expectNoNames(reportApi.text, others, "Hedda's report");
  await expectNoNames(reportApi.text, ids, "Hedda's report"); // her own id is not in it either
  const report = reportApi.body as ParticipantReport;
  expect(report.participant.displayName).toBe("Hedda");
  // Each round: the clique gives her 1, five others 2 → talent = potential = 13 / 8; creativity has 2 raters < k.
  expect(report.trajectory).toMatchObject([
    { round: 1, score: 1.63, rank: 8, ranked: 9 },
    { round: 2, score: 1.63, rank: 9, ranked: 9 },
  ]);
  expect(report.dimensions).toEqual([
    { key: "talent", label: "Talent", others: 1.63, self: 5, enough: true },
    { key: "potential", label: "Potential", others: 1.63, self: 2, enough: true },
    { key: "creativity", label: "Creativity", others: null, self: null, enough: false },
  ]);
  expect(report.blindSpots).toEqual([{ dimension: "talent", label: "Talent", self: 5, others: 1.63, kind: "blind-spot" }]);
  // How she rated was forgotten with the link between ratings and raters when the session ended.
  expect(report.behaviour).toBeNull();
  expect(report.behaviourForgotten).toBe(true);

  await phone.getByRole("tab", { name: "My score" }).click();
  await phone.getByTestId("report-link").click();
  await expect(phone).toHaveURL(new RegExp(`/s/${code}/report$`));
  const rows = phone.getByTestId("report-trajectory").getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Round 1");
  await expect(rows.nth(0)).toContainText("1.63");
  await expect(rows.nth(0)).toContainText("Rank #8 of 9");
  await expect(rows.nth(1)).toContainText("Rank #9 of 9");
  const dimensions = phone.getByTestId("report-dimensions");
  await expect(dimensions.getByRole("row", { name: /Talent/ })).toContainText("1.63");
  await expect(dimensions.getByRole("row", { name: /Creativity/ })).toContainText("not enough ratings");
  await expect(phone.getByTestId("report-blind-spots")).toContainText("Blind spot: Talent.");
  await expect(phone.getByTestId("report-blind-spots")).toContainText("You gave yourself 5; others gave you 1.63 on average.");
  await expect(phone.getByTestId("report-behaviour-forgotten")).toContainText("Forgotten");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Hedda");
  await expectNoNames(phone.locator("body"), others, "Hedda's report page");
  await phone.screenshot({ path: "screenshots/phone-report.png", fullPage: true });

  // ── Archive closes the reports ─────────────────────────────────────────
  await facSend("POST", `/api/sessions/${code}/archive`, { archived: true });
  expect((await getJson(`/api/sessions/${code}/report`, hedda.token)).status).toBe(403);
  await phone.reload();
  await expect(phone.getByText("This session has been archived; personal reports are closed.")).toBeVisible();
  await expect(phone.getByTestId("report-trajectory")).toHaveCount(0);

  // ── Delete removes everything ──────────────────────────────────────────
  const db = new Database(assertTestDatabase(serverInfo().databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const sessionId = (db.prepare(`SELECT "id" FROM "Session" WHERE "code" = ?`).get(code) as { id: string }).id;
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "sessionId" = ?`).get(sessionId) as { n: number }).n;
    const before = { Participant: 9, Round: 2, Rating: latest.size, RatingEvent: events, Reflection: 3, SelfRating: 2, DebriefSnapshot: 1 };
    for (const [table, n] of Object.entries(before)) expect(count(table), `${table} before delete`).toBe(n);
    // The end cut every rating from its rater: no rater column holds a participant id any more.
    const raterIds = db.prepare(`SELECT "raterId" FROM "Rating" WHERE "sessionId" = ? UNION SELECT "raterId" FROM "RatingEvent" WHERE "sessionId" = ?`).all(sessionId, sessionId) as { raterId: string }[];
    expect(raterIds.length).toBeGreaterThan(0);
    expect(raterIds.filter((r) => ids.includes(r.raterId))).toEqual([]);

    const deleted = await facSend("DELETE", `/api/sessions/${code}`);
    expect(await deleted.json()).toEqual({ deleted: code });

    for (const table of Object.keys(before)) expect(count(table), `${table} after delete`).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "Session" WHERE "id" = ?`).get(sessionId)).toEqual({ n: 0 });
    const placeholders = ids.map(() => "?").join(",");
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "Participant" WHERE "id" IN (${placeholders})`).get(...ids)).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  expect((await getJson(`/api/sessions/${code}`)).status).toBe(404);
  expect((await getJson(`/api/sessions/${code}/me`, hedda.token)).status).toBe(404);
  expect((await getJson(`/api/sessions/${code}/report`, hedda.token)).status).toBe(404);
  expect((await fac.request.get(`/api/sessions/${code}/debrief`)).status()).toBe(404);
  expect((await fac.request.get(`/api/sessions/${code}/export/ratings.csv`)).status()).toBe(404);
  expect((await phone.goto(`/s/${code}`))?.status()).toBe(404);
  expect((await phone.goto(`/s/${code}/report`))?.status()).toBe(404);

  for (const c of browser.contexts()) await c.close();
});
