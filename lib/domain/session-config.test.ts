import { describe, expect, it } from "vitest";
import { createSessionSchema, DEFAULT_DIMENSIONS, dimensionsFromLabels, sessionSettingsSchema, slugify } from "./session-config";

describe("slugify", () => {
  it.each([
    ["Potential", "potential"],
    ["Passion & commitment", "passion-commitment"],
    ["  Créativité  ", "creativite"],
    ["!!!", "dimension"],
    ["Continuous learning", "continuous-learning"],
  ])("%j → %j", (label, key) => expect(slugify(label)).toBe(key));
});

describe("dimensionsFromLabels", () => {
  it("keeps order and makes keys unique", () => {
    expect(dimensionsFromLabels(["Talent", "Talent!", "Grit"])).toEqual([
      { key: "talent", label: "Talent" },
      { key: "talent-2", label: "Talent!" },
      { key: "grit", label: "Grit" },
    ]);
  });
  it("gives the essay's seven by default", () => {
    expect(dimensionsFromLabels(DEFAULT_DIMENSIONS).map((d) => d.key)).toEqual([
      "potential",
      "talent",
      "creativity",
      "innovation",
      "passion-commitment",
      "continuous-learning",
      "personal-growth",
    ]);
  });
  it("keeps the seven's stable keys in another language, whatever the case", () => {
    const known = [
      { key: "potential", label: "Potenzial" },
      { key: "passion-commitment", label: "Leidenschaft & Engagement" },
    ];
    expect(dimensionsFromLabels(["potenzial", "Teamgeist", "Leidenschaft & Engagement"], known)).toEqual([
      { key: "potential", label: "potenzial" },
      { key: "teamgeist", label: "Teamgeist" },
      { key: "passion-commitment", label: "Leidenschaft & Engagement" },
    ]);
  });
  it("gives labels without Latin letters a numbered key", () => {
    expect(dimensionsFromLabels(["Харизма", "Лояльность"]).map((d) => d.key)).toEqual(["dimension", "dimension-2"]);
  });
});

describe("createSessionSchema", () => {
  it.each([
    [{ title: "Seminar" }, true],
    [{ title: "  HR 101  ", dimensions: ["Grit"], k: 2 }, true],
    [{ title: "" }, false],
    [{ title: "x".repeat(81) }, false],
    [{ title: "ok", dimensions: [] }, false],
    [{ title: "ok", dimensions: Array.from({ length: 13 }, (_, i) => `D${i}`) }, false],
    [{ title: "ok", dimensions: Array.from({ length: 12 }, (_, i) => `D${i}`) }, true],
    [{ title: "ok", dimensions: ["Talent", "talent"] }, false],
    [{ title: "ok", dimensions: [" "] }, false],
    [{ title: "ok", k: 1 }, false],
    [{ title: "ok", k: 2.5 }, false],
    [{ title: "ok", k: "3" }, false],
    [{ title: "ok", language: "de" }, true],
    [{ title: "ok", language: "ru" }, true],
    [{ title: "ok", language: "fr" }, false],
    [{ title: "ok", language: "DE" }, false],
  ])("%j valid=%s", (input, valid) => {
    expect(createSessionSchema.safeParse(input).success).toBe(valid);
  });
});

describe("sessionSettingsSchema (PATCH /api/sessions/{code})", () => {
  it.each([
    [{ release: { seconds: 2, batch: 2 } }, true],
    [{ maxParticipants: 5_000 }, true],
    [{ release: { seconds: 1, batch: 3 }, maxParticipants: 2 }, true],
    [{ maxParticipants: 20_000 }, true],
    [{}, false],
    [{ maxParticipants: 1 }, false],
    [{ maxParticipants: 20_001 }, false],
    [{ maxParticipants: 100.5 }, false],
    [{ maxParticipants: "100" }, false],
    [{ release: { seconds: 0, batch: 2 } }, false],
    [{ release: { seconds: 2, batch: 1 } }, false],
    [{ language: "ru" }, true],
    [{ language: "xx" }, false],
  ])("%j valid=%s", (input, valid) => {
    expect(sessionSettingsSchema.safeParse(input).success).toBe(valid);
  });
});
