-- DropForeignKey
ALTER TABLE "Rating" DROP CONSTRAINT "Rating_raterId_fkey";

-- DropIndex
DROP INDEX "Rating_raterId_idx";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "pseudonymSecret" TEXT;

-- CreateTable
CREATE TABLE "DebriefSnapshot" (
    "sessionId" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DebriefSnapshot_pkey" PRIMARY KEY ("sessionId")
);

-- AddForeignKey
ALTER TABLE "DebriefSnapshot" ADD CONSTRAINT "DebriefSnapshot_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

