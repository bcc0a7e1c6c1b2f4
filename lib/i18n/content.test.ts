import { describe, expect, it } from "vitest";
import { DEFAULT_DIMENSIONS, DEFAULT_DIMENSION_KEYS } from "@/lib/domain/session-config";
import { defaultDimensions } from "./content";

describe("defaultDimensions", () => {
  it("English is the essay's seven", () => {
    expect(defaultDimensions("en").map((d) => d.label)).toEqual([...DEFAULT_DIMENSIONS]);
  });
  it("every language has the same keys, in the same order", () => {
    for (const locale of ["en", "de", "ru"] as const) expect(defaultDimensions(locale).map((d) => d.key)).toEqual([...DEFAULT_DIMENSION_KEYS]);
  });
  it("speaks the workshop's words, not a word-for-word copy", () => {
    expect(defaultDimensions("de").map((d) => d.label)).toContain("Potenzial");
    expect(defaultDimensions("de").map((d) => d.label)).toContain("Leidenschaft & Engagement");
    expect(defaultDimensions("ru")[0]!.label).toBe("Потенциал");
  });
});
