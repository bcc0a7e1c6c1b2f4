import type { Browser, BrowserContext, Page } from "@playwright/test";
import { FacilitatorApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { restartServer } from "./support/server";

const PHONE = { width: 390, height: 844 };

async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  return { context, page: await context.newPage() };
}

async function joinWithName(page: Page, name: string) {
  await page.getByLabel("Your display name").fill(name);
  await page.getByRole("button", { name: "Join the session" }).click();
  await expect(page.getByTestId("my-name")).toHaveText(name);
}

/** Rates a colleague through the phone UI, waiting for the server to acknowledge each star. */
async function rateInUi(page: Page, colleague: string, scores: Record<string, number>) {
  const row = page.locator(`[data-testid="colleague"][data-colleague-name="${colleague}"]`);
  const toggle = row.getByRole("button", { name: new RegExp(`^${colleague}`) });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  for (const [label, score] of Object.entries(scores)) {
    const saved = page.waitForResponse((r) => r.url().includes("/ratings/") && r.request().method() === "PUT");
    await row.getByRole("group", { name: `${label} for ${colleague}` }).getByRole("radio", { name: `${score} of 5` }).check({ force: true });
    expect((await saved).status()).toBe(200);
  }
}

test.describe("the live workshop", () => {
  test("a facilitator runs a round with four participants on phones, a projector and the control room", async ({ browser, facilitator }) => {
    test.setTimeout(150_000);
    const facContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await signInViaApi(facContext, facilitator);
    const fac = FacilitatorApi.of(facContext);
    const session = await fac.createSession({ title: "Quarterly calibration", dimensions: ["Talent", "Potential"], k: 2 });
    const code = session.code;
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);

    const control = await facContext.newPage();
    control.on("dialog", (d) => void d.accept());
    await control.goto(`/sessions/${code}`);
    await expect(control.getByTestId("control-join-code")).toHaveText(code);

    const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const projector = await projectorContext.newPage();
    await projector.goto(`/s/${code}/screen`);
    await expect(projector.getByTestId("join-code")).toContainText(code);

    // Two join by typing the code on the landing page, two by the link.
    const names = ["Ana", "Boris", "Chen", "Dana"];
    const phones: Record<string, Page> = {};
    for (const [i, name] of names.entries()) {
      const { page } = await phone(browser);
      if (i % 2 === 0) {
        await page.goto("/");
        await page.getByLabel("Session code").fill(code.toLowerCase());
        await page.getByRole("button", { name: "Join a session" }).click();
        await expect(page).toHaveURL(new RegExp(`/s/${code}$`));
      } else {
        await page.goto(new URL(session.joinUrl).pathname);
      }
      await joinWithName(page, name);
      phones[name] = page;
    }
    const ana = phones.Ana!;
    const boris = phones.Boris!;
    const chen = phones.Chen!;
    const dana = phones.Dana!;
    // Per-person figures reach the control room on their own slow schedule (5–7 s), never with a leaderboard change.
    await expect(control.getByTestId("control-participant")).toHaveCount(4, { timeout: 10_000 });
    await expect(control.getByTestId("stat-connected")).toHaveText("4", { timeout: 10_000 });

    // Rating is refused in the lobby.
    await expect(ana.getByText("Rating opens when the facilitator starts the first round")).toBeVisible();

    await control.getByRole("button", { name: "Start round 1" }).click();
    for (const page of Object.values(phones)) await expect(page.getByTestId("phase-label")).toHaveText(/Round 1 · rating open/);

    // Nobody can rate themselves: the list shows the three others.
    await expect(ana.getByTestId("colleague")).toHaveCount(3);
    await expect(ana.locator('[data-testid="colleague"][data-colleague-name="Ana"]')).toHaveCount(0);

    await rateInUi(ana, "Boris", { Talent: 5, Potential: 5 });
    await rateInUi(chen, "Boris", { Talent: 5, Potential: 4 });
    await rateInUi(boris, "Ana", { Talent: 3, Potential: 3 });
    await rateInUi(dana, "Ana", { Talent: 2, Potential: 2 });
    await rateInUi(dana, "Chen", { Talent: 4, Potential: 4 });
    await rateInUi(ana, "Chen", { Talent: 4, Potential: 4 });
    // Everyone rated has two new raters, so the next release of the release clock (every 2–3 s) shows
    // most of it; a dimension tapped just after a release waits for the next new rater or the close.
    const rows = projector.getByTestId("board-row");
    await expect(rows.nth(0)).toContainText("Boris", { timeout: 6_000 });
    await expect(ana.getByTestId("rate-progress")).toHaveText("You have rated 2 of 3 colleagues");

    // Close the round: everything stored is released; the phones say so and the API refuses ratings.
    await control.getByRole("button", { name: "Close round" }).click();
    await expect(ana.getByTestId("phase-label")).toHaveText("Round 1 closed");
    // Boris (5, 4.5 → 4.75) > Chen (4.00) > Ana (2.50); Dana has no raters.
    await expect(rows.nth(0)).toContainText("Boris");
    await expect(rows.nth(0)).toContainText("4.75");
    await expect(rows.nth(1)).toContainText("Chen");
    await expect(rows.nth(1)).toContainText("4.00");
    await expect(rows.nth(2)).toContainText("Ana");
    await expect(rows.nth(2)).toContainText("2.50");
    await expect(rows.nth(3)).toContainText("Dana");
    await expect(rows.nth(3)).toContainText(/not yet rated/i);

    await boris.getByRole("tab", { name: "My score" }).click();
    await expect(boris.getByTestId("my-score")).toHaveText(/4\.75/);
    await expect(boris.getByTestId("my-rank")).toContainText("#1");
    await dana.getByRole("tab", { name: "My score" }).click();
    await expect(dana.getByTestId("my-score")).toHaveText(/Not yet rated/);
    // The control room's per-person counts appear with the close.
    await expect(control.locator('[data-testid="control-participant"][data-participant-name="Ana"]').getByTestId("rated-count")).toHaveText("2", { timeout: 10_000 });
    const refused = await ana.request.put(`/api/sessions/${code}/ratings/${await idOf(control, "Dana")}`, {
      data: { scores: { talent: 3 } },
      headers: { Origin: new URL(ana.url()).origin },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.message).toMatch(/round/i);

    // Reopen (undo the close): ratings are accepted again.
    await control.getByRole("button", { name: /Reopen round 1/ }).click();
    await expect(ana.getByTestId("phase-label")).toHaveText(/Round 1 · rating open/);
    await ana.getByRole("tab", { name: "Rate" }).click();
    await rateInUi(ana, "Dana", { Talent: 3 });

    // Kick Dana: her phone says so; she may join again (the name is free again).
    await control.getByRole("button", { name: "Remove Dana" }).click();
    await expect(dana.getByText("The facilitator removed you from the session")).toBeVisible();
    await expect(control.getByTestId("control-participant")).toHaveCount(3, { timeout: 10_000 });
    // Joining closed when round 1 opened: the facilitator reopens it (with a warning) for Dana.
    await control.getByRole("button", { name: "Open joining" }).click();
    await expect(control.getByTestId("late-join-warning")).toBeVisible();
    // Her phone's stream closed with the removal: she opens the link again.
    await dana.reload();
    await joinWithName(dana, "Dana");
    await expect(control.getByTestId("control-participant")).toHaveCount(4, { timeout: 10_000 });

    // Ban Chen: refused when trying to rejoin.
    await control.getByRole("button", { name: "Ban Chen" }).click();
    await expect(chen.getByText("You cannot rejoin it")).toBeVisible();
    const rejoin = await chen.request.post(`/api/sessions/${code}/participants`, {
      data: { displayName: "Chen again" },
      headers: { Origin: new URL(chen.url()).origin },
    });
    expect(rejoin.status()).toBe(403);
    await expect(rows.filter({ hasText: "Chen" })).toHaveCount(0);

    for (const c of browser.contexts()) await c.close();
  });

  test("a refresh and a server restart keep every participant's identity and ratings", async ({ browser, facilitator }) => {
    test.setTimeout(120_000);
    const facContext = await browser.newContext();
    await signInViaApi(facContext, facilitator);
    const fac = FacilitatorApi.of(facContext);
    const session = await fac.createSession({ title: "Durability", dimensions: ["Talent"], k: 2 });
    const code = session.code;
    const pages: Page[] = [];
    for (const name of ["Ivan", "Olga", "Pyotr"]) {
      const { page } = await phone(browser);
      await page.goto(`/s/${code}`);
      await joinWithName(page, name);
      pages.push(page);
    }
    const [ivan, olga, pyotr] = pages as [Page, Page, Page];
    await fac.mustAct(code, "open-round");
    await expect(ivan.getByTestId("phase-label")).toHaveText(/rating open/);
    await rateInUi(ivan, "Olga", { Talent: 5 });
    await rateInUi(pyotr, "Olga", { Talent: 4 });

    await ivan.reload();
    await expect(ivan.getByTestId("my-name")).toHaveText("Ivan");
    await ivan.getByRole("button", { name: /^Olga/ }).click();
    await expect(ivan.getByRole("group", { name: "Talent for Olga" }).getByRole("radio", { name: "5 of 5" })).toBeChecked();

    await restartServer("SIGKILL");

    // Without a reload, the phone reconnects on its own and keeps working.
    await expect(olga.getByText("● live").or(olga.getByText("live", { exact: true }))).toBeVisible({ timeout: 20_000 });
    await olga.getByRole("tab", { name: "My score" }).click();
    await expect(olga.getByTestId("my-score")).toHaveText(/4\.50/);
    await olga.getByRole("tab", { name: "Rate" }).click();
    await rateInUi(olga, "Ivan", { Talent: 2 });

    for (const page of pages) await page.reload();
    await expect(ivan.getByTestId("my-name")).toHaveText("Ivan");
    await expect(pyotr.getByTestId("my-name")).toHaveText("Pyotr");
    await ivan.getByRole("button", { name: /^Olga/ }).click();
    await expect(ivan.getByRole("group", { name: "Talent for Olga" }).getByRole("radio", { name: "5 of 5" })).toBeChecked();
    await expect(ivan.getByTestId("phase-label")).toHaveText(/Round 1 · rating open/);

    for (const c of browser.contexts()) await c.close();
  });
});

async function idOf(control: Page, name: string): Promise<string> {
  const response = await control.request.get(new URL(control.url()).pathname.replace("/sessions/", "/api/sessions/") + "/participants");
  const list = (await response.json()) as { id: string; displayName: string }[];
  const found = list.find((p) => p.displayName === name);
  if (!found) throw new Error(`no participant ${name}`);
  return found.id;
}
