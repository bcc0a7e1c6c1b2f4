// The PostgreSQL rating store (several app instances, docs/decisions/0008):
// asynchronous writes that return the event rows, whose ids order changes
// arriving from other instances.
import { loadRatingEventsPg, loadRoundRatingsPg, writeRatingsPg } from "../db/ratings-pg";
import type { RatingStore } from "./rating-store";

export const pgRatingStore: RatingStore = {
  countsBeforeWrite: false,
  write: writeRatingsPg,
  loadRound: loadRoundRatingsPg,
  loadEvents: loadRatingEventsPg,
};
