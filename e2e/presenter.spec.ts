// Issue 15, item 12: the debrief's presenter mode (full window at 1920×1080, no site header, one screen at a
// time, stepped with the keyboard or named buttons) and the ranking replay across the session's rounds.
import { expectAccessible } from "./support/a11y";
import { FacilitatorApi, joinViaApi, rateViaApi, type ApiParticipant } from "./support/api";
import { createFacilitator, expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import { DISTRIBUTION_PRESETS } from "../lib/domain/rules/forced-distribution";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

const NAMES = ["Alvar", "Brigida", "Casimir", "Dagny", "Eitan"] as const;
// The score everyone gives each person in each round: the order turns over between rounds.
const MERIT: Record<number, number[]> = { 1: [5, 4, 3, 2, 1], 2: [1, 2, 3, 4, 5], 3: [3, 5, 1, 4, 2] };

test("presenter mode: every debrief screen full window, keys and buttons, the ranking replay with rule changes", async ({ browser, facilitator }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(context, facilitator);
  const vitality = { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands };
  const created = await context.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Presenter test",
      dimensions: ["Talent", "Potential"],
      k: 2,
      agenda: [
        { title: "Warm-up", prompt: "", durationSeconds: null, rules: PLAIN_RULES },
        { title: "The curve", prompt: "", durationSeconds: null, rules: { ...PLAIN_RULES, distribution: vitality } },
        { title: "The curve again", prompt: "", durationSeconds: null, rules: { ...PLAIN_RULES, distribution: vitality } },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const fac = FacilitatorApi.of(context);
  const people: ApiParticipant[] = [];
  for (const name of NAMES) people.push(await joinViaApi(code, name));
  for (const round of [1, 2, 3]) {
    await fac.mustAct(code, "open-round");
    for (const rater of people) {
      for (const [i, target] of people.entries()) {
        if (target.id === rater.id) continue;
        const score = MERIT[round]![i]!;
        const response = await rateViaApi(code, rater, target.id, { talent: score, potential: score });
        expect(response.status).toBe(200);
      }
    }
    await fac.mustAct(code, "close-round");
  }

  // The debrief page offers the presenter mode, with the names switch carried over.
  const page = await context.newPage();
  await page.goto(`/sessions/${code}/debrief?reveal=churn`);
  await expect(page.getByTestId("ranking-replay")).toBeVisible();
  await page.getByRole("link", { name: "Present full screen" }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${code}/present\\?reveal=churn$`));

  // No site header; the position and the named buttons are on screen.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  const position = page.getByTestId("presenter-position");
  await expect(position).toHaveText(/^Screen 1 \/ 10: Presenter test$/);
  await expect(page.getByTestId("presenter-cover")).toBeVisible();
  const prev = page.getByRole("button", { name: "Previous screen" });
  const next = page.getByRole("button", { name: "Next screen" });
  await expect(prev).toBeDisabled();

  // Keys: → and PageDown forward, ← and PageUp back, End and Home.
  await page.keyboard.press("ArrowRight");
  await expect(position).toContainText("2 / 10");
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "distribution");
  await expect(page.getByTestId("reading-distribution")).toContainText("Inequality");
  await page.keyboard.press("PageDown");
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "churn");
  await page.keyboard.press("PageUp");
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "distribution");
  await page.keyboard.press("End");
  await expect(position).toContainText("10 / 10");
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "reflection");
  await expect(next).toBeDisabled();
  await page.keyboard.press("Home");
  await expect(position).toContainText("1 / 10");
  await next.click();
  await next.click();
  await next.click();
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "ranking");
  // The position survives a reload (it is in the URL hash).
  await page.reload();
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "ranking");

  // Every screen fits the 1920×1080 window without a horizontal scroll bar; the reading is in projector type.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press(i === 0 ? "Home" : "ArrowRight");
    const slide = page.getByTestId("presenter-slide");
    const id = await slide.getAttribute("data-slide");
    const sizes = await slide.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll, `${id} is no wider than the window`).toBeLessThanOrEqual(sizes.client);
    if (id !== "cover") {
      const fontSize = await page.getByTestId(`reading-${id}`).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(fontSize, `${id}'s reading in projector type`).toBeGreaterThanOrEqual(40);
    }
    await page.screenshot({ path: `screenshots/presenter-1920-${String(i + 1).padStart(2, "0")}-${id}.png` });
  }

  // The ranking replay: round 1 → 2 turns the order over; the rule change is marked.
  await page.goto(`/sessions/${code}/present?reveal=churn#ranking`);
  const replay = page.getByTestId("ranking-replay");
  await expect(replay).toHaveAttribute("data-round", "1");
  const row = (who: string) => replay.locator(`[data-testid="ranking-row"][data-who="${who}"]`);
  await expect(row("Alvar")).toHaveAttribute("data-rank", "1");
  await expect(row("Eitan")).toHaveAttribute("data-rank", "5");
  await expect(page.getByTestId("ranking-reading")).toHaveText("Round 1: 5 of 5 people ranked; Alvar on top.");
  await page.getByRole("button", { name: "Next round of the replay" }).click();
  await expect(replay).toHaveAttribute("data-round", "2");
  await expect(row("Eitan")).toHaveAttribute("data-rank", "1");
  await expect(row("Eitan")).toContainText("▲ 4");
  await expect(row("Eitan")).toContainText("up 4 places");
  await expect(row("Alvar")).toContainText("▼ 4");
  await expect(page.getByTestId("ranking-reading")).toHaveText("Round 2: Eitan rose 4 places to 1st; Alvar fell 4 places to 5th. The rules had changed.");
  await expect(page.getByTestId("ranking-rule-change")).toContainText("now Vitality curve 20/70/10; no longer Plain 360°");
  await expect(page.getByRole("button", { name: /^Round 2\s*⚑ rules changed$/ })).toHaveAttribute("aria-current", "step");
  // Rows slide (a transform transition) unless the viewer asks for reduced motion.
  expect(await row("Eitan").evaluate((el) => getComputedStyle(el).transitionDuration)).toBe("0.7s");
  await page.screenshot({ path: "screenshots/presenter-1920-ranking-round2.png" });
  await expectAccessible(page, "presenter mode, ranking replay");

  // Play runs to the last round by itself and stops; in reduced motion the rows jump.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await expect.poll(() => row("Eitan").evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration))).toBeLessThan(0.01);
  await page.getByTestId("ranking-play").click();
  await expect(replay).toHaveAttribute("data-playing", "true");
  await expect(page.getByTestId("ranking-play")).toHaveText(/Pause replay/);
  await expect(replay).toHaveAttribute("data-round", "3", { timeout: 8_000 });
  await expect(replay).toHaveAttribute("data-playing", "false", { timeout: 8_000 });
  await expect(row("Brigida")).toHaveAttribute("data-rank", "1");

  // Esc goes back to the debrief (names still on).
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/sessions/${code}/debrief\\?reveal=churn$`));

  // Without names: pseudonyms only on the replay.
  await page.goto(`/sessions/${code}/present#ranking`);
  await expect(page.getByTestId("ranking-row").first()).toHaveAttribute("data-who", /^P\d\d$/);
  for (const name of NAMES) await expect(page.getByTestId("presenter-slide")).not.toContainText(name);

  // After the end the pairwise screens open (served from the end-of-session snapshot), still one window each,
  // and the replay comes from the snapshot too.
  await fac.mustAct(code, "end");
  for (const id of ["reciprocity", "admiration", "halo", "leniency", "ranking"]) {
    await page.goto(`/sessions/${code}/present?after=end#${id}`);
    const slide = page.getByTestId("presenter-slide");
    await expect(slide).toHaveAttribute("data-slide", id);
    await expect(page.getByTestId(`locked-${id}`)).toHaveCount(0);
    const sizes = await slide.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
    expect(sizes.scroll, `${id} is no wider than the window`).toBeLessThanOrEqual(sizes.client);
    expect(sizes.scrollHeight, `${id} fits the window without scrolling`).toBeLessThanOrEqual(sizes.clientHeight + 1);
    await page.screenshot({ path: `screenshots/presenter-1920-ended-${id}.png` });
  }
  await expectAccessible(page, "presenter mode after the end");
  await expect(page.getByRole("list", { name: "Rounds of the replay" }).getByRole("button")).toHaveCount(3);
  await expect(page.getByTestId("ranking-row").first()).toHaveAttribute("data-who", /^P\d\d$/);

  // Facilitator-only, like the debrief: signed out → sign in; someone else's session → 404.
  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto(`/sessions/${code}/present`);
  await expect(anonymousPage).toHaveURL(/\/signin/);
  const other = await browser.newContext();
  await signInViaApi(other, await createFacilitator(other.request, "Other Facilitator"));
  const otherPage = await other.newPage();
  const response = await otherPage.goto(`/sessions/${code}/present`);
  expect(response?.status()).toBe(404);
  await Promise.all([anonymous.close(), other.close(), context.close()]);
});
