import { defineConfig, devices } from "@playwright/test";
import { findChromium, NO_BROWSER_MESSAGE } from "./scripts/find-browser.cjs";

const browser = findChromium();
if (!browser) throw new Error(NO_BROWSER_MESSAGE);

const port = Number(process.env.STAKHANOV_E2E_PORT ?? "3100");

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  // One worker: the suite restarts the server in some tests, and 2-core CI machines
  // run several browser contexts per test already.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "reports/e2e-results.json" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: browser.path,
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
