// Integration test of the interactive rounds through the session hub, against
// a real temporary SQLite file: a tribunal changes scores, a Reduction in
// Force turns those let go into observers, a production conference changes
// the next round's rules, and all of it survives a reload from the database.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSession, withTempDatabase } from "./test-session";
import type { AgendaItem } from "../domain/rules/ruleset";

withTempDatabase("rounds");

type HubModule = typeof import("./hub");
let hubs: HubModule;
let code: string;
const NAMES = ["Ada", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina"];
const ids: Record<string, string> = {};
const plain = { distribution: null, nosedive: null, norm: null, quotaBallots: null };
const agenda: AgendaItem[] = [
  { title: "Rate", prompt: "", durationSeconds: null, rules: plain },
  { title: "Tribunal", prompt: "", durationSeconds: null, rules: plain, kind: "tribunal", tribunal: { penalty: 0.25, cap: 0.5, reward: 0, charges: ["Wrecking"] } },
  { title: "RIF", prompt: "", durationSeconds: null, rules: plain, kind: "rif", rif: { selection: { mode: "count", value: 2 }, statementSeconds: 60, autoAdvanceSeconds: null } },
  { title: "Conference", prompt: "", durationSeconds: null, rules: plain, kind: "conference", conference: { menu: ["abolish-leaderboard", "drop-distribution", "free-text"], thresholdPercent: null } },
  { title: "After", prompt: "", durationSeconds: null, rules: plain },
];

beforeAll(async () => {
  hubs = await import("./hub");
  const session = await createTestSession({ title: "Rounds", names: NAMES, k: 2, agenda });
  code = session.code;
  Object.assign(ids, session.ids);
});

async function hub() {
  const h = await hubs.getHub(code);
  if (!h) throw new Error("no hub");
  return h;
}
const person = async (name: string) => (await hub()).participant(ids[name]!)!;
const SCORES: Record<string, number> = { Ada: 5, Boris: 5, Clara: 4, Dmitri: 4, Elena: 3, Fyodor: 2, Galina: 1 };
/** Everyone rates everyone the same way: Galina lowest, then Fyodor. */
async function rateAll() {
  const h = await hub();
  const active = h.activeParticipants();
  const answers: Promise<unknown>[] = [];
  for (const rater of active) {
    for (const target of active) {
      if (rater.id === target.id) continue;
      answers.push(h.rate(rater, target.id, { a: SCORES[target.displayName]! }).then((answer) => answer.stored));
    }
  }
  // Sent together, like a busy room: one group commit, one command queue.
  await Promise.all(answers);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const adaMeOf = (h: Awaited<ReturnType<typeof hub>>) => JSON.stringify(h.mePayload(ids.Ada!)!.interactive);
const entry = (h: Awaited<ReturnType<typeof hub>>, name: string) => h.boardPayload("facilitator").entries.find((e) => e.displayName === name);

describe("interactive rounds", () => {
  it("a tribunal lowers the accused's score per distinct accuser, capped, and never shows accusers", async () => {
    const h = await hub();
    await h.act({ type: "open-round" });
    await rateAll();
    await h.act({ type: "close-round" });
    await h.act({ type: "open-round" });
    expect(h.publicSession().round.kind).toBe("tribunal");
    await rateAll();
    // Everyone rated everyone: a release of this round's figures shows every score. The board opened
    // with the last round's scores, and the round's first release may come before its ratings (then the
    // scores are empty for a moment: with the writer thread the ratings' answers come later), so wait
    // past one release period (1 s plus up to 1 s of jitter) before waiting for the scores.
    await sleep(2_200);
    await vi.waitFor(() => expect(entry(h, "Ada")!.score).not.toBeNull(), { timeout: 4000, interval: 100 });
    const before = entry(h, "Ada")!.score!;
    await h.denounce(await person("Boris"), ids.Ada!, "Wrecking");
    await h.denounce(await person("Clara"), ids.Ada!, "Lack of enthusiasm");
    await expect(h.denounce(await person("Boris"), ids.Ada!, "Wrecking")).rejects.toMatchObject({ code: "conflict" });
    await expect(h.denounce(await person("Boris"), ids.Boris!, "Wrecking")).rejects.toMatchObject({ code: "forbidden" });
    await sleep(300);
    expect(entry(h, "Ada")!.score).toBeCloseTo(before - 0.5, 5);
    await h.denounce(await person("Dmitri"), ids.Ada!, "Wrecking");
    await sleep(300);
    // Capped at 0.5.
    expect(entry(h, "Ada")!.score).toBeCloseTo(before - 0.5, 5);
    await h.appeal(await person("Ada"), "I only asked questions.");
    await expect(h.appeal(await person("Ada"), "Again")).rejects.toMatchObject({ code: "conflict" });
    await expect(h.appeal(await person("Elena"), "Nothing to appeal")).rejects.toMatchObject({ code: "conflict" });
    const publicJson = h.roundFresh("public");
    const round = JSON.parse(publicJson);
    expect(round.tribunal.feed[0]).toMatchObject({ displayName: "Ada", accusers: 3, penalty: -0.5, appeal: "I only asked questions." });
    for (const accuser of ["Boris", "Clara", "Dmitri"]) expect(publicJson).not.toContain(ids[accuser]!);
    for (const accuser of ["Boris", "Clara", "Dmitri"]) expect(adaMeOf(h)).not.toContain(ids[accuser]!);
    expect(h.roundFresh("control")).not.toContain(ids.Boris!);
    // Ada's own phone sees the charges, not who made them; Boris sees whom he denounced.
    const adaMe = JSON.stringify(h.mePayload(ids.Ada!)!.interactive);
    expect(adaMe).toContain("Wrecking");
    expect(adaMe).not.toContain(ids.Boris!);
    expect(h.mePayload(ids.Boris!)!.interactive.tribunal!.denounced).toEqual([ids.Ada]);
    await h.act({ type: "close-round" });
  });

  it("a Reduction in Force hears the bottom two, counts anonymous votes and makes those let go observers", async () => {
    const h = await hub();
    await h.act({ type: "open-round" });
    expect(h.publicSession().round.kind).toBe("rif");
    const rif = JSON.parse(h.roundFresh("public")).rif;
    expect(rif.cases.map((c: { displayName: string }) => c.displayName)).toEqual(["Galina", "Fyodor"]);
    await expect(h.rate(h.participant(ids.Ada!)!, ids.Boris!, { a: 3 })).rejects.toThrow(/Reduction in Force/);
    await h.submitStatement(await person("Galina"), "  I carry the team.  ");
    await expect(h.submitStatement(await person("Ada"), "Me too")).rejects.toMatchObject({ code: "forbidden" });
    await expect(h.submitStatement(await person("Galina"), "x".repeat(281))).rejects.toMatchObject({ code: "validation_failed" });
    await expect(h.voteRif(await person("Ada"), ids.Galina!, "keep")).rejects.toMatchObject({ code: "conflict" });
    await h.controlRif({ type: "start-hearing" });
    await expect(h.submitStatement(await person("Fyodor"), "Too late")).rejects.toMatchObject({ code: "conflict" });
    const hearing = JSON.parse(h.roundFresh("public")).rif;
    expect(hearing.cases[0]).toMatchObject({ displayName: "Galina", statement: "I carry the team.", shown: true });
    expect(hearing.cases[1]).toMatchObject({ displayName: "Fyodor", statement: null, statementStatus: "none", shown: false });
    // Not heard yet → no vote on Fyodor; people at risk do not vote.
    await expect(h.voteRif(await person("Ada"), ids.Fyodor!, "let_go")).rejects.toMatchObject({ code: "conflict" });
    await expect(h.voteRif(await person("Fyodor"), ids.Galina!, "let_go")).rejects.toMatchObject({ code: "forbidden" });
    await h.controlRif({ type: "hide", participantId: ids.Galina!, hidden: true });
    expect(JSON.parse(h.roundFresh("public")).rif.cases[0].statement).toBeNull();
    expect(JSON.parse(h.roundFresh("control")).rif.cases[0].statement).toBe("I carry the team.");
    await h.controlRif({ type: "next" });
    await expect(h.controlRif({ type: "next" })).rejects.toMatchObject({ code: "conflict" });
    for (const voter of ["Ada", "Boris", "Clara"]) await h.voteRif(await person(voter), ids.Galina!, "let_go");
    for (const voter of ["Dmitri", "Elena"]) await h.voteRif(await person(voter), ids.Galina!, "keep");
    await h.voteRif(await person("Ada"), ids.Fyodor!, "let_go");
    await h.voteRif(await person("Boris"), ids.Fyodor!, "keep");
    const publicJson = h.roundFresh("public");
    for (const voter of ["Ada", "Boris", "Clara", "Dmitri", "Elena"]) expect(publicJson).not.toContain(ids[voter]!);
    await h.controlRif({ type: "reveal" });
    const verdicts = JSON.parse(h.roundFresh("public")).rif.cases.map((c: { displayName: string; verdict: unknown }) => [c.displayName, c.verdict]);
    expect(verdicts).toEqual([
      ["Galina", { keep: 2, letGo: 3, outcome: "let_go" }],
      // Only two people voted on Fyodor: the outcome is published, not the split (lib/domain/rounds/electorate.ts).
      ["Fyodor", { keep: null, letGo: null, outcome: "kept" }],
    ]);
    // The control room sees no more than the room.
    const control = JSON.parse(h.roundFresh("control")).rif.cases.map((c: { displayName: string; verdict: unknown }) => [c.displayName, c.verdict]);
    expect(control[1]).toEqual(["Fyodor", { keep: null, letGo: null, outcome: "kept" }]);
    expect(h.participant(ids.Galina!)!.status).toBe("observer");
    expect(h.mePayload(ids.Galina!)!.status).toBe("observer");
    await sleep(300);
    expect(h.boardPayload("full").entries.map((e) => e.displayName)).not.toContain("Galina");
    await h.act({ type: "close-round" });
    await expect(h.rate(h.participant(ids.Galina!)!, ids.Ada!, { a: 3 })).rejects.toThrow();
  });

  it("a production conference passes a proposal with a majority and the next round runs under it", async () => {
    const h = await hub();
    await h.act({ type: "open-round" });
    expect(h.publicSession().round.kind).toBe("conference");
    const { proposalId } = await h.propose(await person("Ada"), "abolish-leaderboard", undefined);
    // Proposing the same change again is a vote for it.
    expect((await h.propose(await person("Boris"), "abolish-leaderboard", undefined)).proposalId).toBe(proposalId);
    for (const voter of ["Clara", "Dmitri"]) await h.voteProposal(await person(voter), proposalId, "for");
    await h.voteProposal(await person("Elena"), proposalId, "against");
    const { proposalId: drop } = await h.propose(await person("Elena"), "drop-distribution", undefined);
    await expect(h.propose(await person("Ada"), "stop-nosedive", undefined)).rejects.toMatchObject({ code: "forbidden" });
    await expect(h.voteProposal(await person("Galina"), proposalId, "for")).rejects.toMatchObject({ code: "forbidden" });
    const { proposalId: free } = await h.propose(await person("Fyodor"), "free-text", "Coffee for the whole brigade");
    await h.decideProposal(free, true);
    // Live: turnout only, no for/against split anywhere.
    const live = JSON.parse(h.roundFresh("control")).conference;
    expect(live.needed).toBe(4); // 6 active → more than half
    expect(live.proposals.find((p: { id: string }) => p.id === proposalId)).toMatchObject({ ballots: 5, for: null, against: null });
    await h.act({ type: "close-round" });
    const decided = JSON.parse(h.roundFresh("public")).conference;
    expect(decided.decided).toBe(true);
    expect(decided.proposals.map((p: { id: string; status: string; for: number }) => [p.id, p.status, p.for])).toEqual([
      [proposalId, "passed", 4],
      // One voter each: only the outcome is published.
      [drop, "failed", null],
      [free, "passed", null],
    ]);
    expect(h.record.amendments.map((a) => a.kind)).toEqual(["abolish-leaderboard", "free-text"]);

    await h.act({ type: "open-round" });
    expect(h.publicSession().round.kind).toBe("rating");
    expect(h.boardPayload("full")).toMatchObject({ hidden: true, abolished: true, entries: [] });
    expect(h.boardPayload("facilitator").hidden).toBe(false);
    expect(JSON.parse(h.roundFresh("public")).amendments.map((a: { text: string }) => a.text)).toEqual(["Abolish the leaderboard", "Coffee for the whole brigade"]);
  });

  it("keeps everything after a reload from the database", async () => {
    await hubs.dropHub(code);
    const h = await hub();
    expect(h.participant(ids.Galina!)!.status).toBe("observer");
    expect(h.record.amendments).toHaveLength(2);
    expect(h.boardPayload("phone").abolished).toBe(true);
    const { getDb } = await import("../db/client");
    const session = await getDb().session.findUniqueOrThrow({ where: { code } });
    expect(await getDb().denunciation.count({ where: { sessionId: session.id } })).toBe(3);
    expect(await getDb().rifCase.findMany({ where: { sessionId: session.id }, select: { outcome: true, statement: true, hidden: true }, orderBy: { position: "asc" } })).toEqual([
      { outcome: "let_go", statement: "I carry the team.", hidden: true },
      { outcome: "kept", statement: null, hidden: false },
    ]);
  });
});
