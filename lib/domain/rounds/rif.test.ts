import { describe, expect, it } from "vitest";
import { autoIndex, selectAtRisk, tally, targetSize, type RankedPerson } from "./rif";

const people = (ranks: (number | null)[]): RankedPerson[] => ranks.map((rank, i) => ({ participantId: `p${i + 1}`, rank }));

describe("targetSize", () => {
  it("takes N, or X% rounded up, at least one and at most everyone", () => {
    expect(targetSize({ mode: "count", value: 2 }, 10)).toBe(2);
    expect(targetSize({ mode: "percent", value: 10 }, 10)).toBe(1);
    expect(targetSize({ mode: "percent", value: 10 }, 11)).toBe(2);
    expect(targetSize({ mode: "percent", value: 1 }, 6)).toBe(1);
    expect(targetSize({ mode: "count", value: 50 }, 6)).toBe(6);
  });
});

describe("selectAtRisk", () => {
  it("picks the bottom N by rank, worst first", () => {
    const r = selectAtRisk(people([1, 2, 3, 4, 5, 6]), { mode: "count", value: 2 });
    expect(r).toEqual({ ok: true, atRisk: ["p6", "p5"], size: 2 });
  });

  it("puts everyone tied at the cut at risk", () => {
    // ranks 1,2,3,4,4,6 → bottom 2 = p6 and one of the two 4s → both 4s are in.
    const r = selectAtRisk(people([1, 2, 3, 4, 4, 6]), { mode: "count", value: 2 });
    expect(r.ok && r.atRisk).toEqual(["p6", "p4", "p5"]);
  });

  it("counts people without a rank below everyone ranked", () => {
    const r = selectAtRisk(people([1, null, 2, 3, 4, 5]), { mode: "count", value: 1 });
    expect(r.ok && r.atRisk).toEqual(["p2"]);
  });

  it("uses the percentage of active people", () => {
    const r = selectAtRisk(people([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { mode: "percent", value: 20 });
    expect(r.ok && r.atRisk).toEqual(["p10", "p9"]);
  });

  it("never puts everyone at risk: a tie reaching the top keeps only those strictly below it", () => {
    const r = selectAtRisk(people([1, 1, 1, 1, 5, 6]), { mode: "count", value: 3 });
    expect(r.ok && r.atRisk).toEqual(["p6", "p5"]);
  });

  it("refuses when everyone is tied or nobody has a score", () => {
    expect(selectAtRisk(people([null, null, null]), { mode: "count", value: 1 })).toMatchObject({ ok: false });
    expect(selectAtRisk(people([1, 1, 1, 1]), { mode: "percent", value: 25 })).toMatchObject({ ok: false, message: expect.stringContaining("tied") });
    expect(selectAtRisk(people([1]), { mode: "count", value: 1 })).toMatchObject({ ok: false, message: expect.stringContaining("two") });
  });
});

describe("tally", () => {
  const eligible = new Set(["v1", "v2", "v3", "v4", "a", "b"]);
  it("lets go on a strict majority of let-go votes; ties and silence keep", () => {
    const verdicts = tally(
      ["a", "b", "c"],
      [
        { voterId: "v1", targetId: "a", vote: "let_go" },
        { voterId: "v2", targetId: "a", vote: "let_go" },
        { voterId: "v3", targetId: "a", vote: "keep" },
        { voterId: "v1", targetId: "b", vote: "let_go" },
        { voterId: "v2", targetId: "b", vote: "keep" },
      ],
      eligible,
    );
    expect(verdicts).toEqual([
      { participantId: "a", keep: 1, letGo: 2, outcome: "let_go" },
      { participantId: "b", keep: 1, letGo: 1, outcome: "kept" },
      { participantId: "c", keep: 0, letGo: 0, outcome: "kept" },
    ]);
  });

  it("ignores votes of people at risk, of ineligible voters and about people not at risk", () => {
    const verdicts = tally(
      ["a", "b"],
      [
        { voterId: "b", targetId: "a", vote: "let_go" },
        { voterId: "gone", targetId: "a", vote: "let_go" },
        { voterId: "v1", targetId: "v2", vote: "let_go" },
        { voterId: "v1", targetId: "a", vote: "keep" },
      ],
      eligible,
    );
    expect(verdicts[0]).toEqual({ participantId: "a", keep: 1, letGo: 0, outcome: "kept" });
  });
});

describe("autoIndex", () => {
  it("steps every N seconds from where it was set and stops at the last statement", () => {
    expect(autoIndex(0, 0, 9_999, 10, 4)).toBe(0);
    expect(autoIndex(0, 0, 10_000, 10, 4)).toBe(1);
    expect(autoIndex(1, 0, 25_000, 10, 4)).toBe(3);
    expect(autoIndex(1, 0, 99_000, 10, 4)).toBe(3);
    expect(autoIndex(2, 0, 99_000, null, 4)).toBe(2);
    expect(autoIndex(0, 0, 5_000, 1, 0)).toBe(0);
  });
});
