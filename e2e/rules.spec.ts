// The essay's rules live: the same ratings ranked plainly and under Nosedive
// weighting, the Stakhanovite norm, forced distribution bands and quota ballots,
// on the projector, the phones and through the API.
import type { Page } from "@playwright/test";
import { FacilitatorApi, getJson, joinViaApi, rateViaApi, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import { DEFAULT_NORM } from "../lib/domain/rules/norm";
import { DEFAULT_TIERS } from "../lib/domain/rules/nosedive";
import { DISTRIBUTION_PRESETS } from "../lib/domain/rules/forced-distribution";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

type Entry = { displayName: string; rank: number | null; score: number | null; band?: { name: string } | null; stakhanovite?: boolean; tier?: { name: string } };

// P is praised by the powerful, Q by the powerless: plainly Q (4.00) beats P (3.50).
const PATTERN: [string, string, number][] = [
  ["X", "Boss", 5], ["Y", "Boss", 5], ["P", "Boss", 5], ["Q", "Boss", 5],
  ["Boss", "X", 1], ["Y", "X", 1], ["Q", "X", 1], ["P", "X", 1],
  ["Boss", "Y", 1], ["X", "Y", 1], ["Q", "Y", 1], ["P", "Y", 1],
  ["Boss", "P", 5], ["X", "P", 2], ["Y", "P", 2], ["Q", "P", 5],
  ["Boss", "Q", 2], ["X", "Q", 5], ["Y", "Q", 5], ["P", "Q", 4],
];

test("forced distribution, Nosedive weighting, the norm and quota ballots, live", async ({ browser, facilitator }) => {
  test.setTimeout(150_000);
  const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(fac, facilitator);
  const api = FacilitatorApi.of(fac);
  const vitality = { preset: "vitality" as const, bands: DISTRIBUTION_PRESETS[0]!.bands };
  const created = await fac.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Rules in force",
      dimensions: ["Talent"],
      k: 3,
      agenda: [
        { title: "Plain", prompt: "", durationSeconds: null, rules: PLAIN_RULES },
        { title: "Nosedive", prompt: "", durationSeconds: null, rules: { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS }, norm: DEFAULT_NORM } },
        { title: "Vitality curve", prompt: "", durationSeconds: null, rules: { ...PLAIN_RULES, distribution: vitality, quotaBallots: { share: 0.2 } } },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;

  // Boss and Z use phones; the others join through the API.
  const phones: Record<string, Page> = {};
  for (const name of ["Boss", "Z"]) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`/s/${code}`);
    await page.getByLabel("Your display name").fill(name);
    await page.getByRole("button", { name: "Join the session" }).click();
    await expect(page.getByTestId("my-name")).toHaveText(name);
    phones[name] = page;
  }
  const others: Record<string, ApiParticipant> = {};
  for (const name of ["X", "Y", "P", "Q"]) others[name] = await joinViaApi(code, name);
  const list = (await getJson(`/api/sessions/${code}/participants`)).body as { id: string; displayName: string }[];
  const idOf = (name: string) => list.find((p) => p.displayName === name)!.id;
  const origin = serverInfo().baseURL;

  async function rate(rater: string, target: string, score: number) {
    if (phones[rater]) {
      return phones[rater]!.request.put(`/api/sessions/${code}/ratings/${idOf(target)}`, { data: { scores: { talent: score } }, headers: { Origin: origin } });
    }
    const r = await rateViaApi(code, others[rater]!, idOf(target), { talent: score });
    return { status: () => r.status, json: () => r.json() };
  }
  const board = async () => ((await fac.request.get(`/api/sessions/${code}/leaderboard`)).json()) as Promise<{ entries: Entry[]; rules: { labels: string[]; norm: { value: number } | null } }>;
  const byName = (entries: Entry[], name: string) => entries.find((e) => e.displayName === name)!;

  const projector = await fac.newPage();
  await projector.goto(`/s/${code}/screen`);

  // Round 1, plain 360°.
  await api.mustAct(code, "open-round");
  for (const [r, t, s] of PATTERN) expect((await rate(r, t, s)).status()).toBe(200);
  // Snapshots come on a 250 ms cadence: wait for one that includes every rating (the last one is about Q).
  await expect.poll(async () => { const e = (await board()).entries; return [byName(e, "P").score, byName(e, "Q").score]; }).toEqual([3.5, 4]);
  const plain = (await board()).entries;
  expect(byName(plain, "Q").score).toBe(4);
  expect(byName(plain, "Q").rank!).toBeLessThan(byName(plain, "P").rank!);
  await api.mustAct(code, "close-round");

  // Round 2: the same ratings under Nosedive weighting and the norm (round 1's median: Boss 5, Q 4, P 3.5, X 1, Y 1 → 3.5).
  await api.mustAct(code, "open-round");
  for (const [r, t, s] of PATTERN) expect((await rate(r, t, s)).status()).toBe(200);
  await expect.poll(async () => (await board()).entries.filter((e) => e.score !== null).length).toBe(5);
  // …and the snapshot that includes the last rating (P → Q), not just the first five scores.
  await expect.poll(async () => byName((await board()).entries, "P").rank! < byName((await board()).entries, "Q").rank!).toBe(true);
  const weighted = await board();
  expect(weighted.rules.labels).toEqual(["Nosedive weighting", "Stakhanovite norm"]);
  expect(weighted.rules.norm?.value).toBe(3.5);
  // Same ratings, different ranking: the powerful's favourite now beats the crowd's.
  expect(byName(weighted.entries, "P").rank!).toBeLessThan(byName(weighted.entries, "Q").rank!);
  expect(byName(weighted.entries, "Boss")).toMatchObject({ score: 5, stakhanovite: true, tier: { name: "Elite" } });
  await expect(projector.getByTestId("norm-line")).toContainText("3.50");
  await expect(projector.getByTestId("stakhanovite-badge").first()).toBeVisible();
  await projector.screenshot({ path: "screenshots/projector-rules-nosedive-norm.png" });
  const boss = phones.Boss!;
  await boss.getByRole("tab", { name: "My score" }).click();
  await expect(boss.getByTestId("my-tier")).toContainText("Elite");
  await expect(boss.getByTestId("my-norm")).toContainText("143% of the norm (3.50)");
  await expect(boss.getByTestId("my-norm")).toContainText("Stakhanovite");
  await boss.screenshot({ path: "screenshots/phone-rules-nosedive-norm.png", fullPage: true });
  await api.mustAct(code, "close-round");

  // Round 3: vitality curve 20/70/10 with quota ballots (5 colleagues → one five-star each).
  await api.mustAct(code, "open-round");
  for (const rater of ["X", "Y", "P", "Q", "Z"]) expect((await rate(rater, "Boss", 5)).status()).toBe(200);
  const refused = await rate("X", "Q", 5);
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Quota reached/);
  const plan: Record<string, number> = { Q: 4, P: 3, X: 3, Y: 2, Z: 1 };
  for (const rater of ["Boss", "X", "Y", "P", "Q", "Z"]) {
    for (const [target, score] of Object.entries(plan)) {
      if (target === rater) continue;
      expect((await rate(rater, target, rater === "Boss" && target === "Q" ? 5 : score)).status()).toBe(200);
    }
  }
  await expect.poll(async () => byName((await board()).entries, "Z").band?.name).toBe("Bottom 10%");
  await expect.poll(async () => byName((await board()).entries, "Y").band?.name).toBe("Vital 70%");
  const banded = (await board()).entries;
  expect(byName(banded, "Boss").band?.name).toBe("Top 20%");
  for (const name of ["Q", "P", "X", "Y"]) expect(byName(banded, name).band?.name).toBe("Vital 70%");

  // The phone UI shows the remaining quota and refuses a second five-star with the server's message.
  // Boss's ratings above came from another client: the phone shows them once it is opened again.
  await boss.reload();
  await boss.getByRole("tab", { name: "Rate" }).click();
  await boss.getByRole("button", { name: /^P\b/ }).click();
  await expect(boss.getByTestId("quota-left").first()).toHaveText("5★ left on Talent: 0 of 1");
  // click, not check: the refused star is reverted at once, which check() would report as "did not change".
  await boss.getByRole("group", { name: "Talent for P" }).getByRole("radio", { name: "5 of 5" }).click({ force: true });
  await expect(boss.getByRole("main").getByRole("alert")).toContainText("Quota reached");
  await expect(boss.getByRole("group", { name: "Talent for P" }).getByRole("radio", { name: "3 of 5" })).toBeChecked();
  await boss.screenshot({ path: "screenshots/phone-rules-quota.png" });

  const z = phones.Z!;
  await z.getByRole("tab", { name: "My score" }).click();
  await expect(z.getByTestId("my-band")).toContainText("You are in the Bottom 10%");
  await z.screenshot({ path: "screenshots/phone-rules-bottom-band.png", fullPage: true });
  await expect(projector.locator('[data-testid="board-row"][data-band="2"]')).toContainText("Z");
  await expect(projector.getByTestId("band-legend")).toContainText("Bottom 10%: 1");
  await projector.screenshot({ path: "screenshots/projector-rules-vitality.png" });

  // The control room explains the tie rule and shows the agenda.
  const control = await fac.newPage();
  await control.goto(`/sessions/${code}`);
  await expect(control.getByTestId("tie-rule")).toContainText("tie across a band boundary goes whole to the lower band");
  await expect(control.getByTestId("agenda-panel")).toContainText("Round 3: Vitality curve");
  await control.screenshot({ path: "screenshots/projector-control-room-rules.png", fullPage: true });
  for (const c of browser.contexts()) await c.close();
});

test("the agenda: presets, editing upcoming rounds only, and rounds opening with the agenda's rules and timer", async ({ browser, facilitator }) => {
  const fac = await browser.newContext();
  await signInViaApi(fac, facilitator);
  const origin = { Origin: serverInfo().baseURL };
  const created = await fac.request.post("/api/sessions", { headers: origin, data: { title: "Arc", preset: "nosedive-arc" } });
  expect(created.status()).toBe(201);
  const { code, agenda } = ((await created.json()) as { session: { code: string; agenda: { title: string }[] } }).session;
  expect(agenda.map((a) => a.title)).toEqual(["First impressions", "Everyone can see", "Nosedive", "The norm", "Vitality curve", "Rank and yank"]);

  const api = FacilitatorApi.of(fac);
  await api.mustAct(code, "open-round");
  const state = (await getJson(`/api/sessions/${code}`)).body as { round: { title: string; remainingMs: number; rules: string[] } };
  expect(state.round.title).toBe("First impressions");
  expect(state.round.remainingMs).toBeGreaterThan(230_000); // the agenda's 4-minute timer
  expect(state.round.rules).toEqual(["Plain 360°"]);

  // Editing replaces only rounds not yet opened.
  const put = await fac.request.put(`/api/sessions/${code}/agenda`, {
    headers: origin,
    data: { upcoming: [{ title: "Straight to the curve", prompt: "Go.", durationSeconds: null, rules: { ...PLAIN_RULES, distribution: { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands } } }] },
  });
  expect(put.status(), await put.text()).toBe(200);
  const after = (await put.json()) as { agenda: { title: string }[] };
  expect(after.agenda.map((a) => a.title)).toEqual(["First impressions", "Straight to the curve"]);
  const bad = await fac.request.put(`/api/sessions/${code}/agenda`, {
    headers: origin,
    data: { upcoming: [{ title: "Broken", prompt: "", durationSeconds: null, rules: { ...PLAIN_RULES, distribution: { preset: "custom", bands: [{ name: "A", percent: 60 }, { name: "B", percent: 30 }] } } }] },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toBe("Band percentages must add up to 100.");

  await api.mustAct(code, "close-round");
  await api.mustAct(code, "open-round", 0); // explicitly no timer
  const second = (await getJson(`/api/sessions/${code}`)).body as { round: { title: string; remainingMs: number | null; rules: string[] } };
  expect(second.round).toMatchObject({ title: "Straight to the curve", remainingMs: null, rules: ["Vitality curve 20/70/10"] });
  await fac.close();
});
