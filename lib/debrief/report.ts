// A participant's private report: only their own data, every figure behind
// the anonymity threshold k.
import { blindSpots, classifyRater, leniency } from "../domain/stats";
import { scoreRounds } from "./build";
import type { SessionData } from "./data";

const round2 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

export function buildReport(data: SessionData, participantId: string) {
  const k = data.session.k;
  const me = data.participants.find((p) => p.id === participantId);
  if (!me) return null;
  const rounds = scoreRounds(data);
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
  const received = data.ratings.filter((r) => r.targetId === participantId && r.raterId !== participantId);
  const self: Record<string, number> = {};
  for (const s of data.selfRatings) if (s.participantId === participantId) self[s.dimension] = s.score;
  const others: Record<string, number | null> = {};
  const dimensions = data.session.dimensions.map((d) => {
    const roundMeans: number[] = [];
    for (const round of data.rounds) {
      const rows = received.filter((r) => r.dimension === d.key && r.round === round.number);
      if (new Set(rows.map((r) => r.raterId)).size >= k) roundMeans.push(rows.reduce((a, r) => a + r.score, 0) / rows.length);
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

  // How this person rated, compared with the group (means only, never whom).
  // The same raters as the debrief's leniency chart: people still in the session.
  const active = new Set(data.participants.filter((p) => p.status === "active" || p.status === "observer").map((p) => p.id));
  const len = leniency(data.ratings.filter((r) => active.has(r.raterId) && active.has(r.targetId)));
  const mine = len.raters.find((r) => r.raterId === participantId) ?? null;
  const behaviour = mine
    ? { meanGiven: round2(mine.meanGiven), count: mine.count, groupMean: round2(len.groupMean), sd: round2(len.sd), kind: classifyRater(mine.meanGiven, len.groupMean, len.sd) }
    : null;

  return {
    session: { code: data.session.code, title: data.session.title, k, scale: data.session.scale },
    participant: { displayName: me.displayName },
    trajectory,
    dimensions,
    blindSpots: spots,
    behaviour,
    selfRated: Object.keys(self).length > 0,
  };
}

export type ParticipantReport = NonNullable<ReturnType<typeof buildReport>>;
