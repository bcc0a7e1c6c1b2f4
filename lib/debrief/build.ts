// The facilitator's debrief: what this session's own data shows. Only
// aggregates and pseudonyms (P01, P02, …); names only where the facilitator
// reveals them for a chart that shows no rater-to-ratee relation.
import { applyRules } from "../domain/rules/apply";
import { assignBands, DISTRIBUTION_PRESETS } from "../domain/rules/forced-distribution";
import { DEFAULT_TIERS, nosediveScores } from "../domain/rules/nosedive";
import { describeRules } from "../domain/rules/ruleset";
import { summarizeReflections } from "../domain/reflection";
import {
  admirationGraph,
  cliques,
  classifyRater,
  gini,
  haloCorrelation,
  histogram,
  kendallTau,
  leniency,
  mutualAdmirationPairs,
  plainMeanRule,
  rankChanges,
  reciprocity,
  replay,
  revengeDrops,
  risersAndFallers,
  spearman,
  targetAggregate,
  type RatingRow,
  type ReplayRule,
} from "../domain/stats";
import type { SessionData } from "./data";
import { hasRatings } from "../domain/rounds/kinds";
import { buildScenes } from "./scenes";
import { scoreAdjustments } from "../domain/rounds/tribunal";
import { rankingFrames } from "./ranking";

/** People who count in the debrief: active ones and observers (let go in a Reduction in Force, still part of the story). */
export const inDebrief = (p: { status: string }) => p.status === "active" || p.status === "observer";

/** Leniency is not revealable: rater names with their mean given would unlock the ratings export. */
export type RevealableChart = "churn";

/** The one sentence every locked pairwise section (and the ratings export) answers with while the session runs. */
export const PAIRWISE_LOCKED_MESSAGE =
  "Who-rated-whom analyses and the ratings export open once the session has ended: shown while it runs, they could be set against the live board to tell who rated whom.";

/** A pairwise section before the session has ended. */
export interface LockedSection {
  locked: true;
  message: string;
}

const LOCKED: LockedSection = { locked: true, message: PAIRWISE_LOCKED_MESSAGE };

/** True once the session has ended: the only time pairwise data (who rated whom, in any form) is shown. */
export const pairwiseOpen = (data: SessionData) => data.session.phase === "ended";

/**
 * What may be analysed now: once the session has ended, everything; before, only closed rounds
 * (the open round's ratings, votes and charges are still moving, and the board releases them).
 */
export function visibleData(data: SessionData): SessionData {
  if (pairwiseOpen(data)) return data;
  const closed = new Set(data.rounds.filter((r) => r.closedAt !== null && !(data.session.phase === "round_open" && r.number === data.session.round)).map((r) => r.number));
  const inClosed = (x: { round: number }) => closed.has(x.round);
  return {
    ...data,
    rounds: data.rounds.filter((r) => closed.has(r.number)),
    ratings: data.ratings.filter(inClosed),
    events: data.events.filter(inClosed),
    scenes: {
      ...data.scenes,
      rifCases: data.scenes.rifCases.filter(inClosed),
      rifBallots: data.scenes.rifBallots.filter(inClosed),
      denunciations: data.scenes.denunciations.filter(inClosed),
      appeals: data.scenes.appeals.filter(inClosed),
      proposals: data.scenes.proposals.filter(inClosed),
    },
  };
}

export interface RoundResult {
  number: number;
  title: string | null;
  rules: string[];
  norm: number | null;
  /** participant id → rank (null: not ranked) and score under the round's own rules. */
  ranks: Map<string, number | null>;
  scores: Map<string, number | null>;
  bands: Map<string, string | null>;
}

/** Scores every round under its own rules, exactly as the live board did. */
export function scoreRounds(data: SessionData): RoundResult[] {
  const active = data.participants.filter(inDebrief);
  const activeIds = new Set(active.map((p) => p.id));
  // Reduction in Force and conference rounds have no ratings of their own.
  return data.rounds.filter((round) => hasRatings(round.settings.kind)).map((round) => {
    // As on the live board: removed people's ratings counted in their round; only active people are ranked.
    const rows = data.ratings.filter((r) => r.round === round.number && activeIds.has(r.targetId));
    const targets = active.map((p) => targetAggregate(rows, p.id, p.displayName));
    // A tribunal's penalties (and rewards: the round is over) count as they did on the board.
    const tribunal = round.settings.kind === "tribunal" ? round.settings.tribunal : undefined;
    const adjustments = tribunal
      ? scoreAdjustments(data.scenes.denunciations.filter((d) => d.round === round.number), tribunal, true)
      : undefined;
    const entries = applyRules(targets, () => rows, data.session.k, round.rules, round.norm, { adjustments, scale: data.session.scale, frozenTiers: round.settings.tiers });
    return {
      number: round.number,
      title: round.title,
      rules: describeRules(round.rules),
      norm: round.norm,
      ranks: new Map(entries.map((e) => [e.participantId, e.rank])),
      scores: new Map(entries.map((e) => [e.participantId, e.score])),
      bands: new Map(entries.map((e) => [e.participantId, e.band?.name ?? null])),
    };
  });
}

function nosediveRule(k: number): ReplayRule {
  let cache: { rows: readonly RatingRow[]; scores: Map<string, number | null> } | null = null;
  return {
    name: "Nosedive weighting",
    score(rows, targetId) {
      if (!cache || cache.rows !== rows) {
        const ids = [...new Set(rows.flatMap((r) => [r.raterId, r.targetId]))];
        cache = { rows, scores: nosediveScores([...rows], ids, k, DEFAULT_TIERS).scores };
      }
      return cache.scores.get(targetId) ?? null;
    },
  };
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function buildDebrief(all: SessionData, reveal: ReadonlySet<RevealableChart> = new Set()) {
  const data = visibleData(all);
  const open = pairwiseOpen(all);
  const k = data.session.k;
  const active = data.participants.filter(inDebrief);
  const activeIds = new Set(active.map((p) => p.id));
  const pseudonym = new Map(data.participants.map((p) => [p.id, p.pseudonym]));
  const raterPseudonym = new Map(data.participants.map((p) => [p.id, p.raterPseudonym]));
  // The pairwise sections name people in their own namespace (N01…), never P01… (see pseudonyms.ts).
  const node = new Map(data.participants.map((p) => [p.id, p.networkPseudonym]));
  const name = new Map(data.participants.map((p) => [p.id, p.displayName]));
  const who = (id: string, chart: RevealableChart | null) => (chart && reveal.has(chart) ? (name.get(id) ?? id) : (pseudonym.get(id) ?? "?"));
  // Debrief texts: reflection answers are ordered so that their order says nothing about who wrote when.
  const rows = data.ratings.filter((r) => activeIds.has(r.raterId) && activeIds.has(r.targetId));
  const events = data.events.filter((r) => activeIds.has(r.raterId) && activeIds.has(r.targetId));
  const rounds = scoreRounds(data);
  const scale = data.session.scale;

  const distribution = rounds.map((r) => {
    const values = [...r.scores.values()].filter((v): v is number => v !== null);
    return {
      round: r.number,
      title: r.title,
      rules: r.rules,
      scored: values.length,
      participants: r.scores.size,
      mean: round2(mean(values)),
      gini: values.length ? round2(gini(values)) : null,
      norm: r.norm,
      histogram: histogram(values, { min: scale.min, max: scale.max, count: 8 }).map((b) => ({ ...b, from: round2(b.from)!, to: round2(b.to)! })),
    };
  });

  const churn = rounds.slice(1).map((r, i) => {
    const prev = rounds[i]!;
    const moves = risersAndFallers(prev.ranks, r.ranks, 3);
    const mapMove = (m: { id: string; from: number; to: number; delta: number }) => ({ who: who(m.id, "churn"), from: m.from, to: m.to, delta: m.delta });
    return {
      from: prev.number,
      to: r.number,
      spearman: round2(spearman(prev.ranks, r.ranks)),
      kendall: round2(kendallTau(prev.ranks, r.ranks)),
      risers: moves.risers.map(mapMove),
      fallers: moves.fallers.map(mapMove),
    };
  });

  // The ranking replay: the same ranks and labels as the churn chart, every closed rating round.
  const scored = new Map(rounds.map((r) => [r.number, r]));
  const ranking = rankingFrames(
    data.rounds.map((r) => ({
      number: r.number,
      title: r.title,
      kind: r.settings.kind,
      rules: describeRules(r.rules),
      ranks: scored.get(r.number)?.ranks ?? null,
      passed: data.scenes.proposals.filter((p) => p.round === r.number && p.status === "passed").map((p) => p.text),
    })),
    active.map((p) => ({ id: p.id, who: who(p.id, "churn") })),
  );

  const dims = data.session.dimensions;
  // Pairwise sections: computed only once the session has ended.
  const pairwise = open ? pairwiseSections(rows, events, dims, node, raterPseudonym) : null;

  // Replay the last round's ratings under other rules and count who would move.
  const last = data.rounds.filter((r) => hasRatings(r.settings.kind)).at(-1);
  let replayOut: { round: number; actual: string[]; rules: { rule: string; rankChanges: number; bandChanges: number }[] } | null = null;
  if (last) {
    const lastRows = rows.filter((r) => r.round === last.number);
    const actual = rounds.at(-1)!;
    const participants = active.map((p) => ({ id: p.id, displayName: p.displayName }));
    const dimensionKeys = dims.map((d) => d.key);
    const alternatives: ReplayRule[] = [
      plainMeanRule(k, `Plain mean (k = ${k})`),
      nosediveRule(k),
      ...[2, 5].filter((other) => other !== k).map((other) => plainMeanRule(other, `Plain mean, k = ${other}`)),
    ];
    const vitality = DISTRIBUTION_PRESETS[0]!.bands;
    const bandsOf = (ranks: Map<string, number | null>) => {
      const ranked = [...ranks].filter(([, r]) => r !== null).sort((a, b) => (a[1] as number) - (b[1] as number));
      const assigned = assignBands(ranked.map(([, r]) => r as number), vitality);
      return new Map(ranked.map(([id], i) => [id, assigned[i]!.name]));
    };
    const actualBands = bandsOf(actual.ranks);
    replayOut = {
      round: last.number,
      actual: describeRules(last.rules),
      rules: replay(lastRows, participants, dimensionKeys, alternatives).map((r) => {
        const b = bandsOf(r.ranks);
        let bandChanges = 0;
        for (const p of participants) if ((b.get(p.id) ?? null) !== (actualBands.get(p.id) ?? null)) bandChanges++;
        return { rule: r.rule, rankChanges: rankChanges(actual.ranks, r.ranks), bandChanges };
      }),
    };
  }


  return {
    session: {
      code: data.session.code,
      title: data.session.title,
      k,
      dimensions: dims,
      participants: active.length,
      rounds: data.rounds.length,
      archived: data.session.archivedAt !== null,
      /** The session has ended: pairwise sections and the ratings export are open. */
      ended: open,
    },
    scenes: buildScenes(data, pseudonym),
    revealed: [...reveal],
    distribution,
    churn,
    ranking,
    reciprocity: pairwise?.reciprocity ?? LOCKED,
    admiration: pairwise?.admiration ?? LOCKED,
    halo: pairwise?.halo ?? LOCKED,
    leniency: pairwise?.leniency ?? LOCKED,
    replay: replayOut,
    reflection: buildReflectionSection(data),
  };
}

export type Debrief = ReturnType<typeof buildDebrief>;

/** The reflection section: it keeps changing after the end (answers, hidden texts, the spotlight), so it is always read live. */
export function buildReflectionSection(data: SessionData) {
  const activeIds = new Set(data.participants.filter(inDebrief).map((p) => p.id));
  const reflections = data.reflections.filter((r) => activeIds.has(r.participantId));
  return {
    answered: reflections.length,
    open: data.session.reflectionOpen,
    items: summarizeReflections(reflections.map((r) => r.answers)).map((i) => ({ ...i, mean: round2(i.mean), agreeShare: round2(i.agreeShare) })),
    // In keyed-hash order (data.ts); an opaque handle instead of the time-ordered id.
    texts: reflections.filter((r) => r.text).map((r) => ({ handle: r.handle, text: r.text, hidden: r.hidden })),
    spotlight: data.reflections.find((r) => r.id === data.session.spotlightReflectionId)?.handle ?? null,
  };
}


function pairwiseSections(
  rows: RatingRow[],
  events: SessionData["events"],
  dims: { key: string; label: string }[],
  node: ReadonlyMap<string, string>,
  raterPseudonym: ReadonlyMap<string, string>,
) {
  const recip = reciprocity(rows);
  const revenge = revengeDrops(events);
  const graph = admirationGraph(rows, { margin: 1 });
  const groups = cliques(rows, { minSize: 3, margin: 1 });
  const pairs = mutualAdmirationPairs(rows, { margin: 1 });
  const halo = haloCorrelation(rows, dims.map((d) => d.key));
  const len = leniency(rows);
  const n = (id: string) => node.get(id) ?? "?";
  return {
    reciprocity: { locked: false as const, pairs: recip.pairs, correlation: round2(recip.correlation), revenge: { drops: revenge.drops, revengeDrops: revenge.revengeDrops, share: round2(revenge.share) } },
    admiration: {
      locked: false as const,
      pairs: pairs.length,
      nodes: graph.nodes.map(n).sort(),
      // Sorted by pseudonym: the computed order follows participant ids, which are time-ordered (join order).
      edges: graph.edges
        .map((e) => {
          const [a, b] = [n(e.a), n(e.b)].sort();
          return { a: a!, b: b!, weight: round2(e.weight)! };
        })
        .sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
      cliques: groups
        .map((c) => ({ members: c.members.map(n).sort(), meanInside: round2(c.meanInside)!, meanOutside: round2(c.meanOutside) }))
        .sort((x, y) => x.members.join().localeCompare(y.members.join())),
    },
    halo: { locked: false as const, dimensions: dims.map((d) => d.label), matrix: halo.matrix.map((row) => row.map(round2)), meanOffDiagonal: round2(halo.meanOffDiagonal) },
    leniency: {
      locked: false as const,
      spread: round2(len.spread),
      sd: round2(len.sd),
      groupMean: round2(len.groupMean),
      // Raters appear in their own namespace (R01…).
      raters: len.raters.map((r) => ({ who: raterPseudonym.get(r.raterId) ?? "?", meanGiven: round2(r.meanGiven)!, count: r.count, kind: classifyRater(r.meanGiven, len.groupMean, len.sd) })),
    },
  };
}
