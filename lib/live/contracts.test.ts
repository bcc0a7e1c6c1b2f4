// The view contracts strip what a payload must not carry, and accept what the
// live core legitimately sends (nullable small-electorate counts included).
import { describe, expect, it } from "vitest";
import {
  boardPayloadSchema,
  CONTROL_PERSON_KEYS,
  controlPayloadSchema,
  mePayloadSchema,
  PUBLIC_PERSON_KEYS,
  removedPayloadSchema,
  ROUND_PERSON_KEYS,
  roundPayloadSchema,
} from "./contracts";

const entry = { rank: 1, participantId: "p1", displayName: "Ada", score: 4.5, movement: "up" as const };
const rules = { labels: [], tags: [], distribution: null, nosedive: null, norm: null, quotaBallots: null, teams: null, k: 3 };
const board = { version: 1, round: 1, hidden: false, abolished: false, total: 1, ranked: 1, truncated: false, rules, entries: [entry] };

describe("view contracts", () => {
  it("strip a field added by mistake, at every depth of a board", () => {
    const leaky = { ...board, raters: { p1: ["p2"] }, entries: [{ ...entry, raters: 3, givenBy: ["p2", "p3"] }], rules: { ...rules, secret: 1 } };
    const parsed = boardPayloadSchema.parse(leaky);
    expect(parsed).toEqual(board);
    expect(JSON.stringify(parsed)).not.toMatch(/raters|givenBy|secret/);
  });

  it("keep a `me` payload free of the person's own activity (no rated count, no quota left)", () => {
    expect(Object.keys(mePayloadSchema.shape)).not.toContain("ratedCount");
    expect(Object.keys(mePayloadSchema.shape.quota.unwrap().shape)).toEqual(["limit"]);
  });

  it("take small electorates' null counts in a round payload", () => {
    const round = {
      round: 2,
      kind: "rif",
      rif: {
        stage: "revealed",
        statementEndsAt: null,
        autoAdvanceSeconds: null,
        showing: 0,
        cases: [
          { participantId: "p1", displayName: "Ada", position: 0, rankAtSelection: 3, statementStatus: "none", statement: null, hidden: false, shown: true, verdict: { keep: null, letGo: null, outcome: "kept" } },
        ],
        electorate: 2,
        voted: 0,
      },
      tribunal: null,
      conference: null,
      amendments: [],
    };
    expect(roundPayloadSchema.parse(round)).toEqual(round);
    const conference = {
      ...round,
      kind: "conference",
      rif: null,
      conference: { menu: ["raise-k"], thresholdPercent: null, needed: 2, active: 2, decided: true, proposals: [{ id: "x", kind: "raise-k", text: "k", value: 5, ballots: 2, for: null, against: null, status: "passed", accepted: null, hidden: false }] },
    };
    expect(roundPayloadSchema.parse(conference)).toEqual(conference);
  });

  it("refuse a payload that breaks its shape instead of sending it", () => {
    expect(() => controlPayloadSchema.parse({ version: 1 })).toThrow();
    expect(() => removedPayloadSchema.parse({ participantId: "p1", status: "active" })).toThrow();
  });

  it("give the anonymity audit its key sets: never a rater, a voter or what someone gave", () => {
    for (const keys of [PUBLIC_PERSON_KEYS, ROUND_PERSON_KEYS, CONTROL_PERSON_KEYS]) {
      expect(keys.filter((k) => /rater|given|voter|rated_?by|reviewer|evaluator|received/i.test(k) && k !== "ratedCount")).toEqual([]);
    }
    expect(PUBLIC_PERSON_KEYS).not.toContain("ratedCount");
    expect(CONTROL_PERSON_KEYS).toContain("ratedCount");
  });
});
