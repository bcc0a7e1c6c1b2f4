// Renders the main screens at phone and projector size into screenshots/ so a
// person can look at them (the suite asserts only that each page rendered).
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
