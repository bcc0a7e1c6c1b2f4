// The debrief, its exports and the participant report on an in-memory session:
// what waits for the end, what shows closed rounds only, which pseudonyms go where.
import { describe, expect, it } from "vitest";
import { PLAIN_RULES } from "../domain/rules/ruleset";
import { isAppError } from "../errors";
import { buildDebrief, PAIRWISE_LOCKED_MESSAGE } from "./build";
import type { SessionData } from "./data";
import { exportTable, toCsv } from "./exports";
import { assignPseudonyms } from "./pseudonyms";
import { buildReport } from "./report";
import { computeSnapshot, debriefFromSnapshot } from "./snapshot";

const NAMES = ["Ada", "Boris", "Clara", "Dmitri", "Elena", "Fyodor"];
const ids = NAMES.map((n) => `id-${n.toLowerCase()}`);

/** Six people, everyone rates everyone else on two dimensions in each of `rounds` rounds; the last may still be open. */
function session(opts: { phase: SessionData["session"]["phase"]; rounds: number; lastOpen?: boolean; k?: number; amendments?: string; minRaters?: number }): SessionData {
  const ratings: SessionData["ratings"] = [];
  const events: SessionData["events"] = [];
  let at = Date.UTC(2026, 10, 29, 9);
  for (let round = 1; round <= opts.rounds; round++) {
    ids.forEach((rater, i) =>
      ids.forEach((target, j) => {
        if (rater === target) return;
        for (const dimension of ["work", "team"]) {
          const score = 1 + ((i * 3 + j * 2 + round + (dimension === "team" ? 1 : 0)) % 5);
          ratings.push({ round, raterId: rater, targetId: target, dimension, score });
          events.push({ round, raterId: rater, targetId: target, dimension, score, at: (at += 1000) });
        }
      }),
    );
  }
  return {
    session: {
      id: "s1",
      code: "ABCDEF",
      title: "Test",
      k: opts.k ?? 3,
      scale: { min: 1, max: 5 },
      dimensions: [
        { key: "work", label: "Work" },
        { key: "team", label: "Team" },
      ],
      archivedAt: null,
      reflectionOpen: false,
      spotlightReflectionId: null,
      facilitatorId: "f",
      phase: opts.phase,
      round: opts.rounds,
      amendments: opts.amendments ?? "[]",
    },
    participants: assignPseudonyms(
      "secret",
      ids.map((id, i) => ({ id, displayName: NAMES[i]!, status: "active" })),
    ),
    rounds: Array.from({ length: opts.rounds }, (_, i) => ({
      number: i + 1,
      title: null,
      rules: { ...PLAIN_RULES, minRaters: opts.minRaters ?? null },
      norm: null,
      openedAt: new Date(0),
      closedAt: opts.lastOpen && i + 1 === opts.rounds ? null : new Date(1),
      settings: { kind: "rating" as const },
    })),
    ratings,
    events,
    selfRatings: [],
    reflections: [],
    scenes: { rifCases: [], rifBallots: [], denunciations: [], appeals: [], proposals: [], amendments: opts.amendments ?? "[]" },
  };
}

describe("pairwise data waits for the end", () => {
  it("locks every pairwise section with one sentence while the session runs", () => {
    for (const phase of ["round_open", "round_closed", "lobby"] as const) {
      const d = buildDebrief(session({ phase, rounds: 2, lastOpen: phase === "round_open" }));
      for (const section of [d.reciprocity, d.admiration, d.halo, d.leniency]) expect(section).toEqual({ locked: true, message: PAIRWISE_LOCKED_MESSAGE });
      // Nothing rater-keyed anywhere in the payload.
      expect(JSON.stringify(d)).not.toMatch(/"R\d\d"|"N\d\d"/);
    }
    expect(PAIRWISE_LOCKED_MESSAGE).toMatch(/^[A-Z][^.]*:[^.]*\.$/);
  });

  it("opens them once the session has ended, with the network in its own namespace", () => {
    const d = buildDebrief(session({ phase: "ended", rounds: 2 }));
    expect(d.reciprocity.locked).toBe(false);
    expect(d.leniency.locked).toBe(false);
    if (d.leniency.locked || d.admiration.locked) throw new Error("unreachable");
    expect(d.leniency.raters.every((r) => /^R\d\d$/.test(r.who))).toBe(true);
    expect(d.admiration.nodes.length).toBeGreaterThan(0);
    // Network nodes are N01…, never the P01… that scores, ranks and the tribunal use.
    expect(d.admiration.nodes.every((n) => /^N\d\d$/.test(n))).toBe(true);
    expect(JSON.stringify(d.admiration)).not.toMatch(/"P\d\d"/);
  });

  it("shows aggregate sections for closed rounds only while a round is open", () => {
    const running = buildDebrief(session({ phase: "round_open", rounds: 2, lastOpen: true }));
    expect(running.distribution.map((r) => r.round)).toEqual([1]);
    expect(running.churn).toEqual([]);
    expect(running.replay?.round).toBe(1);
    const closed = buildDebrief(session({ phase: "round_closed", rounds: 2 }));
    expect(closed.distribution.map((r) => r.round)).toEqual([1, 2]);
  });
});

describe("the ranking replay", () => {
  it("has one frame per closed round, pseudonyms by default and names only with the churn chart's names", () => {
    const running = buildDebrief(session({ phase: "round_open", rounds: 3, lastOpen: true }));
    expect(running.ranking.map((f) => f.round)).toEqual([1, 2]);
    expect(running.ranking[0]!.rows.map((r) => r.who).every((w) => /^P\d\d$/.test(w))).toBe(true);
    expect(running.ranking[0]!.rows).toHaveLength(NAMES.length);
    const named = buildDebrief(session({ phase: "round_closed", rounds: 2 }), new Set(["churn"]));
    expect(named.ranking[1]!.rows.map((r) => r.who).sort()).toEqual([...NAMES].sort());
    // The same ranks as the churn chart's moves.
    for (const m of [...named.churn[0]!.risers, ...named.churn[0]!.fallers]) {
      expect(named.ranking[1]!.rows.find((r) => r.who === m.who)).toMatchObject({ rank: m.to, previous: m.from, delta: m.delta });
    }
  });

  it("comes from the snapshot after the end, with names only when asked", () => {
    const data = session({ phase: "ended", rounds: 2 });
    const snapshot = computeSnapshot(data);
    expect(debriefFromSnapshot(snapshot, data, new Set()).ranking).toEqual(buildDebrief(data).ranking);
    expect(debriefFromSnapshot(snapshot, data, new Set(["churn"])).ranking).toEqual(buildDebrief(data, new Set(["churn"])).ranking);
    // A snapshot from before the replay existed: no replay, and never names.
    const old = { ...snapshot, debrief: { ...snapshot.debrief, ranking: undefined as never }, rankingNamed: undefined };
    expect(debriefFromSnapshot(old, data, new Set(["churn"])).ranking).toEqual([]);
  });
});

describe("exports", () => {
  it("answer 409 for the ratings export until the end", () => {
    for (const phase of ["lobby", "round_open", "round_closed"] as const) {
      let thrown: unknown = null;
      try {
        exportTable(session({ phase, rounds: 1, lastOpen: phase === "round_open" }), "ratings");
      } catch (error) {
        thrown = error;
      }
      expect(isAppError(thrown) && thrown.code === "conflict" && thrown.status === 409, phase).toBe(true);
    }
  });

  it("carry the round, no rater column and no timestamp", () => {
    const data = session({ phase: "ended", rounds: 2 });
    const ratings = exportTable(data, "ratings");
    expect(ratings.columns).toEqual(["round", "target", "dimension", "score"]);
    expect(ratings.rows).toHaveLength(data.ratings.length);
    const csv = toCsv(ratings);
    expect(csv).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(csv).not.toMatch(/\bR\d\d\b/);
    for (const id of ids) expect(csv).not.toContain(id);
    // Sorted by content: not in the order the ratings came in.
    const sorted = [...ratings.rows].sort((a, b) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1])) || String(a[2]).localeCompare(String(b[2])) || (a[3] as number) - (b[3] as number));
    expect(ratings.rows).toEqual(sorted);
    for (const kind of ["scores", "scenes", "reflections"] as const) expect(toCsv(exportTable(data, kind))).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it("show closed rounds only in the scores while a round is open", () => {
    const scores = exportTable(session({ phase: "round_open", rounds: 2, lastOpen: true }), "scores");
    expect(new Set(scores.rows.map((r) => r[0]))).toEqual(new Set([1]));
  });
});

describe("the participant report", () => {
  it("uses the k the conference raised, as the live board does", () => {
    // Everyone has five raters; k = 3 shows them, a raised k of 6 must hide them.
    const plain = buildReport(session({ phase: "ended", rounds: 1 }), ids[0]!)!;
    expect(plain.session.k).toBe(3);
    expect(plain.dimensions.every((d) => d.enough)).toBe(true);
    const raised = buildReport(session({ phase: "ended", rounds: 1, amendments: JSON.stringify([{ kind: "raise-k", value: 6, round: 1 }]) }), ids[0]!)!;
    expect(raised.session.k).toBe(6);
    expect(raised.dimensions.every((d) => !d.enough && d.others === null)).toBe(true);
    // A round whose own rules raised k counts only with that many raters.
    const roundRaised = buildReport(session({ phase: "ended", rounds: 1, minRaters: 6 }), ids[0]!)!;
    expect(roundRaised.dimensions.every((d) => !d.enough)).toBe(true);
  });
});

describe("the end-of-session snapshot", () => {
  it("keeps no rater-keyed figure per person", () => {
    const snapshot = computeSnapshot(session({ phase: "ended", rounds: 2 }));
    for (const report of Object.values(snapshot.reports)) {
      expect(report.behaviour).toBeNull();
      expect(report.behaviourForgotten).toBe(true);
    }
    expect(snapshot.exports.ratings.columns).not.toContain("rater");
    expect(snapshot.debrief.leniency.locked).toBe(false);
  });

  it("is taken only once the session has ended", () => {
    expect(() => computeSnapshot(session({ phase: "round_closed", rounds: 1 }))).toThrow();
  });
});
