import { describe, expect, it } from "vitest";
import { DEFAULT_TIERS, freezeTiers, frozenTierScores, middleTier, nosediveScores, tierFor, validateTiers, type WeightedRating } from "./nosedive";
import { applyRules } from "./apply";
import { PLAIN_RULES } from "./ruleset";
import type { TargetAggregate } from "../scoring";

const r = (raterId: string, targetId: string, score: number, dimension = "x"): WeightedRating => ({ raterId, targetId, dimension, score });

describe("tierFor (default tiers: <2.5 → 0.5, 2.5–3.5 → 1, 3.5–4.5 → 2, ≥4.5 → 4)", () => {
  it.each([
    [null, 0, 0.5],
    [0, 0, 0.5],
    [2.49, 0, 0.5],
    [2.5, 1, 1],
    [3.49, 1, 1],
    [3.5, 2, 2],
    [4.49, 2, 2],
    [4.5, 3, 4],
    [5, 3, 4],
  ])("score %s → tier %i (weight %s)", (score, tier, weight) => {
    expect(tierFor(score, DEFAULT_TIERS)).toBe(tier);
    expect(DEFAULT_TIERS[tier]!.weight).toBe(weight);
  });
});

describe("nosediveScores", () => {
  it("weights each rating by the rater's tier", () => {
    // E is rated 5 by everyone → Elite (4); L is rated 1 → Low (0.5); M is rated 3 → Standard (1).
    const ratings = [
      r("L", "E", 5), r("M", "E", 5), r("T", "E", 5),
      r("E", "L", 1), r("M", "L", 1), r("T", "L", 1),
      r("E", "M", 3), r("L", "M", 3), r("T", "M", 3),
      // T is judged by E (4 × 5) and L (0.5 × 1): (20 + 0.5) / 4.5 = 4.5556; plain mean would be 3.
      r("E", "T", 5), r("L", "T", 1),
    ];
    const result = nosediveScores(ratings, ["E", "L", "M", "T"], 2);
    expect(result.scores.get("T")).toBeCloseTo(20.5 / 4.5, 10);
    expect(result.tiers.get("E")).toBe(3);
    expect(result.tiers.get("L")).toBe(0);
    expect(result.cycled).toBe(false);
  });

  it("changes the ranking compared with plain means for the same ratings", () => {
    // P is praised by the powerful, Q by the powerless; plainly Q (4.0) beats P (3.5).
    const ratings = [
      r("X", "Boss", 5), r("Y", "Boss", 5), r("P", "Boss", 5), r("Q", "Boss", 5),
      r("Boss", "X", 1), r("Y", "X", 1), r("Q", "X", 1), r("P", "X", 1),
      r("Boss", "Y", 1), r("X", "Y", 1), r("Q", "Y", 1), r("P", "Y", 1),
      r("Boss", "P", 5), r("X", "P", 2), r("Y", "P", 2), r("Q", "P", 5),
      r("Boss", "Q", 2), r("X", "Q", 5), r("Y", "Q", 5), r("P", "Q", 4),
    ];
    const ids = ["Boss", "X", "Y", "P", "Q"];
    const plain = nosediveScores(ratings, ids, 3, DEFAULT_TIERS.map((t) => ({ ...t, weight: 1 })));
    expect(plain.scores.get("P")).toBe(3.5);
    expect(plain.scores.get("Q")).toBe(4);
    const weighted = nosediveScores(ratings, ids, 3);
    expect(weighted.scores.get("P")!).toBeGreaterThan(weighted.scores.get("Q")!);
  });

  it("settles a feedback cycle on the lowest tiers held in it, identically every time", () => {
    // Found by search: naive iteration alternates C/D between tiers {2,1} and {1,0} forever.
    const ratings = [
      r("A", "B", 4), r("A", "C", 5), r("A", "D", 5), r("B", "A", 2), r("B", "C", 4), r("B", "D", 4),
      r("C", "A", 1), r("C", "B", 1), r("C", "D", 1), r("D", "B", 1), r("D", "C", 2),
    ];
    const ids = ["A", "B", "C", "D"];
    const first = nosediveScores(ratings, ids, 1);
    expect(first.cycled).toBe(true);
    expect([...first.tiers]).toEqual([["A", 0], ["B", 0], ["C", 1], ["D", 0]]);
    // Weights .5/.5/1/.5 → A: (.5·2 + 1·1)/1.5, B: (.5·4 + 1·1 + .5·1)/2, C: (.5·5 + .5·4 + .5·2)/1.5, D: (.5·5 + .5·4 + 1·1)/2
    expect(first.scores.get("A")).toBeCloseTo(2 / 1.5, 10);
    expect(first.scores.get("B")).toBeCloseTo(1.75, 10);
    expect(first.scores.get("C")).toBeCloseTo(5.5 / 1.5, 10);
    expect(first.scores.get("D")).toBeCloseTo(2.75, 10);
    // Two snapshots of the same ratings are identical: no flicker between states.
    const second = nosediveScores([...ratings].reverse(), ids, 1);
    expect([...second.scores]).toEqual([...first.scores]);
    expect([...second.tiers]).toEqual([...first.tiers]);
  });

  it("leaves people below k unrated and puts them in the lowest tier", () => {
    const result = nosediveScores([r("A", "B", 5), r("C", "B", 5)], ["A", "B", "C"], 3);
    expect(result.scores.get("B")).toBeNull();
    expect(result.tiers.get("B")).toBe(0);
  });
});

describe("validateTiers", () => {
  it.each([
    [DEFAULT_TIERS, null],
    [[DEFAULT_TIERS[0]!], "Nosedive weighting needs 2 to 6 tiers."],
    [[{ ...DEFAULT_TIERS[0]!, min: 1 }, DEFAULT_TIERS[1]!], "The first tier must start at 0 (it also holds people not yet rated)."],
    [[DEFAULT_TIERS[0]!, DEFAULT_TIERS[2]!, DEFAULT_TIERS[1]!], "Tier thresholds must increase."],
    [[DEFAULT_TIERS[0]!, { ...DEFAULT_TIERS[1]!, weight: 0 }], "Tier weights must be above 0 and at most 100."],
  ])("%#", (tiers, message) => {
    expect(validateTiers(tiers)).toBe(message);
  });
});

describe("frozen tiers (one per round)", () => {
  it("puts everyone in the middle tier in round 1 and after a round nobody was ranked in", () => {
    expect(freezeTiers(null, ["a", "b"], DEFAULT_TIERS)).toEqual({ a: 1, b: 1 });
    expect(freezeTiers(new Map([["a", null]]), ["a", "b"], DEFAULT_TIERS)).toEqual({ a: 1, b: 1 });
    expect(middleTier(DEFAULT_TIERS.slice(0, 2))).toBe(0);
  });

  it("takes each tier from the previous round's released score; the unrated get the lowest, newcomers the middle", () => {
    const previous = new Map<string, number | null>([
      ["elite", 4.6],
      ["prime", 3.9],
      ["low", 2.0],
      ["unrated", null],
    ]);
    expect(freezeTiers(previous, ["elite", "prime", "low", "unrated", "new"], DEFAULT_TIERS)).toEqual({ elite: 3, prime: 2, low: 0, unrated: 0, new: 1 });
  });

  it("weights with the frozen tiers only: a rater whose own score would flip the tier changes nobody's score", () => {
    const ratings = [
      { raterId: "x", targetId: "t", dimension: "d", score: 5 },
      { raterId: "y", targetId: "t", dimension: "d", score: 1 },
      { raterId: "a", targetId: "x", dimension: "d", score: 5 },
      { raterId: "b", targetId: "x", dimension: "d", score: 5 },
    ];
    const frozen = { x: 3, y: 1 }; // x counts ×4, y ×1
    const scores = frozenTierScores(ratings, ["t", "x"], 2, DEFAULT_TIERS, frozen);
    expect(scores.get("t")).toBeCloseTo((4 * 5 + 1 * 1) / 5);
    // x's ratings do not follow x's own (changing) score within the round.
    const lowered = frozenTierScores([...ratings.slice(0, 2), { raterId: "a", targetId: "x", dimension: "d", score: 1 }, { raterId: "b", targetId: "x", dimension: "d", score: 1 }], ["t", "x"], 2, DEFAULT_TIERS, frozen);
    expect(lowered.get("t")).toBe(scores.get("t"));
  });

  it("applyRules shows the frozen tier on every entry and scores with it", () => {
    const targets: TargetAggregate[] = [
      { participantId: "t", displayName: "T", distinctRaters: 2, dimensions: { d: { sum: 6, count: 2 } } },
      { participantId: "x", displayName: "X", distinctRaters: 0, dimensions: {} },
    ];
    const ratings = [
      { raterId: "x", targetId: "t", dimension: "d", score: 5 },
      { raterId: "y", targetId: "t", dimension: "d", score: 1 },
    ];
    const rules = { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS } };
    const entries = applyRules(targets, () => ratings, 2, rules, null, { frozenTiers: { x: 3, y: 1, t: 0 } });
    const t = entries.find((e) => e.participantId === "t")!;
    expect(t.score).toBeCloseTo(4.2, 1);
    expect(t.tier?.name).toBe("Low-rated");
    expect(entries.find((e) => e.participantId === "x")!.tier?.name).toBe("Elite");
  });
});
