import { describe, expect, it } from "vitest";
import { RoundBoard } from "./round-board";
import { computeLeaderboard } from "./scoring";
import * as stats from "./stats";
import { type RatingRow, replay, thresholdRule } from "./stats";

describe("lib/domain/stats", () => {
  it("exports the whole API from one module", () => {
    const names = [
      "gini",
      "histogram",
      "pearson",
      "averageRanks",
      "spearman",
      "kendallTau",
      "rankByScore",
      "rankChanges",
      "risersAndFallers",
      "reciprocity",
      "revengeDrops",
      "mutualAdmirationPairs",
      "admirationGraph",
      "cliques",
      "haloCorrelation",
      "leniency",
      "classifyRater",
      "targetAggregate",
      "plainMeanRule",
      "thresholdRule",
      "replay",
      "blindSpots",
    ];
    for (const name of names) expect(typeof (stats as Record<string, unknown>)[name], name).toBe("function");
    expect(Object.keys(stats).sort()).toEqual([...names].sort());
  });

  describe("replaying the live rule gives the live leaderboard", () => {
    // A deterministic pseudo-random session: 14 people, 3 dimensions, uneven rater counts, some scores changed.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const participants = Array.from({ length: 14 }, (_, i) => ({ id: `p${i}`, displayName: `Person ${(i * 5) % 14}` }));
    const dimensions = ["talent", "passion", "growth"];
    const latest = new Map<string, RatingRow>();
    const board = new RoundBoard();
    for (let step = 0; step < 100; step++) {
      const rater = participants[Math.floor(next() * participants.length)];
      const target = participants[Math.floor(next() * participants.length)];
      const dimension = dimensions[Math.floor(next() * dimensions.length)];
      if (!rater || !target || !dimension || rater === target) continue;
      const row = { round: 1, raterId: rater.id, targetId: target.id, dimension, score: 1 + Math.floor(next() * 5) };
      latest.set(`${row.raterId} ${row.targetId} ${row.dimension}`, row);
      board.apply(row);
    }
    const rows = [...latest.values()];

    it.each([1, 2, 3, 4, 5])("k = %i", (k) => {
      const live = computeLeaderboard(
        participants.map((p) => board.aggregate(p.id, p.displayName)),
        k,
      );
      const [replayed] = replay(rows, participants, dimensions, [thresholdRule(k)]);
      expect([...(replayed?.ranks ?? [])]).toEqual(live.map((e) => [e.participantId, e.rank]));
    });

    it("and the fixture is not degenerate: k matters and there are ties", () => {
      const [k1, k4] = replay(rows, participants, dimensions, [thresholdRule(1), thresholdRule(4)]).map((r) => [...r.ranks.values()]);
      const ranked = (ranks: (number | null)[] = []) => ranks.filter((r) => r !== null);
      expect(ranked(k1).length).toBe(14);
      expect(ranked(k4).length).toBeGreaterThan(2);
      expect(ranked(k4).length).toBeLessThan(14);
      expect(new Set(ranked(k1)).size).toBeLessThan(14);
    });
  });
});
