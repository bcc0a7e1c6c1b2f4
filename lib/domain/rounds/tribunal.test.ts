import { describe, expect, it } from "vitest";
import { adjustScore, denunciationProblem, describeCharges, feed, scoreAdjustments, type Denunciation } from "./tribunal";

const d = (accuserId: string, accusedId: string, charge = "Lack of enthusiasm"): Denunciation => ({ accuserId, accusedId, charge });

describe("scoreAdjustments", () => {
  const config = { penalty: 0.25, cap: 1, reward: 0 };
  it("takes the penalty once per distinct accuser", () => {
    const adj = scoreAdjustments([d("a", "x"), d("b", "x"), d("a", "y")], config, true);
    expect(adj.get("x")).toBe(-0.5);
    expect(adj.get("y")).toBe(-0.25);
    expect(adj.has("a")).toBe(false);
  });

  it("caps the penalty", () => {
    const many = ["a", "b", "c", "e", "f", "g"].map((who) => d(who, "x"));
    expect(scoreAdjustments(many, config, true).get("x")).toBe(-1);
    expect(scoreAdjustments(many, { ...config, cap: 0.6 }, true).get("x")).toBe(-0.6);
  });

  it("counts a repeated accuser once", () => {
    expect(scoreAdjustments([d("a", "x"), d("a", "x", "Wrecking")], config, true).get("x")).toBe(-0.25);
  });

  it("ignores self-denunciations", () => {
    expect(scoreAdjustments([d("x", "x")], config, true).size).toBe(0);
  });

  it("rewards accusers only when asked (after the round), capped, and off by default", () => {
    const list = [d("a", "x"), d("a", "y"), d("a", "z"), d("a", "w"), d("a", "v")];
    expect(scoreAdjustments(list, config, true).has("a")).toBe(false);
    const rewarded = { penalty: 0.25, cap: 1, reward: 0.3 };
    expect(scoreAdjustments(list, rewarded, false).has("a")).toBe(false);
    expect(scoreAdjustments(list, rewarded, true).get("a")).toBe(1);
    expect(scoreAdjustments([d("a", "x")], rewarded, true).get("a")).toBe(0.3);
  });

  it("nets a penalty and a reward for someone who is both accused and accuser", () => {
    const adj = scoreAdjustments([d("a", "x"), d("x", "a")], { penalty: 0.5, cap: 1, reward: 0.2 }, true);
    expect(adj.get("a")).toBe(-0.3);
  });
});

describe("adjustScore", () => {
  it("stays on the scale and leaves unranked people unranked", () => {
    expect(adjustScore(3, -0.5, 1, 5)).toBe(2.5);
    expect(adjustScore(1.2, -1, 1, 5)).toBe(1);
    expect(adjustScore(4.9, 0.5, 1, 5)).toBe(5);
    expect(adjustScore(null, -1, 1, 5)).toBeNull();
    expect(adjustScore(3, undefined, 1, 5)).toBe(3);
  });
});

describe("feed", () => {
  const names = new Map([
    ["x", "Xenia"],
    ["y", "Yuri"],
  ]);
  it("groups charges per accused with counts, most accused first, never naming accusers", () => {
    const list = [d("a", "y", "Wrecking"), d("a", "x", "Wrecking"), d("b", "x", "Lack of enthusiasm"), d("c", "x", "Wrecking")];
    const adj = scoreAdjustments(list, { penalty: 0.25, cap: 1, reward: 0 }, false);
    const items = feed(list, names, adj, new Map([["x", "I only asked questions."]]));
    expect(items).toEqual([
      {
        participantId: "x",
        displayName: "Xenia",
        accusers: 3,
        charges: [
          { charge: "Wrecking", count: 2 },
          { charge: "Lack of enthusiasm", count: 1 },
        ],
        penalty: -0.75,
        appeal: "I only asked questions.",
      },
      { participantId: "y", displayName: "Yuri", accusers: 1, charges: [{ charge: "Wrecking", count: 1 }], penalty: -0.25, appeal: null },
    ]);
    expect(JSON.stringify(items)).not.toMatch(/"a"|"b"|"c"/);
  });

  it("leaves out people no longer in the session", () => {
    expect(feed([d("a", "gone")], names, new Map(), new Map())).toEqual([]);
  });
});

describe("denunciationProblem", () => {
  it("refuses self-denunciation and a second charge against the same colleague", () => {
    expect(denunciationProblem("a", "a", [])).toMatch(/yourself/);
    expect(denunciationProblem("a", "x", [d("a", "x")])).toMatch(/already/);
    expect(denunciationProblem("a", "y", [d("a", "x")])).toBeNull();
    expect(denunciationProblem("b", "x", [d("a", "x")])).toBeNull();
  });
});

describe("describeCharges", () => {
  it("joins the charges with their counts", () => {
    expect(describeCharges([{ charge: "Wrecking", count: 2 }, { charge: "Lack of enthusiasm", count: 1 }])).toBe("Wrecking ×2 · Lack of enthusiasm");
    expect(describeCharges([])).toBe("");
  });
});
