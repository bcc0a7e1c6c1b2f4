-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "amendments" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'rating',
ADD COLUMN     "settings" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "stage" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "RifCase" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "rank" INTEGER,
    "statement" TEXT,
    "statementAt" TIMESTAMP(3),
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "keepVotes" INTEGER,
    "letGoVotes" INTEGER,

    CONSTRAINT "RifCase_pkey" PRIMARY KEY ("sessionId","round","participantId")
);

-- CreateTable
CREATE TABLE "RifVote" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "voterId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RifVote_pkey" PRIMARY KEY ("sessionId","round","voterId","targetId")
);

-- CreateTable
CREATE TABLE "Denunciation" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "accuserId" TEXT NOT NULL,
    "accusedId" TEXT NOT NULL,
    "charge" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Denunciation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("sessionId","round","participantId")
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "text" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT NOT NULL,
    "accepted" BOOLEAN,
    "status" TEXT NOT NULL DEFAULT 'open',
    "forVotes" INTEGER,
    "againstVotes" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalVote" (
    "proposalId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProposalVote_pkey" PRIMARY KEY ("proposalId","voterId")
);

-- CreateIndex
CREATE INDEX "Denunciation_sessionId_round_idx" ON "Denunciation"("sessionId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Denunciation_sessionId_round_accuserId_accusedId_key" ON "Denunciation"("sessionId", "round", "accuserId", "accusedId");

-- CreateIndex
CREATE INDEX "Proposal_sessionId_round_idx" ON "Proposal"("sessionId", "round");

-- AddForeignKey
ALTER TABLE "RifCase" ADD CONSTRAINT "RifCase_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RifVote" ADD CONSTRAINT "RifVote_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Denunciation" ADD CONSTRAINT "Denunciation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalVote" ADD CONSTRAINT "ProposalVote_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

