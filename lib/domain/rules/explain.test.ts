import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/messages";
import { explainRules, PRESET_BAND_IDS, ruleTags, tagOfLabel, type ExplainableRules, type RuleTag } from "./explain";
import { DISTRIBUTION_PRESETS } from "./forced-distribution";
import { DEFAULT_NORM } from "./norm";
import { DEFAULT_TIERS } from "./nosedive";
import { describeRules, PLAIN_RULES, type RuleSet } from "./ruleset";

const none: ExplainableRules = { distribution: null, nosedive: null, norm: null, quotaBallots: null, teams: null, k: 3 };

describe("plain-language rule explainers", () => {
  it.each<[string, Partial<ExplainableRules>, string[]]>([
    ["plain rules: nothing to explain", {}, []],
    [
      "Nosedive, highest weight first",
      { nosedive: { tiers: [{ name: "Low-rated", weight: 0.5 }, { name: "Standard", weight: 1 }, { name: "Prime", weight: 2 }, { name: "Elite", weight: 4 }] } },
      ["Nosedive: the better you are rated, the more your stars count — Elite: your ratings count ×4; Prime: your ratings count ×2; Standard: your ratings count ×1; Low-rated: your ratings count ×0.5."],
    ],
    [
      "the vitality curve and quota ballots",
      { distribution: { bands: [{ name: "Top", percent: 20 }, { name: "Vital", percent: 70 }, { name: "Bottom", percent: 10 }] }, quotaBallots: { share: 0.2 } },
      [
        "Curve: Top 20%, Vital 70%, Bottom 10% — fixed shares of the room, however good everyone's scores are.",
        "Quota: on each quality you may give top marks to at most 20% of your colleagues.",
      ],
    ],
    [
      "a preset curve whose band names state their share",
      { distribution: { bands: [{ name: "Top 20%", percent: 20 }, { name: "Vital 70%", percent: 70 }, { name: "Bottom 10%", percent: 10 }] } },
      ["Curve: Top 20%, Vital 70%, Bottom 10% — fixed shares of the room, however good everyone's scores are."],
    ],
    [
      "the ratchet norm",
      { norm: { recordPercent: 150, ratchet: true } },
      ["Norm: the bar is set from last round's scores; reach 150% of it and you are a Stakhanovite. It only ever goes up."],
    ],
  ])("%s", (_name, rules, expected) => {
    expect(explainRules({ ...none, ...rules }).map((e) => e.text)).toEqual(expected);
  });
});

describe("rule tags: describeRules' labels as ids, in every language", () => {
  const en = createTranslator({ locale: "en", messages: MESSAGES.en, namespace: "live.rules" });
  // The same call the screens make (components/live/rule-text.tsx).
  const render = (tag: RuleTag) => en(tag.id, { preset: tag.preset === "civil-service" ? "civil" : (tag.preset ?? "custom"), percents: (tag.percents ?? []).join("/"), value: tag.value ?? 0 });
  const vitality = { preset: "vitality" as const, bands: DISTRIBUTION_PRESETS[0]!.bands };
  const civil = { preset: "civil-service" as const, bands: DISTRIBUTION_PRESETS[1]!.bands };
  const custom = { preset: "custom" as const, bands: [{ name: "A", percent: 30 }, { name: "B", percent: 70 }] };

  const CASES: [string, RuleSet][] = [
    ["plain", PLAIN_RULES],
    ["vitality and quota", { ...PLAIN_RULES, distribution: vitality, quotaBallots: { share: 0.2 } }],
    ["civil service", { ...PLAIN_RULES, distribution: civil }],
    ["a custom curve", { ...PLAIN_RULES, distribution: custom }],
    ["Nosedive and the ratchet norm", { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS }, norm: { ...DEFAULT_NORM, ratchet: true } }],
    ["the plain norm", { ...PLAIN_RULES, norm: { ...DEFAULT_NORM, ratchet: false } }],
    [
      "every conference amendment",
      { ...PLAIN_RULES, teams: { size: 4 }, minRaters: 5, leaderboardAbolished: true, ratingsPaused: true },
    ],
  ];

  it.each(CASES)("%s: the English catalog gives describeRules' words exactly", (_name, rules) => {
    expect(ruleTags(rules).map(render)).toEqual(describeRules(rules));
  });

  it.each(CASES)("%s: tagOfLabel reads describeRules' labels back into the tags", (_name, rules) => {
    expect(describeRules(rules).map(tagOfLabel)).toEqual(ruleTags(rules));
  });

  it("tagOfLabel leaves text describeRules does not make alone", () => {
    expect(tagOfLabel("Coffee for the whole brigade")).toBeNull();
    expect(tagOfLabel("Quota ballots (lots)")).toBeNull();
  });

  it("every preset band has an id with a message in every language", () => {
    for (const preset of DISTRIBUTION_PRESETS) {
      for (const band of preset.bands) {
        const id = PRESET_BAND_IDS[band.name];
        expect(id, band.name).toBeDefined();
        expect((MESSAGES.en.content.bands as Record<string, string>)[id!]).toBe(band.name);
      }
    }
  });
});
