// Where is a Chromium the tests can drive? CHROMIUM_PATH, then Debian's
// /usr/bin/chromium, then a browser Playwright installed itself.
const fs = require("node:fs");

const NO_BROWSER_MESSAGE =
  "No Chromium found for the browser tests: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome executable.";

/** @returns {{ path: string | undefined, source: string } | null} */
function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    return fs.existsSync(process.env.CHROMIUM_PATH) ? { path: process.env.CHROMIUM_PATH, source: "CHROMIUM_PATH" } : null;
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (fs.existsSync(candidate)) return { path: candidate, source: "system" };
  }
  try {
    const own = require("@playwright/test").chromium.executablePath();
    if (own && fs.existsSync(own)) return { path: undefined, source: "playwright" };
  } catch {
    // Playwright has no browser of its own here
  }
  return null;
}

module.exports = { findChromium, NO_BROWSER_MESSAGE };
