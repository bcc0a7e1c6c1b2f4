import { describe, expect, it } from "vitest";
import { agendaItemFor, agendaSchema, describeRules, NOSEDIVE_ARC, PLAIN_RULES, ruleSetSchema } from "./ruleset";

describe("rule sets and the agenda", () => {
  it("the Nosedive arc is a valid agenda that ends in forced distribution, in about 45 minutes with discussion", () => {
    expect(agendaSchema.safeParse(NOSEDIVE_ARC).success).toBe(true);
    expect(NOSEDIVE_ARC[0]!.rules).toEqual(PLAIN_RULES);
    expect(NOSEDIVE_ARC.at(-1)!.rules.distribution?.preset).toBe("vitality");
    const minutes = NOSEDIVE_ARC.reduce((s, i) => s + (i.durationSeconds ?? 0), 0) / 60;
    expect(minutes).toBeGreaterThanOrEqual(25); // rating time; the rest of the 45 minutes is talk
    expect(minutes).toBeLessThanOrEqual(35);
  });

  it.each([
    [{ ...PLAIN_RULES }, true],
    [{ ...PLAIN_RULES, distribution: { preset: "custom", bands: [{ name: "A", percent: 50 }, { name: "B", percent: 40 }] } }, false],
    [{ ...PLAIN_RULES, quotaBallots: { share: 0.01 } }, false],
    [{ ...PLAIN_RULES, norm: { mode: "fixed", recordPercent: 125, ratchet: false } }, false],
    [{ ...PLAIN_RULES, norm: { mode: "fixed", fixedValue: 3, recordPercent: 125, ratchet: false } }, true],
  ])("rule set %# valid=%s", (rules, valid) => {
    expect(ruleSetSchema.safeParse(rules).success).toBe(valid);
  });

  it("rounds past the end of the agenda are plain", () => {
    expect(agendaItemFor(NOSEDIVE_ARC, 1)?.title).toBe("First impressions");
    expect(agendaItemFor(NOSEDIVE_ARC, 7)).toBeNull();
    expect(agendaItemFor([], 1)).toBeNull();
  });

  it("describes the rules in a few words", () => {
    expect(describeRules(PLAIN_RULES)).toEqual(["Plain 360°"]);
    expect(describeRules(NOSEDIVE_ARC.at(-1)!.rules)).toEqual([
      "Vitality curve 20/70/10",
      "Nosedive weighting",
      "Stakhanovite norm (ratchet)",
      "Quota ballots (20% top scores)",
    ]);
  });
});
