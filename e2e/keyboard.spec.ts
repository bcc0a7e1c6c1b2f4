// Keyboard only: joining, rating and the control room's main actions without
// a mouse (Tab to reach, Enter/Space/arrows to act, a visible focus ring on
// each stop); and prefers-reduced-motion switches the animations off.
import type { Locator, Page } from "@playwright/test";
import { joinViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";

const origin = () => serverInfo().baseURL;

/** Presses Tab until `target` has the focus (at most `max` presses); checks the focus ring is visible. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      const ring = await target.evaluate((el) => {
        // Star radios are visually hidden: their ring is drawn on the sibling star (peer-focus-visible).
        const shown = el instanceof HTMLInputElement && el.type === "radio" ? (el.nextElementSibling ?? el) : el;
        const style = getComputedStyle(shown);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(ring.style, "a visible focus ring").not.toBe("none");
      expect(ring.width).toBeGreaterThanOrEqual(2);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("keyboard only: join from the phone page, the control room starts and closes a round, rate a colleague", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const fac = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInViaApi(fac, facilitator);
  const created = await fac.request.post("/api/sessions", { headers: { Origin: origin() }, data: { title: "Keyboard drill", dimensions: ["Talent", "Potential"], k: 2 } });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const boris = await joinViaApi(code, "Boris");

  // Join: Tab to the name field, type, Enter submits.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(`/s/${code}`);
  await tabTo(phone, phone.getByLabel("Your display name"));
  await phone.keyboard.type("Kira");
  await phone.keyboard.press("Enter");
  await expect(phone.getByTestId("my-name")).toHaveText("Kira");

  // The control room: start round 1 with the keyboard.
  const control = await fac.newPage();
  await control.goto(`/sessions/${code}`);
  const start = control.getByRole("button", { name: "Start round 1" });
  await tabTo(control, start);
  await control.keyboard.press("Enter");
  await expect(control.getByRole("button", { name: "Close round" })).toBeEnabled();

  // Rate: Tab to the colleague, Enter opens the stars, arrows choose a score.
  await expect(phone.getByTestId("rate-progress")).toHaveText("You have rated 0 of 1 colleague");
  const borisButton = phone.getByRole("button", { name: /^Boris/ });
  await tabTo(phone, borisButton);
  await phone.keyboard.press("Enter");
  await expect(borisButton).toHaveAttribute("aria-expanded", "true");
  const talent = phone.getByRole("group", { name: "Talent for Boris" });
  await tabTo(phone, talent.getByRole("radio", { name: "1 of 5" }));
  await phone.keyboard.press("ArrowRight");
  await phone.keyboard.press("ArrowRight");
  await phone.keyboard.press("ArrowRight");
  await expect(talent.getByRole("radio", { name: "4 of 5" })).toBeChecked();
  await expect(phone.getByTestId("rate-progress")).toHaveText("You have rated 1 of 1 colleague");
  await expect
    .poll(async () => ((await (await phone.request.get(`/api/sessions/${code}/ratings`)).json()) as { given: Record<string, Record<string, number>> }).given?.[boris.id]?.talent)
    .toBe(4);

  // The control room: close the round, hide the leaderboard, end the session, all by keyboard.
  const close = control.getByRole("button", { name: "Close round" });
  await tabTo(control, close);
  await control.keyboard.press("Enter");
  // The main button names the next step: with no agenda left, the reflection.
  await expect(control.getByTestId("next-step")).toContainText("Open reflection");
  const hide = control.getByRole("button", { name: "Hide leaderboard" });
  await tabTo(control, hide);
  await control.keyboard.press("Space");
  await expect(control.getByRole("button", { name: "Show leaderboard" })).toBeVisible();
  const end = control.getByRole("button", { name: "End session" });
  await tabTo(control, end);
  // The browser's own confirm dialog (Enter on its OK button).
  control.once("dialog", (dialog) => void dialog.accept());
  await control.keyboard.press("Enter");
  await expect(end).toBeDisabled();
  await expect(phone.getByText(/ratings are closed|session has ended/i).first()).toBeVisible();

  await phoneContext.close();
  await fac.close();
});

test("prefers-reduced-motion: the projector's page animation and the buttons' transitions are off", async ({ browser, facilitator }) => {
  const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(fac, facilitator);
  const created = await fac.request.post("/api/sessions", { headers: { Origin: origin() }, data: { title: "Motion check" } });
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  await joinViaApi(code, "Boris");
  const state = await fac.storageState();

  const motionOf = async (reducedMotion: "reduce" | "no-preference") => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, reducedMotion, storageState: state });
    const projector = await context.newPage();
    await projector.goto(`/s/${code}/screen`);
    const board = projector.getByTestId("projector-board");
    await expect(board).toBeVisible();
    const animation = await board.evaluate((el) => getComputedStyle(el).animationName);
    const control = await context.newPage();
    await control.goto(`/sessions/${code}`);
    const transition = await control.getByRole("button", { name: "Start round 1" }).evaluate((el) => parseFloat(getComputedStyle(el).transitionDuration));
    await context.close();
    return { animation, transition };
  };

  const normal = await motionOf("no-preference");
  expect(normal.animation).toBe("stk-page-in");
  expect(normal.transition).toBeGreaterThan(0.05);
  const reduced = await motionOf("reduce");
  expect(reduced.animation).toBe("none");
  expect(reduced.transition).toBeLessThan(0.001);
  await fac.close();
});
