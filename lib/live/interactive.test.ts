import { describe, expect, it } from "vitest";
import { WITHHELD_PROPOSAL } from "../domain/rounds/conference";
import { DEFAULT_CONFERENCE, DEFAULT_RIF, DEFAULT_TRIBUNAL } from "../domain/rounds/kinds";
import { WITHHELD_CHARGE } from "../domain/rounds/tribunal";
import { parseStage, personalPayload, roundPayload, RoundState, TribunalState, type PayloadContext } from "./interactive";

const names = new Map([
  ["a", "Ada"],
  ["b", "Boris"],
  ["c", "Clara"],
  ["d", "Dmitri"],
]);
const base = (over: Partial<PayloadContext>): PayloadContext => ({
  round: 2,
  settings: { kind: "rating" },
  roundOpen: true,
  names,
  active: new Set(["a", "b", "c", "d"]),
  state: new RoundState(),
  tribunal: null,
  tribunalLive: false,
  amendments: [],
  now: 0,
  ...over,
});
const rifCase = (participantId: string, position: number, statement: string | null, hidden = false) => ({
  participantId,
  position,
  rank: 4 - position,
  statement,
  statementAt: null,
  hidden,
  outcome: null,
  keepVotes: null,
  letGoVotes: null,
});

describe("the RIF payload", () => {
  it("shows statements only once heard, never hidden ones, and advances on its own every N seconds", () => {
    const state = new RoundState();
    state.cases = [rifCase("d", 0, "Keep me"), rifCase("c", 1, "I deliver", true), rifCase("b", 2, null)];
    state.stage = { stage: "hearing", statementEndsAt: 0, showing: 0, showingSince: 0, maxShown: 0 };
    const settings = { kind: "rif" as const, rif: { ...DEFAULT_RIF, autoAdvanceSeconds: 5 } };
    const at = (now: number, view: "public" | "control" = "public") => roundPayload(base({ settings, state, now }), view).rif!;
    expect(at(1_000).showing).toBe(0);
    expect(at(1_000).cases.map((c) => [c.shown, c.statement])).toEqual([
      [true, "Keep me"],
      [false, null],
      [false, null],
    ]);
    const later = at(11_000);
    expect(later.showing).toBe(2);
    // Heard but hidden by the facilitator; heard with nothing written.
    expect(later.cases.map((c) => [c.shown, c.statement, c.statementStatus])).toEqual([
      [true, "Keep me", "written"],
      [true, null, "written"],
      [true, null, "none"],
    ]);
    // The control room sees every statement, and ballots as one number.
    expect(at(1_000, "control").cases[1]!.statement).toBe("I deliver");
    expect(at(1_000, "control").ballots).toBe(0);
    expect(at(1_000).ballots).toBeUndefined();
    expect(later.electorate).toBe(1);
    // Turnout for the projector's cue: people who voted at all, once each, whatever they voted on.
    expect(at(11_000).voted).toBe(0);
    state.rifVotes.set("a", new Map([["d", "keep"], ["c", "let_go"]]));
    expect(at(11_000).voted).toBe(1);
    // Someone at risk (not in the electorate) is never counted.
    state.rifVotes.set("d", new Map([["c", "keep"]]));
    expect(at(11_000).voted).toBe(1);
  });

  it("shows statements not at all while they are being written", () => {
    const state = new RoundState();
    state.cases = [rifCase("d", 0, "Draft")];
    state.stage = parseStage(JSON.stringify({ stage: "statements", statementEndsAt: 60_000, showing: null, showingSince: null, maxShown: -1 }));
    const rif = roundPayload(base({ settings: { kind: "rif", rif: DEFAULT_RIF }, state }), "public").rif!;
    expect(rif.cases[0]).toMatchObject({ statement: null, statementStatus: "written", shown: false });
  });
});

describe("the conference payload", () => {
  it("shows turnout while the conference runs and the split only once decided", () => {
    const state = new RoundState();
    state.proposals = [{ id: "p1", kind: "abolish-leaderboard", value: null, text: "", authorId: "a", hidden: false, accepted: null, status: "open", forVotes: null, againstVotes: null, createdAt: new Date(0) }];
    state.setProposalVote("p1", "a", "for");
    state.setProposalVote("p1", "b", "against");
    const settings = { kind: "conference" as const, conference: DEFAULT_CONFERENCE };
    const live = roundPayload(base({ settings, state }), "control").conference!;
    expect(live.proposals[0]).toMatchObject({ ballots: 2, for: null, against: null, text: "Abolish the leaderboard" });
    expect(live.needed).toBe(3);
    // What closing the conference stores (hub.onRoundClosed): the status and the tally.
    state.setProposalVote("p1", "c", "for");
    Object.assign(state.proposals[0]!, { status: "passed", forVotes: 2, againstVotes: 1 });
    const decided = roundPayload(base({ settings, state, roundOpen: false }), "public").conference!;
    expect(decided.decided).toBe(true);
    expect(decided.proposals[0]).toMatchObject({ for: 2, against: 1 });
    expect(JSON.stringify(decided)).not.toContain('"a"');
  });

  it("publishes only the outcome of a proposal fewer than three people voted on, on every screen", () => {
    const state = new RoundState();
    state.proposals = [{ id: "p1", kind: "abolish-leaderboard", value: null, text: "", authorId: "a", hidden: false, accepted: null, status: "failed", forVotes: 1, againstVotes: 1, createdAt: new Date(0) }];
    state.setProposalVote("p1", "a", "for");
    state.setProposalVote("p1", "b", "against");
    const settings = { kind: "conference" as const, conference: DEFAULT_CONFERENCE };
    for (const view of ["public", "control"] as const) {
      const decided = roundPayload(base({ settings, state, roundOpen: false }), view).conference!;
      expect(decided.proposals[0]).toMatchObject({ status: "failed", for: null, against: null, ballots: 2 });
    }
  });
});

describe("moderation", () => {
  it("withholds a free-text proposal's words from the room (the control room keeps them) and it cannot pass", () => {
    const state = new RoundState();
    state.proposals = [
      { id: "p1", kind: "free-text", value: null, text: "Fire Boris", authorId: "a", hidden: true, accepted: true, status: "open", forVotes: null, againstVotes: null, createdAt: new Date(0) },
      { id: "p2", kind: "free-text", value: null, text: "Longer lunch", authorId: "b", hidden: false, accepted: true, status: "open", forVotes: null, againstVotes: null, createdAt: new Date(0) },
    ];
    const settings = { kind: "conference" as const, conference: DEFAULT_CONFERENCE };
    const pub = roundPayload(base({ settings, state }), "public").conference!;
    expect(pub.proposals.map((p) => [p.text, p.hidden])).toEqual([[WITHHELD_PROPOSAL, true], ["Longer lunch", false]]);
    expect(JSON.stringify(pub)).not.toContain("Fire Boris");
    const control = roundPayload(base({ settings, state }), "control").conference!;
    expect(control.proposals[0]).toMatchObject({ text: "Fire Boris", hidden: true });
    // Accepted, but withheld: off the table.
    expect(state.tallies(new Set(["a", "b", "c"]), 2).map((t) => t.passed)).toEqual([false, true]);
  });

  it("withholds a charge's words on every participant-facing view but keeps it in the counts and the penalty", () => {
    const tribunal = new TribunalState(DEFAULT_TRIBUNAL);
    tribunal.denunciations = [
      { accuserId: "b", accusedId: "a", charge: "Slur", hidden: true },
      { accuserId: "c", accusedId: "a", charge: "Wrecking" },
    ];
    const ctx = base({ settings: { kind: "tribunal", tribunal: DEFAULT_TRIBUNAL }, tribunal, tribunalLive: true });
    const pub = roundPayload(ctx, "public").tribunal!;
    expect(pub.feed[0]).toMatchObject({ accusers: 2, penalty: -0.5, charges: [{ charge: WITHHELD_CHARGE, count: 1 }, { charge: "Wrecking", count: 1 }] });
    expect(JSON.stringify(pub)).not.toContain("Slur");
    expect(JSON.stringify(personalPayload(ctx, "a"))).not.toContain("Slur");
    expect(personalPayload(ctx, "a").tribunal!.charges).toContainEqual({ charge: WITHHELD_CHARGE, count: 1 });
    const control = roundPayload(ctx, "control").tribunal!.feed[0]!;
    expect(control.charges).toEqual([
      { charge: "Slur", count: 1, hidden: true },
      { charge: "Wrecking", count: 1, hidden: false },
    ]);
  });
});

describe("the tribunal payload", () => {
  it("lists charges per accused without accusers, hides hidden appeals from the room, and tells each person only their own", () => {
    const tribunal = new TribunalState(DEFAULT_TRIBUNAL);
    tribunal.denunciations = [
      { accuserId: "b", accusedId: "a", charge: "Wrecking" },
      { accuserId: "c", accusedId: "a", charge: "Wrecking" },
    ];
    tribunal.appeals.set("a", { text: "Not me", hidden: true });
    const ctx = base({ settings: { kind: "tribunal", tribunal: DEFAULT_TRIBUNAL }, tribunal, tribunalLive: true });
    const pub = roundPayload(ctx, "public").tribunal!;
    expect(pub.feed).toEqual([{ participantId: "a", displayName: "Ada", accusers: 2, charges: [{ charge: "Wrecking", count: 2 }], penalty: -0.5, appeal: null }]);
    expect(roundPayload(ctx, "control").tribunal!.feed[0]).toMatchObject({ appeal: "Not me", appealHidden: true });
    expect(personalPayload(ctx, "a").tribunal).toEqual({ charges: [{ charge: "Wrecking", count: 2 }], accusers: 2, appeal: "Not me", denounced: [] });
    expect(personalPayload(ctx, "b").tribunal!.denounced).toEqual(["a"]);
    expect(JSON.stringify(pub)).not.toMatch(/"b"|"c"/);
  });
});
