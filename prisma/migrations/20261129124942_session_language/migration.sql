-- AlterTable
ALTER TABLE "Session" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'en';
