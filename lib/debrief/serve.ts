// What the debrief routes and pages serve: computed live while the session
// runs (closed rounds only, pairwise sections locked), from the end-of-session
// snapshot once it has ended (lib/debrief/snapshot.ts, lib/db/forget.ts).
import { getDb } from "../db/client";
import { sealSession } from "../db/forget";
import { AppError } from "../errors";
import { buildDebrief, pairwiseOpen, type Debrief, type RevealableChart } from "./build";
import type { SessionData } from "./data";
import { exportTable, RATINGS_EXPORT_LOCKED, type ExportKind, type Table } from "./exports";
import { buildReport, type ParticipantReport } from "./report";
import { debriefFromSnapshot, type DebriefSnapshot } from "./snapshot";

/**
 * The snapshot of an ended session. A session that ended before snapshots existed (or whose seal
 * failed) is sealed now, so its ratings are forgotten on first look at its debrief.
 */
async function snapshotOf(data: SessionData): Promise<DebriefSnapshot | null> {
  if (!pairwiseOpen(data)) return null;
  const read = async () => (await getDb().debriefSnapshot.findUnique({ where: { sessionId: data.session.id }, select: { data: true } }))?.data;
  let json = await read();
  if (!json) {
    await sealSession(data.session.id);
    json = await read();
  }
  return json ? (JSON.parse(json) as DebriefSnapshot) : null;
}

export async function serveDebrief(data: SessionData, reveal: ReadonlySet<RevealableChart>): Promise<Debrief> {
  const snapshot = await snapshotOf(data);
  return snapshot ? debriefFromSnapshot(snapshot, data, reveal) : buildDebrief(data, reveal);
}

export async function serveExport(data: SessionData, kind: ExportKind): Promise<Table> {
  if (kind === "ratings" && !pairwiseOpen(data)) throw new AppError("conflict", RATINGS_EXPORT_LOCKED);
  // Reflections stay live (they may still change after the end); the rest is what the end computed.
  if (kind === "reflections") return exportTable(data, kind);
  const snapshot = await snapshotOf(data);
  return snapshot ? snapshot.exports[kind] : exportTable(data, kind);
}

export async function serveReport(data: SessionData, participantId: string): Promise<ParticipantReport | null> {
  const snapshot = await snapshotOf(data);
  return snapshot ? (snapshot.reports[participantId] ?? null) : buildReport(data, participantId);
}
