// Issue 15's polish list, against the production build: long names wrap in the projector's tribunal feed
// (no "Maximiliana…"), the inline rename editor keeps Remove/Ban inside the table, the agenda's presets and
// "Add round" are off once the session has ended, and a wrong session code stays in the field.
import { FacilitatorApi, joinViaApi, sendJson, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { PHONE } from "./support/phone";
import { serverInfo } from "./support/server";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

const LONG = "Maximiliana Oksana Konstantinopolskaya"; // 38 characters

test("polish: long names in the tribunal feed, the rename editor, the agenda after the end", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(context, facilitator);
  const created = await context.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Polish",
      dimensions: ["Talent"],
      k: 2,
      agenda: [{ title: "Tribunal", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "tribunal", tribunal: { penalty: 0.5, cap: 2, reward: 0, charges: ["Slacking"] } }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const fac = FacilitatorApi.of(context);
  // The empty lobby: join steps in projector type instead of a board that says "no one on the board yet".
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${code}/screen`);
  await expect(projector.getByTestId("lobby-steps")).toContainText("Join in three steps");
  await expect(projector.getByTestId("board-empty")).toHaveCount(0);
  await projector.screenshot({ path: "screenshots/polish-1920-lobby-empty.png" });

  // The lobby with people: the live roster, large.
  const people: ApiParticipant[] = [];
  for (const name of [LONG, "Boris", "Clara", "Dmitri"]) people.push(await joinViaApi(code, name));
  await expect(projector.getByTestId("lobby-steps")).toHaveCount(0);
  await expect(projector.getByTestId("projector-board")).toContainText(LONG);
  await expect(projector.getByTestId("participant-count")).toContainText("4");
  await projector.screenshot({ path: "screenshots/polish-1920-lobby.png" });
  const laptopProjector = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await laptopProjector.goto(`/s/${code}/screen`);
  await expect(laptopProjector.getByTestId("participant-count")).toContainText("4");
  await laptopProjector.screenshot({ path: "screenshots/polish-1280-lobby.png" });
  await laptopProjector.context().close();

  await fac.mustAct(code, "open-round");
  for (const accuser of people.slice(1)) {
    const r = await sendJson("POST", `/api/sessions/${code}/denunciations`, { accusedId: people[0]!.id, charge: "Slacking" }, accuser.token);
    expect(r.status, r.text).toBe(201);
  }
  const name = projector.getByTestId("projector-feed-name").first();
  await expect(name).toHaveText(LONG);
  // Wrapped, not cut: the whole name fits its box.
  const fits = await name.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && getComputedStyle(el).textOverflow !== "ellipsis");
  expect(fits, "the accused's full name shows in the tribunal feed").toBe(true);
  await expect(projector.getByTestId("projector-feed-item").first()).toContainText("3 accusers");
  await projector.screenshot({ path: "screenshots/polish-1920-tribunal.png" });

  // The inline rename editor keeps the row's actions inside the table (no sideways scroll at 1280×720).
  const control = await context.newPage();
  await control.goto(`/sessions/${code}`);
  await control.getByRole("button", { name: `Rename ${LONG}` }).click();
  await expect(control.getByLabel(`New name for ${LONG}`)).toBeVisible();
  const table = control.locator("table").filter({ has: control.getByTestId("control-participant") });
  const scroller = table.locator("xpath=..");
  const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, "no sideways scroll with the rename editor open").toBeLessThanOrEqual(0);
  const ban = control.getByRole("button", { name: `Ban ${LONG}` });
  const [banBox, scrollerBox] = [await ban.boundingBox(), await scroller.boundingBox()];
  expect(banBox!.x + banBox!.width).toBeLessThanOrEqual(scrollerBox!.x + scrollerBox!.width);
  await control.screenshot({ path: "screenshots/polish-1280-rename.png" });
  await control.getByRole("button", { name: "Cancel" }).click();

  // Ended: the agenda's presets and "Add round" are off, with the reason.
  await fac.mustAct(code, "close-round");
  await fac.mustAct(code, "end");
  await control.reload();
  const agenda = control.getByTestId("agenda-panel");
  await expect(agenda.getByTestId("agenda-ended")).toContainText("The session has ended");
  for (const label of ["Load “The Nosedive arc”", "Load “The whole essay”", "Add round"]) await expect(agenda.getByRole("button", { name: label })).toBeDisabled();
  await projectorContext.close();
  await context.close();
});

test("polish: a wrong session code stays in the field with a note", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Session code").fill("zz9qx7");
  await page.getByRole("button", { name: "Join a session" }).click();
  await expect(page.getByRole("heading", { name: "No such session" })).toBeVisible();
  await expect(page.getByLabel("Session code")).toHaveValue("ZZ9QX7");
  await expect(page.getByTestId("join-code-tried")).toContainText("No session uses “ZZ9QX7”");
  await page.screenshot({ path: "screenshots/polish-390-wrong-code.png" });
  // Correcting it clears the note.
  await page.getByLabel("Session code").fill("ZZ9QX8");
  await expect(page.getByTestId("join-code-tried")).toHaveCount(0);
  await context.close();
});
