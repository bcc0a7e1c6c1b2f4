// Debrief statistics over a session's own ratings: pure functions, no I/O.
// Conventions shared by every module in ./stats:
//  - self-ratings (rater = target) are ignored; the API refuses them anyway;
//  - "a direction" A → B is the mean of A's rows about B, over dimensions;
//  - functions taking RatingRow[] use whatever rows they get: filter to one
//    round first unless pooling rounds is what you want;
//  - ids sort in code-unit order, so output order is the same everywhere;
//  - bad parameters (a negative window, k = 0, …) throw RangeError.
export type { RatingEventRow, RatingRow } from "./stats/rows";
export * from "./stats/distribution";
export * from "./stats/correlation";
export * from "./stats/ranks";
export * from "./stats/reciprocity";
export * from "./stats/admiration";
export * from "./stats/raters";
export * from "./stats/replay";
export * from "./stats/blind-spots";
