-- Moderation (docs/decisions/0017-threat-model.md): the facilitator withholds a charge's words or a
-- free-text proposal from every screen and the debrief. API tokens may expire. A session remembers
-- when it ended, so its public screens (reads by join code alone) can close.
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "Session" ADD COLUMN "endedAt" DATETIME;
ALTER TABLE "Denunciation" ADD COLUMN "hidden" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Proposal" ADD COLUMN "hidden" BOOLEAN NOT NULL DEFAULT false;
