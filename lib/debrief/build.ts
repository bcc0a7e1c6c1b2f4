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

/** People who count in the debrief: active ones and observers (let go in a Reduction in Force, still part of the story). */
export const inDebrief = (p: { status: string }) => p.status === "active" || p.status === "observer";

/** Leniency is not revealable: rater names with their mean given would unlock the ratings export. */
export type RevealableChart = "churn";

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
    const entries = applyRules(targets, () => rows, data.session.k, round.rules, round.norm, { adjustments, scale: data.session.scale });
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

export function buildDebrief(data: SessionData, reveal: ReadonlySet<RevealableChart> = new Set()) {
  const k = data.session.k;
  const active = data.participants.filter(inDebrief);
  const activeIds = new Set(active.map((p) => p.id));
  const pseudonym = new Map(data.participants.map((p) => [p.id, p.pseudonym]));
  const raterPseudonym = new Map(data.participants.map((p) => [p.id, p.raterPseudonym]));
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

  const recip = reciprocity(rows);
  const revenge = revengeDrops(events);
  const graph = admirationGraph(rows, { margin: 1 });
  const groups = cliques(rows, { minSize: 3, margin: 1 });
  const pairs = mutualAdmirationPairs(rows, { margin: 1 });

  const dims = data.session.dimensions;
  const halo = haloCorrelation(rows, dims.map((d) => d.key));

  const len = leniency(rows);
  const leniencyOut = {
    spread: round2(len.spread),
    sd: round2(len.sd),
    groupMean: round2(len.groupMean),
    // Raters appear in the rater namespace (R01…), as in the ratings export.
    raters: len.raters.map((r) => ({ who: raterPseudonym.get(r.raterId) ?? "?", meanGiven: round2(r.meanGiven)!, count: r.count, kind: classifyRater(r.meanGiven, len.groupMean, len.sd) })),
  };

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

  const reflections = data.reflections.filter((r) => activeIds.has(r.participantId));

  return {
    session: { code: data.session.code, title: data.session.title, k, dimensions: dims, participants: active.length, rounds: data.rounds.length, archived: data.session.archivedAt !== null },
    scenes: buildScenes(data, pseudonym),
    revealed: [...reveal],
    distribution,
    churn,
    reciprocity: { pairs: recip.pairs, correlation: round2(recip.correlation), revenge: { drops: revenge.drops, revengeDrops: revenge.revengeDrops, share: round2(revenge.share) } },
    admiration: {
      pairs: pairs.length,
      nodes: graph.nodes.map((id) => pseudonym.get(id) ?? "?"),
      edges: graph.edges.map((e) => ({ a: pseudonym.get(e.a) ?? "?", b: pseudonym.get(e.b) ?? "?", weight: round2(e.weight)! })),
      cliques: groups.map((c) => ({ members: c.members.map((id) => pseudonym.get(id) ?? "?").sort(), meanInside: round2(c.meanInside)!, meanOutside: round2(c.meanOutside) })),
    },
    halo: { dimensions: dims.map((d) => d.label), matrix: halo.matrix.map((row) => row.map(round2)), meanOffDiagonal: round2(halo.meanOffDiagonal) },
    leniency: leniencyOut,
    replay: replayOut,
    reflection: {
      answered: reflections.length,
      open: data.session.reflectionOpen,
      items: summarizeReflections(reflections.map((r) => r.answers)).map((i) => ({ ...i, mean: round2(i.mean), agreeShare: round2(i.agreeShare) })),
      texts: reflections.filter((r) => r.text).map((r) => ({ id: r.id, text: r.text, hidden: r.hidden })),
      spotlight: data.session.spotlightReflectionId,
    },
  };
}

export type Debrief = ReturnType<typeof buildDebrief>;
