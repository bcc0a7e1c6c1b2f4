// A phone in the e2e suite: its own browser context at 390×844 with touch, and joining a session by name.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };

export async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  return { context, page: await context.newPage() };
}

/** Opens the session's link and joins under `name`. */
export async function joinWithName(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`/s/${code}`);
  await page.getByLabel("Your display name").fill(name);
  await page.getByRole("button", { name: "Join the session" }).click();
  await expect(page.getByTestId("my-name")).toHaveText(name);
}
