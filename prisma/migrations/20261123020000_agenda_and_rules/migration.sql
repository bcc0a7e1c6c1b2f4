-- Hand-written: ADD COLUMN keeps existing rows and needs no table rebuild.
ALTER TABLE "Session" ADD COLUMN "agenda" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Round" ADD COLUMN "title" TEXT;
ALTER TABLE "Round" ADD COLUMN "rules" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Round" ADD COLUMN "norm" REAL;
