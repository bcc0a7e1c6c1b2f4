import { execFileSync } from "node:child_process";
import path from "node:path";
import { createFacilitator, expect, signInViaApi, test, uniqueEmail } from "./support/fixtures";
import { restartServer, serverInfo } from "./support/server";

const PASSWORD = "correct horse battery";

test.describe("facilitator accounts", () => {
  test("sign up, land in the facilitator area, sign out, sign in again", async ({ page }) => {
    const email = uniqueEmail("signup");
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Ada Lovelace");
    await page.getByLabel("Email").fill(email.toUpperCase());
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
  });

  test("wrong password and unknown email get one and the same clear error (no account listing)", async ({ page, facilitator }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(facilitator.email);
    await page.getByLabel("Password").fill("not the right password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^⚠?Wrong email or password\. Check both, or create an account\.$/);
    await expect(page).toHaveURL(/\/signin/);

    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^⚠?Wrong email or password\. Check both, or create an account\.$/);
  });

  test("duplicate email and weak password are refused on sign-up", async ({ page, facilitator }) => {
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Someone Else");
    await page.getByLabel("Email").fill(` ${facilitator.email.toUpperCase()} `);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    // The same answer as for a new email (no account listing), then the sign-in with this password fails.
    await expect(page.getByText("If you already have an account with this email, sign in with that account's password")).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);

    await page.getByLabel("Email").fill(uniqueEmail("weak"));
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Password must be at least 10 characters.")).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);
  });

  test("the facilitator area sends a signed-out visitor to sign in, then back", async ({ page, facilitator }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
    await expect(page.getByText("Sign in to continue")).toBeVisible();
    await page.getByLabel("Email").fill(facilitator.email);
    await page.getByLabel("Password").fill(facilitator.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("repeated failed sign-ins lock the account for a while", async ({ page, facilitator }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(facilitator.email);
    const expected = [/^⚠Wrong email or password\. Check both, or create an account\.$/, /3 attempts left/, /2 attempts left/, /1 attempt left/, /now paused/];
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Password").fill(`wrong password ${i}`);
      const answered = page.waitForResponse(/\/api\/auth\/callback\/credentials/);
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(expected[i]!);
    }
    // Even the right password is refused while the account is locked.
    await page.getByLabel("Password").fill(facilitator.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Too many failed sign-ins.*about 15 minutes/);
    await expect(page).toHaveURL(/\/signin/);
  });

  test("sign-up API answers bad input with the documented error shape", async ({ request }) => {
    const notJson = await request.post("/api/facilitators", { data: "name=x", headers: { "Content-Type": "text/plain" } });
    expect(notJson.status()).toBe(415);
    expect((await notJson.json()).error.code).toBe("unsupported_media_type");

    const broken = await request.post("/api/facilitators", { data: Buffer.from("{not json"), headers: { "Content-Type": "application/json" } });
    expect(broken.status()).toBe(400);
    expect((await broken.json()).error).toEqual({ code: "bad_request", message: "The request body is not valid JSON." });

    const invalid = await request.post("/api/facilitators", { data: { name: "", email: "x@e2e.test", password: PASSWORD } });
    expect(invalid.status()).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "validation_failed", field: "name" });

    const wrongTypes = await request.post("/api/facilitators", { data: [1, 2, 3] });
    expect(wrongTypes.status()).toBe(400);
  });
});

test.describe("operations", () => {
  test("health answers ok when the database answers", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  test("a facilitator created with the operator CLI signs in through the form; its API token is accepted", async ({ page }) => {
    const info = serverInfo();
    const email = uniqueEmail("cli");
    const env = { ...process.env, DATABASE_URL: info.databaseUrl, DATA_DIR: info.dir, BCRYPT_COST: "8" };
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const created = execFileSync(tsx, ["scripts/facilitator.ts", "create", "--email", email, "--name", "Operator Olga", "--password-stdin"], {
      input: `${PASSWORD}\n`,
      env,
      encoding: "utf8",
    });
    expect(created).toContain(`Created facilitator Operator Olga <${email}>`);
    const token = execFileSync(tsx, ["scripts/facilitator.ts", "token", "--email", email], { env, encoding: "utf8" }).trim();
    expect(token).toMatch(/^stk_[A-Za-z0-9_-]{43}$/);

    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Welcome, Operator Olga" })).toBeVisible();
  });

  test("accounts and sign-in sessions survive a server restart", async ({ browser, request }) => {
    const creds = await createFacilitator(request, "Durable Dora");
    const context = await browser.newContext();
    await signInViaApi(context, creds);
    await restartServer();
    const page = await context.newPage();
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Welcome, Durable Dora" })).toBeVisible();
    await context.close();

    const fresh = await browser.newContext();
    await signInViaApi(fresh, creds);
    await fresh.close();
  });
});
