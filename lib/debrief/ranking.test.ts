import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/messages";
import { biggestMoves, frameReading, rankingFrames, rulesChanged, type RankingRoundInput } from "./ranking";

const people = [
  { id: "a", who: "P03" },
  { id: "b", who: "P01" },
  { id: "c", who: "P04" },
  { id: "d", who: "P02" },
];
const ranks = (entries: [string, number | null][]) => new Map(entries);
const rating = (number: number, r: [string, number | null][], rules = ["Plain 360°"]): RankingRoundInput => ({ number, title: null, kind: "rating", rules, ranks: ranks(r) });

describe("rankingFrames: moves between rounds", () => {
  const frames = rankingFrames(
    [
      rating(1, [["a", 1], ["b", 2], ["c", 3], ["d", null]]),
      rating(2, [["a", 3], ["b", 2], ["c", 1], ["d", 4]], ["Vitality curve 20/70/10"]),
      rating(3, [["a", 1], ["b", null], ["c", 1], ["d", 3]], ["Vitality curve 20/70/10"]),
    ],
    people,
  );
  const row = (frame: number, who: string) => frames[frame]!.rows.find((r) => r.who === who)!;

  it.each([
    ["first frame: nothing to compare", 0, "P03", { rank: 1, previous: null, move: "start", delta: null }],
    ["first frame, no score", 0, "P02", { rank: null, previous: null, move: "unranked", delta: null }],
    ["fell two places", 1, "P03", { rank: 3, previous: 1, move: "down", delta: -2 }],
    ["rose two places", 1, "P04", { rank: 1, previous: 3, move: "up", delta: 2 }],
    ["kept the place", 1, "P01", { rank: 2, previous: 2, move: "same", delta: 0 }],
    ["ranked for the first time", 1, "P02", { rank: 4, previous: null, move: "new", delta: null }],
    ["lost the rank", 2, "P01", { rank: null, previous: 2, move: "dropped", delta: null }],
    ["tied first, from first (was first two rounds ago): a climb, not new", 2, "P03", { rank: 1, previous: 3, move: "up", delta: 2 }],
  ] as const)("%s", (_label, frame, who, expected) => {
    expect(row(frame, who)).toEqual({ who, ...expected });
  });

  it("orders ranked people by rank, ties by label, then the unranked by label (never by id or join order)", () => {
    expect(frames[0]!.rows.map((r) => r.who)).toEqual(["P03", "P01", "P04", "P02"]);
    expect(frames[2]!.rows.map((r) => r.who)).toEqual(["P03", "P04", "P02", "P01"]);
  });

  it("marks rule changes against the previous frame", () => {
    expect(frames.map((f) => [f.rulesAdded, f.rulesRemoved])).toEqual([
      [[], []],
      [["Vitality curve 20/70/10"], ["Plain 360°"]],
      [[], []],
    ]);
    expect(frames.map(rulesChanged)).toEqual([false, true, false]);
  });

  it("leaves out people the debrief does not count", () => {
    const only = rankingFrames([rating(1, [["a", 1], ["gone", 2]])], [people[0]!]);
    expect(only[0]!.rows.map((r) => r.who)).toEqual(["P03"]);
  });
});

describe("rankingFrames: rounds without ratings", () => {
  const frames = rankingFrames(
    [
      rating(1, [["a", 1], ["b", 2]]),
      { number: 2, title: "The cut", kind: "rif", rules: ["Plain 360°"], ranks: null },
      { number: 3, title: null, kind: "conference", rules: ["Plain 360°"], ranks: null, passed: ["Abolish the leaderboard"] },
      rating(4, [["a", 2], ["b", 1]]),
    ],
    people.slice(0, 2),
  );

  it("are no frame of their own but a marker on the next frame; a passed amendment is a rule change", () => {
    expect(frames.map((f) => f.round)).toEqual([1, 4]);
    expect(frames[1]!.between).toEqual([
      { round: 2, kind: "rif", title: "The cut", passed: [] },
      { round: 3, kind: "conference", title: null, passed: ["Abolish the leaderboard"] },
    ]);
    expect(frames[1]!.rulesAdded).toEqual([]);
    expect(rulesChanged(frames[1]!)).toBe(true);
  });

  it("no rounds, no frames", () => {
    expect(rankingFrames([], people)).toEqual([]);
  });
});

describe("biggestMoves", () => {
  it.each([
    ["biggest climb and fall", [["a", 3], ["b", 1], ["c", 2], ["d", 4]], [["a", 1], ["b", 4], ["c", 2], ["d", 3]], ["P03", 2], ["P01", -3]],
    ["nobody moved", [["a", 1], ["b", 2]], [["a", 1], ["b", 2]], null, null],
    ["equal climbs: the better new rank first", [["a", 3], ["b", 4], ["c", 1], ["d", 2]], [["a", 1], ["b", 2], ["c", 3], ["d", 4]], ["P03", 2], ["P04", -2]],
  ] as [string, [string, number][], [string, number][], [string, number] | null, [string, number] | null][])("%s", (_l, before, after, riser, faller) => {
    const [, frame] = rankingFrames([rating(1, before), rating(2, after)], people);
    const moves = biggestMoves(frame!);
    expect(moves.riser && [moves.riser.who, moves.riser.delta]).toEqual(riser);
    expect(moves.faller && [moves.faller.who, moves.faller.delta]).toEqual(faller);
  });
});

const text = (locale: "en" | "de" | "ru") => createTranslator({ locale, messages: MESSAGES[locale], namespace: "debrief.frame" });

describe("frameReading", () => {
  const [first, second] = rankingFrames([rating(1, [["a", 1], ["b", 2], ["c", null]]), rating(2, [["a", 2], ["b", 1], ["c", 3]], ["Nosedive weighting"])], people.slice(0, 3));
  it.each([
    ["the first frame names who is on top", first!, true, "Round 1: 2 of 3 people ranked; P03 on top."],
    ["a later frame names the biggest climb and fall, one place singular, and the rule change", second!, false, "Round 2: P01 rose 1 place to 1st; P03 fell 1 place to 2nd. The rules had changed."],
    ["nobody ranked", rankingFrames([rating(1, [["a", null]])], people.slice(0, 1))[0]!, true, "Round 1: nobody had enough raters for a rank."],
  ] as const)("%s", (_label, frame, isFirst, expected) => {
    expect(frameReading(frame, isFirst, text("en"))).toBe(expected);
  });

  // The same frames in the debrief's other languages: their own ordinals and plural forms.
  it.each([
    ["de", first!, true, "Runde 1: 2 von 3 Personen platziert; vorne: P03."],
    ["de", second!, false, "Runde 2: P01 stieg um 1 Platz auf den 1. Platz; P03 fiel um 1 Platz auf den 2. Platz. Die Regeln hatten sich geändert."],
    ["ru", second!, false, "Раунд 2: P01 поднялся на 1 место — на 1-е; P03 опустился на 1 место — на 2-е. Правила изменились."],
  ] as const)("in %s", (locale, frame, isFirst, expected) => {
    expect(frameReading(frame, isFirst, text(locale))).toBe(expected);
  });
});
