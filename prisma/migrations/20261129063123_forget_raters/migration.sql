-- AlterTable
ALTER TABLE "Session" ADD COLUMN "pseudonymSecret" TEXT;

-- CreateTable
CREATE TABLE "DebriefSnapshot" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DebriefSnapshot_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Rating" (
    "sessionId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "raterId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("sessionId", "round", "raterId", "targetId", "dimension"),
    CONSTRAINT "Rating_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Rating_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Rating" ("dimension", "raterId", "round", "score", "sessionId", "targetId", "updatedAt") SELECT "dimension", "raterId", "round", "score", "sessionId", "targetId", "updatedAt" FROM "Rating";
DROP TABLE "Rating";
ALTER TABLE "new_Rating" RENAME TO "Rating";
CREATE INDEX "Rating_sessionId_round_targetId_idx" ON "Rating"("sessionId", "round", "targetId");
CREATE INDEX "Rating_targetId_idx" ON "Rating"("targetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

