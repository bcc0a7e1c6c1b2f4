// The end-of-session snapshot: what the debrief, its exports and the
// participants' reports show, computed once when the session ends, just before
// lib/db/forget.ts cuts the link between ratings and raters. Afterwards these
// are served from the snapshot (the stored ratings no longer say who gave
// them). What keeps changing after the end is read live: the reflection
// (answers, hidden texts, the spotlight) and whether the session is archived.
// Nothing in the snapshot is keyed by rater: leniency and the network use
// pseudonyms whose key is replaced at the seal, and the reports leave out how
// each person rated.
import { buildDebrief, buildReflectionSection, type Debrief } from "./build";
import type { SessionData } from "./data";
import { exportTable, type Table } from "./exports";
import { buildReports, type ParticipantReport } from "./report";

export interface DebriefSnapshot {
  version: 1;
  /** The debrief with pseudonyms everywhere. */
  debrief: Debrief;
  /** The rank-churn chart with names (the facilitator's "show names on churn"). */
  churnNamed: Debrief["churn"];
  /** The ranking replay with names (it follows the same switch as the churn chart); absent in snapshots taken before it existed. */
  rankingNamed?: Debrief["ranking"];
  exports: { ratings: Table; scores: Table; scenes: Table };
  /** participant id → their report, without how they rated. */
  reports: Record<string, ParticipantReport>;
}

export function computeSnapshot(data: SessionData): DebriefSnapshot {
  if (data.session.phase !== "ended") throw new Error("A debrief snapshot is taken only once the session has ended.");
  const reports = buildReports(
    data,
    data.participants.map((p) => p.id),
  );
  return {
    version: 1,
    debrief: buildDebrief(data),
    ...(({ churn, ranking }) => ({ churnNamed: churn, rankingNamed: ranking }))(buildDebrief(data, new Set(["churn"]))),
    exports: { ratings: exportTable(data, "ratings"), scores: exportTable(data, "scores"), scenes: exportTable(data, "scenes") },
    reports: Object.fromEntries([...reports].map(([id, r]) => [id, { ...r, behaviour: null, behaviourForgotten: true }])),
  };
}

/** The debrief as served after the end: the snapshot, with what may still change read from `live`. */
export function debriefFromSnapshot(snapshot: DebriefSnapshot, live: SessionData, reveal: ReadonlySet<"churn">): Debrief {
  return {
    ...snapshot.debrief,
    session: { ...snapshot.debrief.session, archived: live.session.archivedAt !== null },
    churn: reveal.has("churn") ? snapshot.churnNamed : snapshot.debrief.churn,
    // Snapshots taken before the replay existed have none: an empty replay, never names by accident.
    ranking: (reveal.has("churn") ? snapshot.rankingNamed : snapshot.debrief.ranking) ?? [],
    revealed: [...reveal],
    reflection: buildReflectionSection(live),
  };
}
