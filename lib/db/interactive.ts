// Storage of the interactive rounds (Reduction in Force, tribunal, production
// conference). Low volume (a few writes per person per round), so Prisma's
// single-statement writes are enough; the live hub keeps the working copy in
// memory and writes here first.
import { isUniqueViolation } from "./errors";
import type { Amendment } from "../domain/rounds/conference";
import type { Vote } from "../domain/rounds/rif";
import { getDb } from "./client";

export interface RifCaseRow {
  participantId: string;
  position: number;
  rank: number | null;
  statement: string | null;
  statementAt: Date | null;
  hidden: boolean;
  outcome: "kept" | "let_go" | null;
  keepVotes: number | null;
  letGoVotes: number | null;
}

export interface ProposalRow {
  id: string;
  kind: string;
  value: number | null;
  text: string;
  authorId: string;
  hidden: boolean;
  accepted: boolean | null;
  status: "open" | "passed" | "failed";
  forVotes: number | null;
  againstVotes: number | null;
  createdAt: Date;
}

export interface RoundInteractions {
  cases: RifCaseRow[];
  rifVotes: { voterId: string; targetId: string; vote: Vote }[];
  denunciations: { accuserId: string; accusedId: string; charge: string; hidden: boolean; createdAt: Date }[];
  appeals: { participantId: string; text: string; hidden: boolean }[];
  proposals: ProposalRow[];
  proposalVotes: { proposalId: string; voterId: string; vote: "for" | "against" }[];
}

export async function loadInteractions(sessionId: string, round: number): Promise<RoundInteractions> {
  const db = getDb();
  const where = { sessionId, round };
  const [cases, rifVotes, denunciations, appeals, proposals] = await Promise.all([
    db.rifCase.findMany({ where, orderBy: { position: "asc" } }),
    db.rifVote.findMany({ where, select: { voterId: true, targetId: true, vote: true } }),
    db.denunciation.findMany({ where, orderBy: { id: "asc" }, select: { accuserId: true, accusedId: true, charge: true, hidden: true, createdAt: true } }),
    db.appeal.findMany({ where, select: { participantId: true, text: true, hidden: true } }),
    db.proposal.findMany({ where, orderBy: { createdAt: "asc" } }),
  ]);
  const proposalVotes = proposals.length
    ? await db.proposalVote.findMany({ where: { proposalId: { in: proposals.map((p) => p.id) } }, select: { proposalId: true, voterId: true, vote: true } })
    : [];
  return {
    cases: cases.map((c) => ({ ...c, outcome: c.outcome as RifCaseRow["outcome"] })),
    rifVotes: rifVotes.map((v) => ({ ...v, vote: v.vote as Vote })),
    denunciations,
    appeals,
    proposals: proposals.map((p) => ({ ...p, status: p.status as ProposalRow["status"] })),
    proposalVotes: proposalVotes.map((v) => ({ ...v, vote: v.vote as "for" | "against" })),
  };
}

export async function createRifCases(sessionId: string, round: number, cases: { participantId: string; position: number; rank: number | null }[]): Promise<void> {
  const db = getDb();
  await db.rifCase.deleteMany({ where: { sessionId, round } });
  await db.rifCase.createMany({ data: cases.map((c) => ({ sessionId, round, ...c })) });
}

export async function saveStatement(sessionId: string, round: number, participantId: string, statement: string, at: Date): Promise<void> {
  await getDb().rifCase.update({ where: { sessionId_round_participantId: { sessionId, round, participantId } }, data: { statement, statementAt: at } });
}

export async function setStatementHidden(sessionId: string, round: number, participantId: string, hidden: boolean): Promise<void> {
  await getDb().rifCase.update({ where: { sessionId_round_participantId: { sessionId, round, participantId } }, data: { hidden } });
}

export async function saveRifVote(sessionId: string, round: number, voterId: string, targetId: string, vote: Vote, at: Date): Promise<void> {
  await getDb().rifVote.upsert({
    where: { sessionId_round_voterId_targetId: { sessionId, round, voterId, targetId } },
    create: { sessionId, round, voterId, targetId, vote, updatedAt: at },
    update: { vote, updatedAt: at },
  });
}

/**
 * Stores the verdicts, then turns the people let go into observers. Plain
 * sequential writes, no transaction (see docs/stack.md on the SQLite adapter): each
 * is idempotent, and the facilitator can reveal again after a crash between them.
 */
export async function saveVerdicts(
  sessionId: string,
  round: number,
  verdicts: { participantId: string; keep: number; letGo: number; outcome: "kept" | "let_go" }[],
): Promise<void> {
  const db = getDb();
  for (const v of verdicts) {
    await db.rifCase.update({
      where: { sessionId_round_participantId: { sessionId, round, participantId: v.participantId } },
      data: { outcome: v.outcome, keepVotes: v.keep, letGoVotes: v.letGo },
    });
  }
  await db.participant.updateMany({
    where: { sessionId, id: { in: verdicts.filter((v) => v.outcome === "let_go").map((v) => v.participantId) }, status: "active" },
    data: { status: "observer" },
  });
}

/** Returns false when this accuser has already denounced this colleague this round. */
export async function createDenunciation(input: { sessionId: string; round: number; accuserId: string; accusedId: string; charge: string; hidden: boolean; createdAt: Date }): Promise<boolean> {
  try {
    await getDb().denunciation.create({ data: input });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Returns false when the person has already appealed this round. */
export async function createAppeal(input: { sessionId: string; round: number; participantId: string; text: string; createdAt: Date }): Promise<boolean> {
  try {
    await getDb().appeal.create({ data: input });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function setAppealHidden(sessionId: string, round: number, participantId: string, hidden: boolean): Promise<void> {
  await getDb().appeal.update({ where: { sessionId_round_participantId: { sessionId, round, participantId } }, data: { hidden } });
}

/** Moderation: withholds (or shows again) one wording of the charges against one person in one round. */
export async function setChargeHidden(sessionId: string, round: number, accusedId: string, charge: string, hidden: boolean): Promise<void> {
  await getDb().denunciation.updateMany({ where: { sessionId, round, accusedId, charge }, data: { hidden } });
}

/** Moderation: withholds (or shows again) a free-text proposal. */
export async function setProposalHidden(proposalId: string, hidden: boolean): Promise<void> {
  await getDb().proposal.update({ where: { id: proposalId }, data: { hidden } });
}

export async function createProposal(input: { sessionId: string; round: number; kind: string; value: number | null; text: string; authorId: string; createdAt: Date }): Promise<ProposalRow> {
  const row = await getDb().proposal.create({ data: input });
  return { ...row, status: row.status as ProposalRow["status"] };
}

export async function saveProposalVote(proposalId: string, voterId: string, vote: "for" | "against", at: Date): Promise<void> {
  await getDb().proposalVote.upsert({
    where: { proposalId_voterId: { proposalId, voterId } },
    create: { proposalId, voterId, vote, updatedAt: at },
    update: { vote, updatedAt: at },
  });
}

export async function setProposalAccepted(proposalId: string, accepted: boolean | null): Promise<void> {
  await getDb().proposal.update({ where: { id: proposalId }, data: { accepted } });
}

/** The conference's outcome: each proposal's tally and status, and the amendments now in force. */
export async function saveConferenceOutcome(
  sessionId: string,
  tallies: { id: string; for: number; against: number; passed: boolean }[],
  amendments: Amendment[],
): Promise<void> {
  const db = getDb();
  // Sequential single-statement writes (no transaction, see docs/stack.md); closing the round again rewrites them all.
  for (const t of tallies) {
    await db.proposal.update({ where: { id: t.id }, data: { forVotes: t.for, againstVotes: t.against, status: t.passed ? "passed" : "failed" } });
  }
  await db.session.update({ where: { id: sessionId }, data: { amendments: JSON.stringify(amendments) } });
}

export async function saveAmendments(sessionId: string, amendments: Amendment[]): Promise<void> {
  await getDb().session.update({ where: { id: sessionId }, data: { amendments: JSON.stringify(amendments) } });
}

export async function saveRoundStage(sessionId: string, round: number, stage: unknown): Promise<void> {
  await getDb().round.updateMany({ where: { sessionId, number: round }, data: { stage: JSON.stringify(stage) } });
}
