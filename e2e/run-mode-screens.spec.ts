// Issue 15: screenshots of what run mode changed, at 390×844 (phone), 1280×720 (laptop control room)
// and 1920×1080 (projector), for a person to look at. Asserts only what the screens must show.
import { joinViaApi, rateViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import { DEFAULT_TIERS } from "../lib/domain/rules/nosedive";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

test("run mode screenshots: lobby, a round under rules, the reflection", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const facContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(facContext, facilitator);
  const created = await facContext.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Quarterly calibration",
      dimensions: ["Talent", "Potential"],
      k: 2,
      agenda: [{ title: "Nosedive", prompt: "", durationSeconds: 240, rules: { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS }, quotaBallots: { share: 0.2 } } }],
    },
  });
  expect(created.status()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const control = await facContext.newPage();
  await control.goto(`/sessions/${code}`);
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${code}/screen`);
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(`/s/${code}`);
  await phone.getByLabel("Your display name").fill("Maximiliana Oksana");
  await phone.getByRole("button", { name: "Join the session" }).click();
  const people = [];
  for (const n of ["Boris", "Chen", "Dmitri", "Elena", "Fyodor"]) people.push(await joinViaApi(code, n));
  await expect(phone.getByTestId("rate-progress")).toHaveText("You have rated 0 of 5 colleagues");
  await expect(projector.getByTestId("participant-count")).toHaveText(/^6\s*participants$/i);
  await phone.screenshot({ path: "screenshots/runmode-390-lobby.png" });
  await projector.screenshot({ path: "screenshots/runmode-1920-lobby.png" });
  await expect(control.getByTestId("next-step")).toHaveText("Open round 1 “Nosedive”");
  await control.screenshot({ path: "screenshots/runmode-1280-control-lobby.png" });

  await control.getByTestId("next-step").click();
  await expect(control.getByTestId("next-step")).toHaveText("Close round 1");
  for (const [i, rater] of people.entries()) {
    for (const target of people.slice(0, 3)) if (target.id !== rater.id) await rateViaApi(code, rater, target.id, { talent: 1 + ((i + 2) % 5), potential: 3 });
  }
  await expect(phone.getByTestId("rule-explainers")).toContainText("Elite: your ratings count ×4");
  await expect(projector.getByTestId("rule-explainers")).toContainText("your ratings count ×4");
  await phone.screenshot({ path: "screenshots/runmode-390-round.png" });
  await projector.waitForTimeout(3_500);
  await projector.screenshot({ path: "screenshots/runmode-1920-round.png" });
  await control.screenshot({ path: "screenshots/runmode-1280-control-round.png" });
  const wide = await facContext.newPage();
  await wide.setViewportSize({ width: 1920, height: 1080 });
  await wide.goto(`/sessions/${code}`);
  await wide.screenshot({ path: "screenshots/runmode-1920-control-round.png" });

  await control.getByTestId("next-step").click();
  await expect(control.getByTestId("next-step")).toHaveText("Open reflection");
  await control.getByTestId("next-step").click();
  await expect(control.getByTestId("next-step")).toHaveText("Open debrief");
  await expect(projector.getByTestId("phase-status")).toContainText("Reflection — answer on your phone");
  await projector.screenshot({ path: "screenshots/runmode-1920-reflection.png" });
  await phone.screenshot({ path: "screenshots/runmode-390-reflection.png" });
  await control.screenshot({ path: "screenshots/runmode-1280-control-reflection.png" });
  for (const c of [facContext, projectorContext, phoneContext]) await c.close();
});
