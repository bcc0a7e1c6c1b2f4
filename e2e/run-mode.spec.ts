// Issue 15, run mode: every screen live (roster, renames, removals, late joiners, the projector's
// counter), a saved star never disappears (throttled phone), no hydration error on a phone's page load.
import type { BrowserContext, Page } from "@playwright/test";
import { FacilitatorApi, joinViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { joinWithName, phone } from "./support/phone";
import { serverInfo } from "./support/server";

const colleagues = (page: Page) => page.locator('[data-testid="colleague"]');
const names = async (page: Page) => (await colleagues(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-colleague-name")))).sort();

async function rename(context: BrowserContext, code: string, id: string, displayName: string) {
  const response = await context.request.patch(`/api/sessions/${code}/participants/${id}`, {
    data: { displayName },
    headers: { Origin: serverInfo().baseURL },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("joins, renames, removals and late joiners reach every phone, the projector and the control room within a second", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const facContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const session = await fac.createSession({ title: "Live roster", dimensions: ["Talent", "Potential"], k: 2 });
  const code = session.code;
  const control = await facContext.newPage();
  await control.goto(`/sessions/${code}`);
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${code}/screen`);

  const [a, b] = [await phone(browser), await phone(browser)];
  await joinWithName(a.page, code, "Ana");
  await joinWithName(b.page, code, "Boris");
  const count = projector.getByTestId("participant-count");
  const within = { timeout: 1_500 };

  // The lobby: four more join by link; every screen shows them within a second or so.
  const others = [];
  for (const n of ["Chen", "Dmitri", "Elena", "Fyodor"]) others.push(await joinViaApi(code, n));
  await expect(a.page.getByTestId("rate-progress")).toHaveText("You have rated 0 of 5 colleagues", within);
  await expect(b.page.getByTestId("rate-progress")).toHaveText("You have rated 0 of 5 colleagues", within);
  expect(await names(a.page)).toEqual(["Boris", "Chen", "Dmitri", "Elena", "Fyodor"]);
  await expect(count).toHaveText(/^6\s*participants$/i, within);
  await expect(control.locator('[data-testid="control-participant"][data-participant-name="Fyodor"]')).toBeVisible(within);

  // A rename: the renamed phone, the other phones, the projector and the control room.
  const anaId = await a.page.evaluate(async (c) => ((await (await fetch(`/api/sessions/${c}/me`)).json()) as { participant: { id: string } }).participant.id, code);
  await rename(facContext, code, anaId, "Synergy Gecko");
  await expect(a.page.getByTestId("my-name")).toHaveText("Synergy Gecko", within);
  await expect(b.page.locator('[data-testid="colleague"][data-colleague-name="Synergy Gecko"]')).toBeVisible(within);
  await expect(control.locator('[data-testid="control-participant"][data-participant-name="Synergy Gecko"]')).toBeVisible(within);

  // A removal.
  await fac.remove(code, others[3]!.id);
  await expect(b.page.getByTestId("rate-progress")).toHaveText("You have rated 0 of 4 colleagues", within);
  await expect(count).toHaveText(/^5\s*participants$/i, within);

  // The round: a late joiner (joining reopened) appears on the others' phones and the projector.
  await fac.mustAct(code, "open-round");
  await fac.mustAct(code, "open-joining");
  await joinViaApi(code, "Galina");
  await expect(b.page.getByTestId("rate-progress")).toHaveText("You have rated 0 of 5 colleagues", within);
  await expect(b.page.locator('[data-testid="colleague"][data-colleague-name="Galina"]')).toBeVisible(within);
  await expect(count).toHaveText(/^6\s*participants$/i, within);
  await expect(control.locator('[data-testid="control-participant"][data-participant-name="Galina"]')).toBeVisible(within);
  // A rename during the round, too.
  await rename(facContext, code, others[0]!.id, "Chen Li");
  await expect(a.page.locator('[data-testid="colleague"][data-colleague-name="Chen Li"]')).toBeVisible(within);
  for (const c of [facContext, projectorContext, a.context, b.context]) await c.close();
});

test("a saved star never disappears on a throttled phone, whatever order the answers come back in", async ({ browser, facilitator }) => {
  test.setTimeout(90_000);
  const facContext = await browser.newContext();
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const dims = ["Potential", "Talent", "Creativity", "Innovation", "Passion", "Learning", "Growth"];
  const session = await fac.createSession({ title: "Crowded Wi-Fi", dimensions: dims, k: 2 });
  const code = session.code;
  await joinViaApi(code, "Boris");
  const slow = await phone(browser);
  await joinWithName(slow.page, code, "Ana");
  // Crowded workshop Wi-Fi: every API answer reaches the phone 300 ms after the server sent it, and the
  // reload of "what I gave" (asked when the round opens) 2 s after: it left the server before the taps.
  await slow.page.route("**/api/sessions/**", async (route) => {
    const url = route.request().url();
    if (url.includes("/events")) return route.continue();
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, /\/ratings$/.test(new URL(url).pathname) ? 2_000 : 300));
    await route.fulfill({ response });
  });
  const row = slow.page.locator('[data-testid="colleague"][data-colleague-name="Boris"]');
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Boris/ }).click();
  await fac.mustAct(code, "open-round");
  const star = (dim: string, score: number) => row.getByRole("group", { name: `${dim} for Boris` }).getByRole("radio", { name: `${score} of 5` });
  await expect(star("Potential", 4)).toBeEnabled();
  // Taps 250 ms apart, the first right as the round opens.
  for (const [i, dim] of dims.entries()) {
    await star(dim, (i % 5) + 1).check({ force: true });
    await slow.page.waitForTimeout(250);
  }
  await expect(row).toContainText("✓ rated");
  // Long after every answer (and the slow reload) is back, every star is still there and the server agrees.
  await slow.page.waitForTimeout(3_000);
  await expect(row).toContainText("✓ rated");
  for (const [i, dim] of dims.entries()) await expect(star(dim, (i % 5) + 1)).toBeChecked();
  const given = await slow.page.evaluate(async (c) => ((await (await fetch(`/api/sessions/${c}/ratings`)).json()) as { given: Record<string, Record<string, number>> }).given, code);
  expect(Object.keys(Object.values(given)[0] ?? {})).toHaveLength(7);
  await slow.context.close();
  await facContext.close();
});

test("a phone page loads without a hydration error during a timed round on a slow network", async ({ browser, facilitator }) => {
  const facContext = await browser.newContext();
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const session = await fac.createSession({ title: "Hydration", dimensions: ["Talent"], k: 2 });
  const code = session.code;
  const ana = await phone(browser);
  await joinWithName(ana.page, code, "Ana");
  await joinViaApi(code, "Boris");
  await fac.mustAct(code, "open-round", 300);
  const errors: string[] = [];
  ana.page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  ana.page.on("pageerror", (e) => errors.push(e.message));
  // Scripts arrive 1.2 s after the page: the clock has moved on between the server's render and hydration.
  await ana.page.route("**/_next/static/**/*.js", async (route) => {
    await new Promise((r) => setTimeout(r, 1_200));
    await route.continue();
  });
  for (let i = 0; i < 2; i++) {
    await ana.page.reload();
    await expect(ana.page.getByTestId("my-name")).toHaveText("Ana", { timeout: 15_000 });
    await ana.page.waitForLoadState("networkidle").catch(() => undefined);
    await ana.page.waitForTimeout(1_500);
  }
  expect(errors.filter((e) => /418|[Hh]ydrat/.test(e))).toEqual([]);
  await ana.context.close();
  await facContext.close();
});
