-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "releaseMinRaters" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "releaseSeconds" INTEGER NOT NULL DEFAULT 2;

