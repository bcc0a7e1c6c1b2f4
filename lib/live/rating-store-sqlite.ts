// The SQLite rating store: writes join the group commit of their event-loop
// turn (lib/db/ratings.ts); reads are synchronous, so the promise it returns
// is already settled and nothing can run between the read and its use.
import { loadRoundRatings, writeRatingsGrouped } from "../db/ratings";
import type { RatingStore } from "./rating-store";

export const sqliteRatingStore: RatingStore = {
  countsBeforeWrite: true,
  write: (write) => writeRatingsGrouped(write).then(() => []),
  loadRound: (sessionId, round) => Promise.resolve(loadRoundRatings(sessionId, round)),
  loadEvents: () => Promise.resolve([]),
};
