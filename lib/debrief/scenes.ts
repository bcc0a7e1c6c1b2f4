// What the interactive rounds show in the debrief: the tribunal's charges, the
// Reduction in Force's verdicts and the production conference's decisions.
// Pseudonyms only (P01…), counts of accusers and voters, never who they were;
// a vote with fewer than three voters shows its outcome only (null counts).
import { describeAmendment, parseAmendments } from "../domain/rounds/conference";
import type { AmendmentKind } from "../domain/rounds/kinds";
import { publishedSplit } from "../domain/rounds/electorate";
import { scoreAdjustments } from "../domain/rounds/tribunal";
import type { SessionData } from "./data";

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function buildScenes(data: SessionData, pseudonym: ReadonlyMap<string, string>) {
  const { scenes } = data;
  const who = (id: string) => pseudonym.get(id) ?? "?";
  const roundsOf = (kind: string) => data.rounds.filter((r) => r.settings.kind === kind);

  const tribunals = roundsOf("tribunal").map((round) => {
    const list = scenes.denunciations.filter((d) => d.round === round.number);
    const byAccused = new Map<string, Set<string>>();
    for (const d of list) {
      const set = byAccused.get(d.accusedId) ?? new Set<string>();
      set.add(d.accuserId);
      byAccused.set(d.accusedId, set);
    }
    const charges = new Map<string, number>();
    for (const d of list) charges.set(d.charge, (charges.get(d.charge) ?? 0) + 1);
    const counts = [...byAccused.values()].map((s) => s.size).sort((a, b) => b - a);
    const config = round.settings.tribunal;
    // The penalties as the board applied them (rewards, if any, are not a penalty).
    const penalties = config ? scoreAdjustments(list, config, false) : null;
    return {
      round: round.number,
      title: round.title,
      charges: list.length,
      accused: byAccused.size,
      accusers: new Set(list.map((d) => d.accuserId)).size,
      /** Share of all charges that landed on the single most accused person. */
      topShare: list.length ? round2((counts[0] ?? 0) / list.length) : null,
      byCharge: [...charges].map(([charge, count]) => ({ charge, count })).sort((a, b) => b.count - a.count || a.charge.localeCompare(b.charge)),
      appeals: scenes.appeals.filter((a) => a.round === round.number).length,
      penalty: config?.penalty ?? null,
      cap: config?.cap ?? null,
      reward: config?.reward ?? null,
      people: [...byAccused]
        .map(([id, set]) => ({ who: who(id), accusers: set.size, penalty: penalties?.get(id) ?? null }))
        .sort((a, b) => b.accusers - a.accusers || a.who.localeCompare(b.who)),
    };
  });

  const rifs = roundsOf("rif").map((round) => {
    const cases = scenes.rifCases.filter((c) => c.round === round.number);
    const ballots = scenes.rifBallots.filter((b) => b.round === round.number);
    const letGo = cases.filter((c) => c.outcome === "let_go").length;
    const wrote = cases.filter((c) => c.statement !== null && c.statement.trim() !== "");
    // Cases with fewer than three voters publish only their outcome, so they stay out of these shares too.
    const keepShare = (c: (typeof cases)[number]) => {
      const split = publishedSplit(c.keepVotes, c.letGoVotes);
      if (split.yes === null || split.no === null) return null;
      const total = split.yes + split.no;
      return total ? split.yes / total : null;
    };
    const meanKeep = (list: typeof cases) => {
      const xs = list.map(keepShare).filter((x): x is number => x !== null);
      return xs.length ? round2(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
    };
    return {
      round: round.number,
      title: round.title,
      atRisk: cases.length,
      statements: wrote.length,
      hidden: cases.filter((c) => c.hidden).length,
      ballots: ballots.length,
      revealed: cases.some((c) => c.outcome !== null),
      letGo,
      /** Mean share of "keep" votes for people who wrote a statement, and for those who did not. */
      keepShareWithStatement: meanKeep(wrote),
      keepShareWithout: meanKeep(cases.filter((c) => !wrote.includes(c))),
      cases: cases.map((c) => ({
        who: who(c.participantId),
        rank: c.rank,
        statement: c.hidden ? null : c.statement,
        hidden: c.hidden,
        keep: publishedSplit(c.keepVotes, c.letGoVotes).yes,
        letGo: publishedSplit(c.keepVotes, c.letGoVotes).no,
        outcome: c.outcome,
      })),
    };
  });

  const conferences = roundsOf("conference").map((round) => {
    const proposals = scenes.proposals.filter((p) => p.round === round.number);
    return {
      round: round.number,
      title: round.title,
      proposals: proposals.map((p) => ({
        text: describeAmendment({ kind: p.kind as AmendmentKind, value: p.value ?? undefined, text: p.text }),
        kind: p.kind,
        ballots: p.ballots,
        for: publishedSplit(p.forVotes, p.againstVotes).yes,
        against: publishedSplit(p.forVotes, p.againstVotes).no,
        status: p.status,
      })),
      passed: proposals.filter((p) => p.status === "passed").length,
    };
  });

  return {
    tribunals,
    rifs,
    conferences,
    amendments: parseAmendments(scenes.amendments).map((a) => ({ round: a.round, text: describeAmendment(a) })),
  };
}
