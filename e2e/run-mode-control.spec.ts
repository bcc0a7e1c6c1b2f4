// Issue 15, run mode: taps answer where you tapped (quota refusals on the card, offline taps queued and
// sent with an idempotency key), the facilitator's one primary button with shortcuts and warnings, and
// the way back for a lost phone identity.
import type { BrowserContext, Page } from "@playwright/test";
import { FacilitatorApi, joinViaApi, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { joinWithName, phone } from "./support/phone";
import { serverInfo } from "./support/server";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

async function createWithAgenda(context: BrowserContext, title: string, agenda: { title: string; rules: unknown }[], k = 2, dimensions = ["Talent"]) {
  const created = await context.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: { title, dimensions, k, agenda: agenda.map((a) => ({ ...a, prompt: "", durationSeconds: null })) },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { session: { code: string } }).session.code;
}

const star = (page: Page, colleague: string, score: number) =>
  page.locator(`[data-testid="colleague"][data-colleague-name="${colleague}"]`).getByRole("group", { name: `Talent for ${colleague}` }).getByRole("radio", { name: `${score} of 5` });

async function expand(page: Page, colleague: string) {
  const toggle = page.locator(`[data-testid="colleague"][data-colleague-name="${colleague}"]`).getByRole("button", { name: new RegExp(`^${colleague}`) });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

test("a refusal shows next to the tapped star; taps made offline wait, show, and are sent once on reconnect", async ({ browser, facilitator }) => {
  test.setTimeout(90_000);
  const facContext = await browser.newContext();
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const code = await createWithAgenda(facContext, "Taps", [{ title: "Curve", rules: { ...PLAIN_RULES, quotaBallots: { share: 0.2 } } }]);
  const ana = await phone(browser);
  await joinWithName(ana.page, code, "Ana");
  const people: Record<string, ApiParticipant> = {};
  for (const n of ["Boris", "Chen", "Dmitri", "Elena", "Fyodor"]) people[n] = await joinViaApi(code, n);
  await fac.mustAct(code, "open-round");

  // Quota: 5 colleagues → one five-star. The second is refused on Fyodor's card (the bottom of the list), in view.
  await expand(ana.page, "Boris");
  await star(ana.page, "Boris", 5).click({ force: true });
  await expect(star(ana.page, "Boris", 5)).toBeChecked();
  await expand(ana.page, "Fyodor");
  await star(ana.page, "Fyodor", 5).click({ force: true });
  const fyodorCard = ana.page.locator('[data-testid="colleague"][data-colleague-name="Fyodor"]');
  await expect(fyodorCard.getByRole("alert")).toContainText("Quota reached");
  await expect(fyodorCard.getByRole("alert")).toBeInViewport();
  await expect(star(ana.page, "Fyodor", 5)).not.toBeChecked();
  await ana.page.screenshot({ path: "screenshots/runmode-phone-card-error.png" });

  // Offline: the header says so, the taps stay, and they are counted as waiting.
  await ana.context.setOffline(true);
  await expect(ana.page.getByTestId("connection-state")).toContainText("offline");
  await expand(ana.page, "Chen");
  await star(ana.page, "Chen", 3).click({ force: true });
  await expand(ana.page, "Dmitri");
  await star(ana.page, "Dmitri", 2).click({ force: true });
  await star(ana.page, "Dmitri", 4).click({ force: true });
  await expect(ana.page.getByTestId("connection-state")).toContainText("2 waiting");
  await ana.page.waitForTimeout(1_000);
  await expect(star(ana.page, "Dmitri", 4)).toBeChecked();
  await expect(ana.page.locator('[data-testid="colleague"][data-colleague-name="Chen"]')).toContainText("✓ rated");
  await ana.page.screenshot({ path: "screenshots/runmode-phone-offline.png" });
  await ana.context.setOffline(false);
  await expect(ana.page.getByTestId("connection-state")).toContainText("live", { timeout: 15_000 });
  await expect(ana.page.getByTestId("connection-state")).not.toContainText(/waiting|sending/, { timeout: 10_000 });
  const given = await ana.page.evaluate(async (c) => ((await (await fetch(`/api/sessions/${c}/ratings`)).json()) as { given: Record<string, Record<string, number>> }).given, code);
  expect(given[people.Chen!.id]).toEqual({ talent: 3 });
  expect(given[people.Dmitri!.id]).toEqual({ talent: 4 });
  expect(given[people.Boris!.id]).toEqual({ talent: 5 });
  expect(given[people.Fyodor!.id]).toBeUndefined();

  // The key: a repeat of an old request (same key) is answered, not applied again over a newer rating.
  const put = (score: number, key: string) =>
    fetch(`${serverInfo().baseURL}/api/sessions/${code}/ratings/${people.Elena!.id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${people.Boris!.token}`, "Idempotency-Key": key },
      body: JSON.stringify({ scores: { talent: score } }),
    });
  expect((await put(1, "tap-1")).status).toBe(200);
  expect((await put(4, "tap-2")).status).toBe(200);
  const repeat = await put(1, "tap-1");
  expect(repeat.status).toBe(200);
  expect(((await repeat.json()) as { scores: { talent: number } }).scores.talent).toBe(1);
  const boris = await fetch(`${serverInfo().baseURL}/api/sessions/${code}/ratings`, { headers: { Authorization: `Bearer ${people.Boris!.token}` } });
  expect(((await boris.json()) as { given: Record<string, Record<string, number>> }).given[people.Elena!.id]).toEqual({ talent: 4 });
  await ana.context.close();
  await facContext.close();
});

test("the control room's primary button names the next step, with shortcuts, live data above the fold and a k warning", async ({ browser, facilitator }) => {
  test.setTimeout(90_000);
  const facContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(facContext, facilitator);
  const code = await createWithAgenda(facContext, "Run mode", [
    { title: "Warm-up", rules: PLAIN_RULES },
    { title: "Vitality curve", rules: PLAIN_RULES },
  ], 3);
  const control = await facContext.newPage();
  await control.goto(`/sessions/${code}`);
  const next = control.getByTestId("next-step");
  await expect(next).toHaveText("Open round 1 “Warm-up”");
  // k = 3 with three people: nobody can ever be scored; a fourth lifts the warning.
  for (const n of ["Ana", "Boris", "Chen"]) await joinViaApi(code, n);
  await expect(control.getByTestId("k-warning")).toContainText("k = 3 with 3 people");
  await joinViaApi(code, "Dmitri");
  await expect(control.getByTestId("k-warning")).toHaveCount(0);
  await control.screenshot({ path: "screenshots/runmode-control-lobby-1280.png" });

  await control.keyboard.press("n");
  await expect(next).toHaveText("Close round 1");
  // Live data above the fold at 1280×720: the people and the leaderboard.
  await expect(control.locator('[data-testid="control-participant"]').first()).toBeInViewport();
  await expect(control.getByTestId("control-board")).toBeInViewport();
  await expect(control.getByTestId("counter-ratings")).toBeVisible();
  await control.screenshot({ path: "screenshots/runmode-control-round-1280.png" });
  await control.keyboard.press("p");
  await expect(control.getByTestId("control-phase")).toContainText(/paused/i);
  await expect(control.getByRole("button", { name: "Resume" })).toBeEnabled();
  await control.keyboard.press("p");
  await expect(control.getByTestId("control-phase")).not.toContainText(/paused/i);
  await control.keyboard.press("n");
  await expect(next).toHaveText("Open round 2 “Vitality curve”");
  await next.click();
  await expect(next).toHaveText("Close round 2");
  await next.click();
  // After the last agenda round: the reflection, then the debrief (never "Open round 3").
  await expect(next).toHaveText("Open reflection");
  await expect(control.getByRole("button", { name: /Open round 3/ })).toHaveCount(0);
  // Typing in a field does not trigger a step.
  await control.getByLabel("Round timer").focus();
  await control.keyboard.press("n");
  await expect(next).toHaveText("Open reflection");
  await next.click();
  await expect(next).toHaveText("Open debrief");
  await next.click();
  await expect(control).toHaveURL(new RegExp(`/sessions/${code}/debrief`));
  await facContext.close();
});

test("the way back: a taken name offers “I was here before”, and the facilitator issues a fresh rejoin code, shown once", async ({ browser, facilitator }) => {
  test.setTimeout(90_000);
  const facContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const session = await fac.createSession({ title: "Lost phone", dimensions: ["Talent"], k: 2 });
  const code = session.code;
  const first = await phone(browser);
  await joinWithName(first.page, code, "Marta");
  const boris = await joinViaApi(code, "Boris");

  // The in-app browser: no cookie. Her own name is taken; the join screen offers the way back.
  const second = await phone(browser);
  await second.page.goto(`/s/${code}`);
  await second.page.getByLabel("Your display name").fill("Marta");
  await second.page.getByRole("button", { name: "Join the session" }).click();
  await expect(second.page.getByTestId("taken-name-help")).toBeVisible();
  await second.page.getByRole("button", { name: "I was here before" }).click();
  await expect(second.page.getByLabel("Your rejoin code")).toBeFocused();
  await second.page.screenshot({ path: "screenshots/runmode-phone-taken-name.png" });

  // Only the facilitator issues codes: a participant (Boris) and a visitor are refused.
  const martaId = (((await (await fetch(`${serverInfo().baseURL}/api/sessions/${code}/participants`)).json()) as { id: string; displayName: string }[]).find((p) => p.displayName === "Marta"))!.id;
  const asBoris = await fetch(`${serverInfo().baseURL}/api/sessions/${code}/participants/${martaId}/rejoin-code`, {
    method: "POST",
    headers: { Authorization: `Bearer ${boris.token}`, Origin: serverInfo().baseURL },
  });
  expect([401, 403]).toContain(asBoris.status);
  const asVisitor = await fetch(`${serverInfo().baseURL}/api/sessions/${code}/participants/${martaId}/rejoin-code`, { method: "POST", headers: { Origin: serverInfo().baseURL } });
  expect([401, 403]).toContain(asVisitor.status);

  // The facilitator issues a fresh code from the control room: shown once.
  const control = await facContext.newPage();
  await control.goto(`/sessions/${code}`);
  control.once("dialog", (d) => void d.accept());
  await control.getByRole("button", { name: "New rejoin code for Marta" }).click();
  const issued = control.getByTestId("issued-rejoin-code");
  await expect(issued).toContainText("Marta");
  const fresh = (await issued.locator("strong.font-mono").textContent())!.trim();
  expect(fresh).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
  await control.screenshot({ path: "screenshots/runmode-control-rejoin-code-1280.png" });
  await control.getByRole("button", { name: "Done" }).click();
  await expect(issued).toHaveCount(0);

  await second.page.getByLabel("Your rejoin code").fill(fresh);
  await second.page.getByRole("button", { name: "Continue here" }).click();
  await expect(second.page.getByTestId("my-name")).toHaveText("Marta");
  await expect(second.page.locator('[data-testid="colleague"][data-colleague-name="Boris"]')).toBeVisible();
  for (const c of [first.context, second.context, facContext]) await c.close();
});
