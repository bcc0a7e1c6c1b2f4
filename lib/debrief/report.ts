// A participant's private report: only their own data, every figure behind
// the anonymity threshold k in force (the session's k, raised by the
// production conference's "raise k" as on the live board).
import { kInForce, parseAmendments } from "../domain/rounds/conference";
import { effectiveK } from "../domain/rules/apply";
import { blindSpots, classifyRater, leniency, type RatingRow } from "../domain/stats";
import { scoreRounds } from "./build";
import type { SessionData } from "./data";

const round2 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

/** Reports for several participants at once (the end-of-session snapshot has one per person): the shared work is done once. */
export function buildReports(data: SessionData, participantIds: readonly string[]): Map<string, ParticipantReport> {
  // As the live board: the session's k raised by the production conference ("raise k"), never lowered.
  const k = kInForce(data.session.k, parseAmendments(data.session.amendments));
  const rounds = scoreRounds(data);
  const receivedBy = new Map<string, RatingRow[]>();
  for (const r of data.ratings) {
    if (r.raterId === r.targetId) continue;
    const list = receivedBy.get(r.targetId) ?? [];
    list.push(r);
    receivedBy.set(r.targetId, list);
  }
  // How each person rated, compared with the group (means only, never whom).
  // The same raters as the debrief's leniency chart: people still in the session.
  const active = new Set(data.participants.filter((p) => p.status === "active" || p.status === "observer").map((p) => p.id));
  const len = leniency(data.ratings.filter((r) => active.has(r.raterId) && active.has(r.targetId)));
  const lenBy = new Map(len.raters.map((r) => [r.raterId, r]));
  const out = new Map<string, ParticipantReport>();

  for (const participantId of participantIds) {
    const me = data.participants.find((p) => p.id === participantId);
    if (!me) continue;
    const trajectory = rounds.map((r) => ({
      round: r.number,
      title: r.title,
      rules: r.rules,
      score: r.scores.get(participantId) ?? null,
      rank: r.ranks.get(participantId) ?? null,
      ranked: [...r.ranks.values()].filter((x) => x !== null).length,
      band: r.bands.get(participantId) ?? null,
    }));

    // Others' view per dimension: the mean of the per-round means, counting only rounds in which at least k
    // people rated that dimension. Pooling raw ratings would let one later rating below k show through.
    const received = receivedBy.get(participantId) ?? [];
    const self: Record<string, number> = {};
    for (const s of data.selfRatings) if (s.participantId === participantId) self[s.dimension] = s.score;
    const others: Record<string, number | null> = {};
    const dimensions = data.session.dimensions.map((d) => {
      const roundMeans: number[] = [];
      for (const round of data.rounds) {
        const rows = received.filter((r) => r.dimension === d.key && r.round === round.number);
        if (new Set(rows.map((r) => r.raterId)).size >= Math.max(k, effectiveK(data.session.k, round.rules))) {
          roundMeans.push(rows.reduce((a, r) => a + r.score, 0) / rows.length);
        }
      }
      const othersMean = roundMeans.length ? roundMeans.reduce((a, b) => a + b, 0) / roundMeans.length : null;
      others[d.key] = othersMean;
      return { key: d.key, label: d.label, others: round2(othersMean), self: self[d.key] ?? null, enough: othersMean !== null };
    });
    const spots = blindSpots(self, others, data.session.scale).map((b) => ({
      ...b,
      label: data.session.dimensions.find((d) => d.key === b.dimension)?.label ?? b.dimension,
      others: round2(b.others),
    }));

    const mine = lenBy.get(participantId) ?? null;
    const behaviour = mine
      ? { meanGiven: round2(mine.meanGiven), count: mine.count, groupMean: round2(len.groupMean), sd: round2(len.sd), kind: classifyRater(mine.meanGiven, len.groupMean, len.sd) }
      : null;

    out.set(participantId, {
      session: { code: data.session.code, title: data.session.title, k, scale: data.session.scale },
      participant: { displayName: me.displayName },
      trajectory,
      dimensions,
      blindSpots: spots,
      behaviour,
      behaviourForgotten: false,
      selfRated: Object.keys(self).length > 0,
    });
  }
  return out;
}

export function buildReport(data: SessionData, participantId: string): ParticipantReport | null {
  return buildReports(data, [participantId]).get(participantId) ?? null;
}

export interface ParticipantReport {
  session: { code: string; title: string; k: number; scale: { min: number; max: number } };
  participant: { displayName: string };
  trajectory: { round: number; title: string | null; rules: string[]; score: number | null; rank: number | null; ranked: number; band: string | null }[];
  dimensions: { key: string; label: string; others: number | null; self: number | null; enough: boolean }[];
  blindSpots: (Omit<ReturnType<typeof blindSpots>[number], "others"> & { label: string; others: number | null })[];
  behaviour: { meanGiven: number | null; count: number; groupMean: number | null; sd: number | null; kind: ReturnType<typeof classifyRater> } | null;
  /** True once the session has ended: how this person rated is forgotten with the link between ratings and raters (lib/db/forget.ts). */
  behaviourForgotten: boolean;
  selfRated: boolean;
}
