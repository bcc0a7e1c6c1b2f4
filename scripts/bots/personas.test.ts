import { describe, expect, it } from "vitest";
import {
  assignCliques,
  assignPersonas,
  chooseScore,
  DEFAULT_MIX,
  parsePersonaMix,
  pickDimensions,
  pickTarget,
  type Persona,
} from "./personas";

/** A deterministic sequence for Math.random-like parameters. */
function seq(...values: number[]) {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

/** A small seeded generator (mulberry32) for distribution checks. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("parsePersonaMix", () => {
  it("reads a single persona as 100 %", () => {
    expect(parsePersonaMix("harsh")).toEqual([{ persona: "harsh", percent: 100 }]);
  });

  it("reads a percentage mix", () => {
    expect(parsePersonaMix(DEFAULT_MIX)).toEqual([
      { persona: "lenient", percent: 40 },
      { persona: "harsh", percent: 20 },
      { persona: "random", percent: 20 },
      { persona: "revenge", percent: 10 },
      { persona: "clique", percent: 10 },
    ]);
  });

  it("accepts spaces, upper case and % signs", () => {
    expect(parsePersonaMix(" Lenient : 50% , HARSH:50 ")).toEqual([
      { persona: "lenient", percent: 50 },
      { persona: "harsh", percent: 50 },
    ]);
  });

  it("gives equal shares when no percentages are given", () => {
    expect(parsePersonaMix("lenient,harsh").map((s) => s.percent)).toEqual([50, 50]);
  });

  it("scales shares that do not add up to 100 and drops zero shares", () => {
    expect(parsePersonaMix("lenient:1,harsh:3,random:0")).toEqual([
      { persona: "lenient", percent: 25 },
      { persona: "harsh", percent: 75 },
    ]);
  });

  it.each([
    ["", /empty/],
    ["nice", /Unknown persona "nice"/],
    ["lenient:40,lenient:60", /twice/],
    ["lenient:abc", /must be a percentage/],
    ["lenient:-5", /must be a percentage/],
    ["lenient:50,harsh", /for every persona/],
    ["lenient:0", /add up to 0/],
  ])("refuses %j", (spec, message) => {
    expect(() => parsePersonaMix(spec)).toThrow(message);
  });
});

describe("assignPersonas", () => {
  it("shares bots out exactly by percentage", () => {
    const personas = assignPersonas(30, parsePersonaMix(DEFAULT_MIX));
    const count = (p: Persona) => personas.filter((x) => x === p).length;
    expect(personas).toHaveLength(30);
    expect([count("lenient"), count("harsh"), count("random"), count("revenge"), count("clique")]).toEqual([12, 6, 6, 3, 3]);
  });

  it("uses the largest remainders so the total is always the count", () => {
    for (let n = 1; n <= 50; n++) {
      expect(assignPersonas(n, parsePersonaMix("lenient:33,harsh:33,random:34"))).toHaveLength(n);
      expect(assignPersonas(n, parsePersonaMix(DEFAULT_MIX))).toHaveLength(n);
    }
    expect(assignPersonas(7, parsePersonaMix("lenient,harsh,random"))).toEqual([
      "lenient", "lenient", "lenient", "harsh", "harsh", "random", "random",
    ]);
  });

  it("gives a single persona to everyone", () => {
    expect(assignPersonas(3, parsePersonaMix("clique"))).toEqual(["clique", "clique", "clique"]);
  });
});

describe("assignCliques", () => {
  const sizes = (cliques: number[]) => {
    const m = new Map<number, number>();
    for (const c of cliques) m.set(c, (m.get(c) ?? 0) + 1);
    return [...m.values()];
  };

  it("makes cliques of about four, sizes differing by at most one", () => {
    expect(sizes(assignCliques(8))).toEqual([4, 4]);
    expect(sizes(assignCliques(10))).toEqual([4, 3, 3]);
    expect(sizes(assignCliques(3))).toEqual([3]);
    for (let n = 1; n <= 60; n++) {
      const s = sizes(assignCliques(n));
      expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      expect(Math.max(...s)).toBeLessThanOrEqual(6);
    }
  });

  it("is empty for no clique bots", () => {
    expect(assignCliques(0)).toEqual([]);
  });
});

describe("chooseScore", () => {
  const draw = (persona: Persona, context = {}) => {
    const random = seeded(42);
    return Array.from({ length: 2000 }, () => chooseScore(persona, context, random));
  };
  const share = (scores: number[], ok: (s: number) => boolean) => scores.filter(ok).length / scores.length;

  it("lenient gives mostly 4–5", () => {
    const scores = draw("lenient");
    expect(share(scores, (s) => s >= 4)).toBeGreaterThan(0.85);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(3);
  });

  it("harsh gives mostly 1–2", () => {
    const scores = draw("harsh");
    expect(share(scores, (s) => s <= 2)).toBeGreaterThan(0.85);
    expect(Math.max(...scores)).toBeLessThanOrEqual(3);
  });

  it("random uses the whole scale, evenly", () => {
    const scores = draw("random");
    for (let s = 1; s <= 5; s++) expect(share(scores, (x) => x === s)).toBeGreaterThan(0.15);
    expect(chooseScore("random", {}, () => 0)).toBe(1);
    expect(chooseScore("random", {}, () => 0.9999999999)).toBe(5);
    expect(chooseScore("random", {}, () => 1)).toBe(5);
  });

  it("clique gives 5 inside the clique and 1 outside", () => {
    expect(chooseScore("clique", { sameClique: true }, Math.random)).toBe(5);
    expect(chooseScore("clique", { sameClique: false }, Math.random)).toBe(1);
    expect(chooseScore("clique", {}, Math.random)).toBe(1);
  });

  it("revenge is friendly without a grudge and lowers scores with one", () => {
    const calm = draw("revenge");
    expect(Math.min(...calm)).toBeGreaterThanOrEqual(3);
    const angry = draw("revenge", { grudge: 2 });
    expect(Math.max(...angry)).toBeLessThanOrEqual(3);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(angry)).toBeLessThan(mean(calm) - 1.5);
    expect(draw("revenge", { grudge: 4 }).every((s) => s === 1)).toBe(true);
    expect(draw("revenge", { grudge: 99 }).every((s) => s === 1)).toBe(true);
  });

  it("always returns a whole number from 1 to 5", () => {
    for (const persona of ["lenient", "harsh", "random", "revenge", "clique"] as const) {
      for (const r of [0, 0.2, 0.5, 0.8, 0.999999, 1]) {
        const s = chooseScore(persona, { grudge: 1, sameClique: r > 0.5 }, () => r);
        expect(Number.isInteger(s) && s >= 1 && s <= 5).toBe(true);
      }
    }
  });
});

describe("pickDimensions", () => {
  const keys = ["potential", "talent", "creativity", "innovation", "passion-commitment"];

  it("all and one", () => {
    expect(pickDimensions(keys, "all", Math.random)).toEqual(keys);
    expect(pickDimensions(keys, "one", seq(0.5))).toEqual(["creativity"]);
  });

  it("some picks 1–3 distinct dimensions", () => {
    const random = seeded(7);
    const counts = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const picked = pickDimensions(keys, "some", random);
      counts.add(picked.length);
      expect(new Set(picked).size).toBe(picked.length);
      for (const k of picked) expect(keys).toContain(k);
    }
    expect([...counts].sort()).toEqual([1, 2, 3]);
  });

  it("never asks for more dimensions than exist", () => {
    expect(pickDimensions(["only"], "some", () => 0.99)).toEqual(["only"]);
    expect(pickDimensions([], "all", Math.random)).toEqual([]);
  });
});

describe("pickTarget", () => {
  it("never picks oneself", () => {
    const random = seeded(3);
    for (let i = 0; i < 200; i++) expect(pickTarget(["a", "b", "c"], "a", new Set(), random)).not.toBe("a");
    expect(pickTarget(["a"], "a", new Set(), Math.random)).toBeNull();
    expect(pickTarget([], "a", new Set(), Math.random)).toBeNull();
  });

  it("prefers colleagues not rated yet", () => {
    const random = seeded(5);
    const picks = Array.from({ length: 1000 }, () => pickTarget(["me", "x", "y", "z"], "me", new Set(["x", "y"]), random));
    expect(picks.filter((p) => p === "z").length / picks.length).toBeGreaterThan(0.7);
    expect(picks).toContain("x");
  });
});
