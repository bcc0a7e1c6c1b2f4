import { describe, expect, it } from "vitest";
import { explainRules, type ExplainableRules } from "./explain";

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
      "the ratchet norm",
      { norm: { recordPercent: 150, ratchet: true } },
      ["Norm: the bar is set from last round's scores; reach 150% of it and you are a Stakhanovite. It only ever goes up."],
    ],
  ])("%s", (_name, rules, expected) => {
    expect(explainRules({ ...none, ...rules }).map((e) => e.text)).toEqual(expected);
  });
});
