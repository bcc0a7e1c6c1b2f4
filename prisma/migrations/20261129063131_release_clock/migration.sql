-- Release clock (docs/decisions/0011-release-clock.md): the facilitator's period and batch size.
ALTER TABLE "Session" ADD COLUMN "releaseSeconds" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "Session" ADD COLUMN "releaseMinRaters" INTEGER NOT NULL DEFAULT 2;
