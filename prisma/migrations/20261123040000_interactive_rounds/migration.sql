-- Interactive rounds: Reduction in Force, the tribunal, the production conference.
-- CreateTable
CREATE TABLE "RifCase" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "rank" INTEGER,
    "statement" TEXT,
    "statementAt" DATETIME,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "keepVotes" INTEGER,
    "letGoVotes" INTEGER,

    PRIMARY KEY ("sessionId", "round", "participantId"),
    CONSTRAINT "RifCase_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RifVote" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "voterId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("sessionId", "round", "voterId", "targetId"),
    CONSTRAINT "RifVote_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Denunciation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "accuserId" TEXT NOT NULL,
    "accusedId" TEXT NOT NULL,
    "charge" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Denunciation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appeal" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("sessionId", "round", "participantId"),
    CONSTRAINT "Appeal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" REAL,
    "text" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT NOT NULL,
    "accepted" BOOLEAN,
    "status" TEXT NOT NULL DEFAULT 'open',
    "forVotes" INTEGER,
    "againstVotes" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalVote" (
    "proposalId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("proposalId", "voterId"),
    CONSTRAINT "ProposalVote_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (ADD COLUMN: no table rebuild)
ALTER TABLE "Session" ADD COLUMN "amendments" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Round" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'rating';
ALTER TABLE "Round" ADD COLUMN "settings" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Round" ADD COLUMN "stage" TEXT NOT NULL DEFAULT '{}';


-- CreateIndex
CREATE INDEX "Denunciation_sessionId_round_idx" ON "Denunciation"("sessionId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Denunciation_sessionId_round_accuserId_accusedId_key" ON "Denunciation"("sessionId", "round", "accuserId", "accusedId");

-- CreateIndex
CREATE INDEX "Proposal_sessionId_round_idx" ON "Proposal"("sessionId", "round");

