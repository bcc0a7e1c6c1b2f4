-- Admission (docs/decisions/0021-admission-behind-nat.md): the facilitator's participant cap.
-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "maxParticipants" INTEGER NOT NULL DEFAULT 5000;

