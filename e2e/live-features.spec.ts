// Facilitator and participant features around the live round: creating a
// session in the dashboard, API tokens, timers, hiding the leaderboard,
// continuing on another device, aliases and taken names.
import { FacilitatorApi, getJson, joinViaApi, rateViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";

test.describe("live session features", () => {
  test("the dashboard creates a session with edited dimensions and lists it", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const page = await context.newPage();
    await page.goto("/dashboard");
    const form = page.getByTestId("create-session-form");
    await form.getByLabel(/title/i).fill("Leadership offsite");
    const rows = form.getByTestId("dimension-row");
    await expect(rows).toHaveCount(7);
    await form.getByRole("button", { name: "Remove Personal growth" }).click();
    await form.getByRole("button", { name: "Remove Continuous learning" }).click();
    await form.getByRole("button", { name: "Move Talent up" }).click();
    await form.getByRole("button", { name: /add dimension/i }).click();
    await rows.last().getByRole("textbox").fill("Executive presence");
    await form.getByLabel(/anonymity threshold/i).fill("4");
    await form.getByRole("button", { name: /create session/i }).click();

    await expect(page).toHaveURL(/\/sessions\/[2-9A-HJ-NP-Z]{6}$/);
    const code = page.url().split("/").pop()!;
    const session = (await getJson(`/api/sessions/${code}`)).body as { dimensions: { label: string }[]; k: number; title: string };
    expect(session.title).toBe("Leadership offsite");
    expect(session.k).toBe(4);
    expect(session.dimensions.map((d) => d.label)).toEqual(["Talent", "Potential", "Creativity", "Innovation", "Passion & commitment", "Executive presence"]);

    await page.goto("/dashboard");
    await expect(page.getByTestId("session-item").filter({ hasText: "Leadership offsite" })).toContainText(code);
    await context.close();
  });

  test("a facilitator sees only their own sessions", async ({ browser, facilitator, request }) => {
    const mine = await browser.newContext();
    await signInViaApi(mine, facilitator);
    await FacilitatorApi.of(mine).createSession({ title: "Private seminar" });
    const otherCreds = { email: `other-${Date.now()}@e2e.test`, password: "other password 1" };
    await request.post("/api/facilitators", { data: { name: "Other", ...otherCreds } });
    const other = await browser.newContext();
    await signInViaApi(other, otherCreds);
    const page = await other.newPage();
    await page.goto("/dashboard");
    await expect(page.getByText("Private seminar")).toHaveCount(0);
    const list = await other.request.get("/api/sessions");
    expect(((await list.json()) as { sessions: unknown[] }).sessions).toEqual([]);
    await mine.close();
    await other.close();
  });

  test("API tokens are created once, listed, and revoked on the settings page", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const page = await context.newPage();
    page.on("dialog", (d) => void d.accept());
    await page.goto("/settings");
    await page.getByTestId("create-token-form").getByRole("textbox").fill("rehearsal bots");
    await expect(page.getByLabel("Expires")).toHaveValue("30");
    await page.getByLabel("Expires").selectOption({ label: "7 days" });
    await page.getByTestId("create-token-form").getByRole("button").click();
    const secret = (await page.getByTestId("token-secret").textContent())!.trim();
    expect(secret).toMatch(/^stk_/);
    const created = await fetch(`${new URL(page.url()).origin}/api/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${secret}` },
      body: JSON.stringify({ title: "Via token" }),
    });
    expect(created.status).toBe(201);
    await page.reload();
    await expect(page.getByTestId("token-secret")).toHaveCount(0);
    const row = page.getByTestId("token-row").filter({ hasText: "rehearsal bots" });
    await expect(row).toBeVisible();
    // Seven days from now, in the browser's own words.
    const inAWeek = await page.evaluate(() => new Date(Date.now() + 7 * 86_400_000).toLocaleString(undefined, { dateStyle: "medium" }));
    await expect(row).toContainText(`expires ${inAWeek}`);
    // An expiry outside 1–365 days is refused with the field named.
    const bad = await context.request.post("/api/tokens", { data: { name: "x", expiresInDays: 0 }, headers: { Origin: new URL(page.url()).origin } });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation_failed", field: "expiresInDays" } });
    await row.getByRole("button", { name: /revoke/i }).click();
    await expect(page.getByTestId("token-row").filter({ hasText: "rehearsal bots" })).toHaveCount(0);
    const after = await fetch(`${new URL(page.url()).origin}/api/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${secret}` },
      body: JSON.stringify({ title: "Revoked" }),
    });
    expect(after.status).toBe(401);
    await context.close();
  });

  test("a round timer counts down on every screen and closes the round at zero; pause freezes it", async ({ browser, facilitator }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const fac = FacilitatorApi.of(context);
    const { code } = await fac.createSession({ title: "Timed" });
    const a = await joinViaApi(code, "Timed Tanya");
    const b = await joinViaApi(code, "Timed Boris");
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // The phone carries the identity cookie the join set, as a browser that joined earlier would.
    await phone.addCookies([{ name: `stk_p_${code}`, value: a.token, url: serverInfo().baseURL }]);
    const page = await phone.newPage();
    await page.goto(`/s/${code}`);
    await expect(page.getByTestId("my-name")).toHaveText("Timed Tanya");

    await fac.mustAct(code, "open-round", 12);
    await expect(page.getByRole("timer")).toHaveText(/0:1[0-2]/);
    await fac.mustAct(code, "pause");
    await expect(page.getByTestId("phase-label")).toHaveText(/paused/);
    expect((await rateViaApi(code, a, b.id, { potential: 4 })).status).toBe(403);
    const frozen = await page.getByRole("timer").textContent();
    await page.waitForTimeout(1_500);
    expect(await page.getByRole("timer").textContent()).toBe(frozen);
    await fac.mustAct(code, "resume");
    expect((await rateViaApi(code, a, b.id, { potential: 4 })).status).toBe(200);

    // At zero the round closes by itself, on the phone too, without a reload.
    await expect(page.getByTestId("phase-label")).toHaveText("Round 1 closed", { timeout: 20_000 });
    expect((await rateViaApi(code, a, b.id, { potential: 5 })).status).toBe(403);
    const state = (await getJson(`/api/sessions/${code}`)).body as { phase: string; round: { status: string } };
    expect(state).toMatchObject({ phase: "round_closed", round: { status: "closed" } });
    await context.close();
    await phone.close();
  });

  test("hiding the leaderboard hides it on the projector and phones, not in the control room", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const fac = FacilitatorApi.of(context);
    const { code } = await fac.createSession({ title: "Hidden", k: 2 });
    const people = await Promise.all(["Hana", "Ivo", "Jan"].map((n) => joinViaApi(code, n)));
    await fac.mustAct(code, "open-round");
    await rateViaApi(code, people[0]!, people[2]!.id, { potential: 5 });
    await rateViaApi(code, people[1]!, people[2]!.id, { potential: 3 });

    const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await projector.goto(`/s/${code}/screen`);
    await expect(projector.getByTestId("board-row").first()).toContainText("Jan");
    await fac.mustAct(code, "hide-leaderboard");
    await expect(projector.getByTestId("board-hidden")).toBeVisible();
    await expect(projector.getByTestId("board-row")).toHaveCount(0);

    const phoneBoard = await getJson(`/api/sessions/${code}/leaderboard`);
    expect(phoneBoard.body).toMatchObject({ hidden: true, entries: [] });
    const me = await getJson(`/api/sessions/${code}/me`, people[2]!.token);
    expect(me.body).toMatchObject({ score: 4, rank: null, percentile: null, window: null, leaderboardVisible: false });

    const ownerBoard = await context.request.get(`/api/sessions/${code}/leaderboard`);
    expect(await ownerBoard.json()).toMatchObject({ hidden: false, entries: expect.arrayContaining([expect.objectContaining({ displayName: "Jan", score: 4 })]) });
    const control = await context.newPage();
    await control.goto(`/sessions/${code}`);
    await expect(control.getByTestId("control-board")).toContainText("Jan");

    await fac.mustAct(code, "show-leaderboard");
    await expect(projector.getByTestId("board-row").first()).toContainText("Jan");
    await context.close();
  });

  test("aliases, taken names with a suggestion, and continuing on another device with the rejoin code", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const fac = FacilitatorApi.of(context);
    const { code } = await fac.createSession({ title: "Devices" });
    await joinViaApi(code, "Ada Lovelace");

    const first = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await first.newPage();
    await phone.goto(`/s/${code}`);
    await phone.getByLabel("Your display name").fill("ADA  lovelace");
    await phone.getByRole("button", { name: "Join the session" }).click();
    await expect(phone.getByText(/already called/)).toBeVisible();
    await phone.getByRole("button", { name: "Use “ADA lovelace 2”" }).click();
    await expect(phone.getByLabel("Your display name")).toHaveValue("ADA lovelace 2");

    await phone.getByRole("button", { name: "Suggest a corporate alias" }).click();
    const alias = await phone.getByLabel("Your display name").inputValue();
    expect(alias).toMatch(/^\S+ \S+$/);
    await phone.getByRole("button", { name: "Join the session" }).click();
    await expect(phone.getByTestId("my-name")).toHaveText(alias);

    await phone.getByRole("tab", { name: "My score" }).click();
    const rejoinCode = (await phone.getByTestId("rejoin-code").textContent())!.trim();
    expect(rejoinCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    const second = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const laptop = await second.newPage();
    await laptop.goto(`/s/${code}`);
    await laptop.getByRole("button", { name: "Continue with a rejoin code" }).click();
    await laptop.getByLabel("Your rejoin code").fill("WRONG-CODE");
    await laptop.getByRole("button", { name: "Continue here" }).click();
    await expect(laptop.getByText(/does not match anyone/)).toBeVisible();
    await laptop.getByLabel("Your rejoin code").fill(rejoinCode.toLowerCase());
    await laptop.getByRole("button", { name: "Continue here" }).click();
    await expect(laptop.getByTestId("my-name")).toHaveText(alias);
    const participants = (await getJson(`/api/sessions/${code}/participants`)).body as unknown[];
    expect(participants).toHaveLength(2);
    await context.close();
    await first.close();
    await second.close();
  });
});
