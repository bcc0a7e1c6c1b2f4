// Renders the main screens at phone and projector size into screenshots/ so a
// person can look at them (the suite asserts only that each page rendered).
import { FacilitatorApi, joinViaApi, rateViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";

const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "projector", width: 1920, height: 1080 },
];

for (const size of sizes) {
  test(`screenshots at ${size.name} size`, async ({ browser, facilitator }) => {
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
    const page = await context.newPage();
    for (const [name, url] of [
      ["landing", "/"],
      ["signup", "/signup"],
      ["signin", "/signin"],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({ path: `screenshots/${size.name}-${name}.png`, fullPage: true });
    }
    await signInViaApi(context, facilitator);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `screenshots/${size.name}-dashboard.png`, fullPage: true });
    await context.close();
  });
}

test("live screens: phone join, rate and score; projector with 60 participants; control room", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(fac, facilitator);
  const api = FacilitatorApi.of(fac);
  const { code } = await api.createSession({ title: "Annual performance calibration" });

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(`/s/${code}`);
  await phone.getByLabel("Your display name").fill("Alexei S.");
  await phone.screenshot({ path: "screenshots/phone-join.png" });
  await phone.getByRole("button", { name: "Join the session" }).click();
  await expect(phone.getByTestId("my-name")).toHaveText("Alexei S.");

  const names = Array.from({ length: 59 }, (_, i) => `${["Synergy", "Agile", "Proactive", "Scalable", "Lean", "Holistic"][i % 6]} ${["Falcon", "Otter", "Heron", "Badger", "Lynx", "Walrus", "Beaver", "Mole", "Crane", "Yak"][i % 10]} ${i + 1}`);
  const people = [];
  for (const name of names) people.push(await joinViaApi(code, name));
  await api.mustAct(code, "open-round", 300);
  const dims = ["potential", "talent", "creativity", "innovation", "passion-commitment", "continuous-learning", "personal-growth"];
  // Each person rates the next three, so about two thirds pass k = 3; some stay "not yet rated".
  for (const [i, rater] of people.entries()) {
    for (const step of [1, 2, 3]) {
      const target = people[(i + step) % 40];
      if (!target || target.id === rater.id) continue;
      const scores = Object.fromEntries(dims.map((d, j) => [d, 1 + ((i * 7 + j * 3 + step) % 5)]));
      expect((await rateViaApi(code, rater, target.id, scores)).status).toBe(200);
    }
  }
  const phonePeople = people.slice(0, 3);
  const alexeiId = (await (await phone.request.get(`/api/sessions/${code}/me`)).json()).participant.id as string;
  for (const p of phonePeople) await rateViaApi(code, p, alexeiId, { potential: 5, talent: 4, creativity: 4 });

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${code}/screen`);
  const board = projector.getByTestId("projector-board");
  await expect(board).toHaveAttribute("data-total", "60");
  await expect(projector.getByTestId("board-pager")).toContainText("+40 more");
  await projector.screenshot({ path: "screenshots/projector-live-60.png" });

  await phone.getByRole("button", { name: /^Synergy Falcon 1/ }).click();
  await phone.getByRole("group", { name: "Potential for Synergy Falcon 1" }).getByRole("radio", { name: "4 of 5" }).check({ force: true });
  await expect(phone.getByTestId("rate-progress")).toHaveText("You have rated 1 of 59 colleagues");
  await phone.screenshot({ path: "screenshots/phone-rate.png" });
  await phone.getByRole("tab", { name: "My score" }).click();
  await expect(phone.getByTestId("my-score")).toHaveText(/4\.33/);
  await phone.screenshot({ path: "screenshots/phone-score.png", fullPage: true });
  await phone.getByRole("tab", { name: "Board" }).click();
  await phone.screenshot({ path: "screenshots/phone-board.png", fullPage: true });

  const control = await fac.newPage();
  await control.goto(`/sessions/${code}`);
  await expect(control.getByTestId("stat-participants")).toHaveText("60");
  // Its live stream is up (not "connecting…" in the picture).
  await expect(control.getByText("● live")).toBeVisible();
  await control.screenshot({ path: "screenshots/projector-control-room.png" });
  await fac.close();
  await phoneContext.close();
  await projectorContext.close();
});

// The same screens in German and Russian: longer words and Cyrillic must still fit (README "Adding a language").
for (const language of ["de", "ru"] as const) {
  test(`screenshots in ${language}: phone, projector, control room, debrief`, async ({ browser, facilitator }) => {
    test.setTimeout(120_000);
    const locale = language === "de" ? "de-DE" : "ru-RU";
    const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale });
    await signInViaApi(fac, facilitator);
    const api = FacilitatorApi.of(fac);
    const { code, dimensions } = await api.createSession({ title: language === "de" ? "Jahresgespräch Kalibrierung" : "Ежегодная калибровка", language });
    const names =
      language === "de"
        ? ["Jürgen Müller-Lüdenscheidt", "Anna Schäfer", "Björn Weißenfels", "Käthe Großmann", "Ulrike Überall"]
        : ["Анна Ковалевская", "Дмитрий Шостакович", "Екатерина Великолепная", "Пётр Сидоров", "Юлия Жукова"];
    const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "en-US" });
    const projector = await projectorContext.newPage();
    await projector.goto(`/s/${code}/screen`);
    await expect(projector.locator("html")).toHaveAttribute("lang", language);

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-US" });
    const phone = await phoneContext.newPage();
    await phone.goto(`/s/${code}`);
    await expect(phone.locator("html")).toHaveAttribute("lang", language);
    await phone.getByRole("textbox").first().fill(names[0]!);
    await phone.screenshot({ path: `screenshots/${language}-phone-join.png` });
    await phone.locator("form button[type=submit]").first().click();
    await expect(phone.getByTestId("my-name")).toHaveText(names[0]!);
    const people = [];
    for (const name of names.slice(1)) people.push(await joinViaApi(code, name));
    await expect(projector.locator("main").first()).toBeVisible();
    await projector.waitForTimeout(1_000); // the roster event with the joins
    await projector.screenshot({ path: `screenshots/${language}-projector-lobby.png` });

    await api.mustAct(code, "open-round", 300);
    const me = (await (await phone.request.get(`/api/sessions/${code}/me`)).json()).participant.id as string;
    for (const [i, rater] of people.entries()) {
      for (const target of [...people.filter((p) => p.id !== rater.id).map((p) => p.id), me]) {
        const scores = Object.fromEntries(dimensions.map((d, j) => [d.key, 1 + ((i + j) % 5)]));
        expect((await rateViaApi(code, rater, target, scores)).status).toBe(200);
      }
    }
    await phone.reload();
    await phone.screenshot({ path: `screenshots/${language}-phone-rate.png`, fullPage: true });
    await phone.getByRole("tab").nth(1).click();
    await phone.screenshot({ path: `screenshots/${language}-phone-tab2.png`, fullPage: true });
    await phone.getByRole("tab").nth(2).click();
    await phone.screenshot({ path: `screenshots/${language}-phone-tab3.png`, fullPage: true });

    await api.mustAct(code, "close-round");
    await projector.waitForTimeout(3_500); // one release of the clock
    await projector.screenshot({ path: `screenshots/${language}-projector-board.png` });
    const control = await fac.newPage();
    await control.goto(`/sessions/${code}`);
    await control.screenshot({ path: `screenshots/${language}-control-room.png`, fullPage: true });

    await api.mustAct(code, "end");
    const debrief = await fac.newPage();
    await debrief.goto(`/sessions/${code}/debrief`);
    await expect(debrief.locator("html")).toHaveAttribute("lang", language);
    await debrief.screenshot({ path: `screenshots/${language}-debrief.png`, fullPage: true });
    await debrief.goto(`/sessions/${code}/present`);
    await debrief.screenshot({ path: `screenshots/${language}-presenter-cover.png` });
    await debrief.keyboard.press("ArrowRight");
    // One round only: its distribution chart still fits the screen (longer German and Russian text above it).
    const slide = debrief.getByTestId("presenter-slide");
    await expect(slide).toHaveAttribute("data-slide", "distribution");
    const sizes = await slide.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
    expect(sizes.scrollHeight, "the one-round distribution fits the window").toBeLessThanOrEqual(sizes.clientHeight + 1);
    await debrief.screenshot({ path: `screenshots/${language}-presenter-2.png` });
    await phone.goto(`/s/${code}/report`);
    await phone.screenshot({ path: `screenshots/${language}-phone-report.png`, fullPage: true });
    await fac.close();
    await phoneContext.close();
    await projectorContext.close();
  });
}
