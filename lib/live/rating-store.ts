// Where the live core stores and reads ratings. One interface, two stores:
// SQLite (group commit, synchronous reads) and PostgreSQL (asynchronous, rows
// carry event ids so several app instances can order changes). The hub never
// asks which database it runs on; it asks the store.
import type { RatingWrite, StoredRating } from "../db/ratings";
import type { RatingEventRecord } from "../db/ratings-pg";
import { usesPostgres } from "./publisher";
import { pgRatingStore } from "./rating-store-pg";
import { sqliteRatingStore } from "./rating-store-sqlite";

/** A stored rating; with PostgreSQL, the id of the event that set it (later ids win). */
export type StoredRatingRow = StoredRating & { id?: number };

export interface RatingStore {
  /**
   * true: the rating is counted in memory as soon as it is accepted and acknowledged once the
   * write resolves (SQLite group commit). false: it is counted once written, from the rows
   * the write returns, and other instances are told their ids (PostgreSQL).
   */
  readonly countsBeforeWrite: boolean;
  /** Stores one rater's scores for one colleague; resolves once durable, with the event rows when the store has them. */
  write(write: RatingWrite): Promise<RatingEventRecord[]>;
  /** The latest score per rater, colleague and dimension of one round. */
  loadRound(sessionId: string, round: number): Promise<StoredRatingRow[]>;
  /** Rows other instances announced (by event id); empty for a single-instance store. */
  loadEvents(sessionId: string, ids: number[]): Promise<RatingEventRecord[]>;
}

export function ratingStore(): RatingStore {
  return usesPostgres() ? pgRatingStore : sqliteRatingStore;
}
