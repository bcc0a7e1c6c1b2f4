// The raw material of every statistic: one row per rating, as stored.

/** Latest score per (round, rater, target, dimension), as in the Rating table. */
export interface RatingRow {
  round: number;
  raterId: string;
  targetId: string;
  dimension: string;
  score: number;
}

/** One change in the append-only history; `at` is epoch ms, rows may come in any order. */
export interface RatingEventRow extends RatingRow {
  at: number;
}
