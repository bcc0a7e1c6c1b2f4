// Accessibility audit helper: axe-core (WCAG 2.0/2.1 A and AA rules) on the
// page as it is now, at phone and at projector size. Fails on any serious or
// critical violation and names the rule, the help text and the elements.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const PHONE_SIZE = { width: 390, height: 844 };
export const PROJECTOR_SIZE = { width: 1920, height: 1080 };
export const SIZES = [
  { name: "phone", ...PHONE_SIZE },
  { name: "projector", ...PROJECTOR_SIZE },
] as const;

/** Serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const started = Date.now();
  // Legacy mode runs axe in the page itself (our pages have no iframes) instead of opening a blank tab per run;
  // resultTypes: only violations get full node details. Both make a run several times faster.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).options({ resultTypes: ["violations"] }).analyze();
  if (process.env.STAKHANOV_A11Y_TIMING) console.log(`axe: ${page.url()} ${page.viewportSize()?.width}px in ${Date.now() - started} ms`);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes
      .slice(0, 5)
      .map((n) => `${n.target.join(" ")}${n.failureSummary ? ` (${n.failureSummary.split("\n").slice(1, 2).join("").trim()})` : ""}`)
      .join("; ")}`);
}

/** Audits the page at phone size and at projector size (then restores the original size). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const original = page.viewportSize();
  // A background tab's timers are throttled, and axe runs in timer-sized chunks.
  await page.bringToFront();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // Let layout-dependent rendering (e.g. the board's page size) settle; no fade may be half-way
    // (axe reads a fading text against whatever shows through it). Motion is tested in keyboard.spec.ts.
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.waitForTimeout(150);
    // Soft: one run reports every page's violations, the test still fails.
    expect.soft(await seriousViolations(page), `${label} at ${size.name} size`).toEqual([]);
  }
  await page.emulateMedia({ reducedMotion: null });
  if (original) await page.setViewportSize(original);
}
