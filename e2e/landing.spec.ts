import { expect, test } from "./support/fixtures";

test("the landing page explains the workshop and offers a prominent join entry", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Everyone rates everyone. Live.");
  await expect(page.getByText(/102 tonnes of coal against a norm of 7/)).toBeVisible();
  const join = page.getByRole("form", { name: "Join a session" });
  await expect(join.getByLabel("Session code")).toBeVisible();
  await join.getByRole("button", { name: "Join a session" }).click();
  await expect(join.getByRole("alert")).toHaveText(/6 letters and digits/);
  await expect(page.getByRole("link", { name: "Create facilitator account" })).toBeVisible();
});
