import { describe, expect, it } from "vitest";
import { DISTRIBUTION_PRESETS } from "../rules/forced-distribution";
import { DEFAULT_TIERS } from "../rules/nosedive";
import { applyRules } from "../rules/apply";
import { PLAIN_RULES, ruleSetSchema, type RuleSet } from "../rules/ruleset";
import { afterRound, applyAmendments, brigades, describeAmendment, tallyProposals, teamScores, votesNeeded, type Amendment, kInForce } from "./conference";

const vitality: RuleSet = {
  ...PLAIN_RULES,
  distribution: { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands },
  nosedive: { tiers: DEFAULT_TIERS },
  quotaBallots: { share: 0.2 },
};
const a = (kind: Amendment["kind"], extra: Partial<Amendment> = {}): Amendment => ({ kind, round: 3, ...extra });

describe("votesNeeded", () => {
  it("is more than half of the active participants by default", () => {
    expect(votesNeeded(6, null)).toBe(4);
    expect(votesNeeded(7, null)).toBe(4);
    expect(votesNeeded(1, null)).toBe(1);
  });
  it("is the facilitator's percentage, rounded up, at least one", () => {
    expect(votesNeeded(6, 30)).toBe(2);
    expect(votesNeeded(10, 75)).toBe(8);
    expect(votesNeeded(3, 1)).toBe(1);
    expect(votesNeeded(6, 100)).toBe(6);
  });
});

describe("tallyProposals", () => {
  const eligible = new Set(["p1", "p2", "p3", "p4", "p5", "p6"]);
  const votes = (proposalId: string, yes: string[], no: string[] = []) => [
    ...yes.map((voterId) => ({ proposalId, voterId, vote: "for" as const })),
    ...no.map((voterId) => ({ proposalId, voterId, vote: "against" as const })),
  ];
  it("passes menu proposals on the threshold and counts only eligible voters", () => {
    const result = tallyProposals(
      [
        { id: "A", kind: "abolish-leaderboard", accepted: null },
        { id: "B", kind: "stop-nosedive", accepted: null },
      ],
      [...votes("A", ["p1", "p2", "p3", "p4"], ["p5"]), ...votes("B", ["p1", "p2", "p3", "observer"], ["p4"])],
      eligible,
      4,
    );
    expect(result).toEqual([
      { id: "A", for: 4, against: 1, passed: true },
      { id: "B", for: 3, against: 1, passed: false },
    ]);
  });
  it("passes free text only when the facilitator accepts it, whatever the votes", () => {
    const result = tallyProposals(
      [
        { id: "F1", kind: "free-text", accepted: null },
        { id: "F2", kind: "free-text", accepted: true },
        { id: "F3", kind: "free-text", accepted: false },
      ],
      [...votes("F1", ["p1", "p2", "p3", "p4", "p5"]), ...votes("F3", ["p1", "p2", "p3", "p4", "p5"])],
      eligible,
      4,
    );
    expect(result.map((r) => r.passed)).toEqual([false, true, false]);
  });
});

describe("applyAmendments", () => {
  it("leaves the rules alone with no amendments", () => {
    expect(applyAmendments(vitality, [])).toEqual(vitality);
  });
  it("abolishes the leaderboard", () => {
    expect(applyAmendments(PLAIN_RULES, [a("abolish-leaderboard")]).leaderboardAbolished).toBe(true);
  });
  it("switches to team scores", () => {
    expect(applyAmendments(PLAIN_RULES, [a("team-scores")]).teams).toEqual({ size: 4 });
  });
  it("raises the anonymity threshold, never lowers it", () => {
    expect(applyAmendments(PLAIN_RULES, [a("raise-k", { value: 5 })]).minRaters).toBe(5);
    expect(applyAmendments(PLAIN_RULES, [a("raise-k", { value: 5 }), a("raise-k", { value: 4 })]).minRaters).toBe(5);
  });
  it("caps the bottom band at 5% and gives the rest to the band above", () => {
    const out = applyAmendments(vitality, [a("cap-distribution")]);
    expect(out.distribution?.bands.map((b) => b.percent)).toEqual([20, 75, 5]);
    expect(out.distribution?.bands.reduce((s, b) => s + b.percent, 0)).toBe(100);
    expect(ruleSetSchema.safeParse(out).success).toBe(true);
    expect(applyAmendments(PLAIN_RULES, [a("cap-distribution")]).distribution).toBeNull();
  });
  it("drops the distribution and the quota ballots", () => {
    const out = applyAmendments(vitality, [a("drop-distribution")]);
    expect(out.distribution).toBeNull();
    expect(out.quotaBallots).toBeNull();
    expect(out.nosedive).not.toBeNull();
  });
  it("stops Nosedive weighting", () => {
    expect(applyAmendments(vitality, [a("stop-nosedive")]).nosedive).toBeNull();
  });
  it("pauses ratings for one round only", () => {
    const list = [a("pause-ratings"), a("stop-nosedive")];
    expect(applyAmendments(PLAIN_RULES, list).ratingsPaused).toBe(true);
    expect(afterRound(list)).toEqual([a("stop-nosedive")]);
  });
  it("changes no rule for an accepted free-text proposal", () => {
    expect(applyAmendments(vitality, [a("free-text", { text: "Coffee for everyone" })])).toEqual(vitality);
  });
  it("describes each amendment in words", () => {
    expect(describeAmendment(a("raise-k", { value: 5 }))).toBe("Raise the anonymity threshold to 5 raters");
    expect(describeAmendment(a("free-text", { text: "Coffee" }))).toBe("Coffee");
  });
});

describe("team scores", () => {
  it("deals brigades round-robin in id order", () => {
    const ids = ["f", "a", "e", "b", "d", "c", "g", "h", "i"];
    const teams = brigades(ids, 4);
    // 9 people, brigades of about 4 → 3 brigades.
    expect(new Set(teams.values()).size).toBe(3);
    expect(teams.get("a")).toBe(0);
    expect(teams.get("b")).toBe(1);
    expect(teams.get("d")).toBe(0);
  });
  it("gives everyone their brigade's mean over members with a score", () => {
    const scores = new Map<string, number | null>([
      ["a", 5],
      ["b", 1],
      ["c", 3],
      ["d", null],
      ["e", 4],
    ]);
    const out = teamScores(scores, 3);
    // 5 people → 2 brigades: a,c,e (0) and b,d (1).
    expect(out.get("a")).toEqual({ team: 0, score: 4 });
    expect(out.get("e")).toEqual({ team: 0, score: 4 });
    expect(out.get("d")).toEqual({ team: 1, score: 1 });
  });
  it("ranks by brigade in applyRules", () => {
    const agg = (id: string, score: number) => ({ participantId: id, displayName: id.toUpperCase(), distinctRaters: 3, dimensions: { x: { sum: score * 3, count: 3 } } });
    const entries = applyRules([agg("a", 5), agg("b", 1), agg("c", 3), agg("d", 2)], () => [], 3, { ...PLAIN_RULES, teams: { size: 2 } }, null);
    // brigades: a,c (mean 4) and b,d (mean 1.5)
    expect(entries.map((e) => [e.participantId, e.score, e.rank, e.team])).toEqual([
      ["a", 4, 1, 0],
      ["c", 4, 1, 0],
      ["b", 1.5, 3, 1],
      ["d", 1.5, 3, 1],
    ]);
  });
});

describe("applyRules with amendments and tribunal penalties", () => {
  const agg = (id: string, score: number, raters = 3) => ({ participantId: id, displayName: id, distinctRaters: raters, dimensions: { x: { sum: score * raters, count: raters } } });
  it("hides scores below a raised threshold", () => {
    const entries = applyRules([agg("a", 5, 3), agg("b", 4, 5)], () => [], 3, { ...PLAIN_RULES, minRaters: 5 }, null);
    expect(entries.find((e) => e.participantId === "a")?.score).toBeNull();
    expect(entries.find((e) => e.participantId === "b")?.score).toBe(4);
  });
  it("applies penalties before ranking and bands", () => {
    const rules: RuleSet = { ...PLAIN_RULES, distribution: { preset: "custom", bands: [{ name: "Top", percent: 50 }, { name: "Bottom", percent: 50 }] } };
    const entries = applyRules([agg("a", 5), agg("b", 4.5), agg("c", 3), agg("d", 2)], () => [], 3, rules, null, {
      adjustments: new Map([["a", -1]]),
      scale: { min: 1, max: 5 },
    });
    expect(entries.map((e) => [e.participantId, e.score, e.rank, e.band?.name])).toEqual([
      ["b", 4.5, 1, "Top"],
      ["a", 4, 2, "Top"],
      ["c", 3, 3, "Bottom"],
      ["d", 2, 4, "Bottom"],
    ]);
  });
});

describe("kInForce", () => {
  it.each([
    [3, [], 3],
    [3, [{ kind: "raise-k" as const, value: 5 }], 5],
    [6, [{ kind: "raise-k" as const, value: 5 }], 6],
    [3, [{ kind: "raise-k" as const, value: 4 }, { kind: "raise-k" as const, value: 6 }, { kind: "stop-nosedive" as const }], 6],
    [3, [{ kind: "abolish-leaderboard" as const }], 3],
  ])("session k %i with %o → %i", (k, amendments, expected) => {
    expect(kInForce(k, amendments)).toBe(expected);
  });
});
