// How raters rate: halo (one impression across all dimensions) and leniency.
import { pearson } from "./correlation";
import { EPS, compareIds, givenMeans, mean, peerRows, populationSd } from "./internal";
import type { RatingRow } from "./rows";

/**
 * Pearson's r between every two dimensions, over the rating sheets — one
 * (round, rater, target) — that scored both. matrix[i][j] follows
 * `dimensions` order and is symmetric; the diagonal is 1 when a dimension
 * varies over at least 3 sheets, else null like any cell without enough data.
 * meanOffDiagonal: mean of the non-null cells above the diagonal, the
 * headline "the dimensions measure one impression"; null if there are none.
 */
export function haloCorrelation(
  rows: readonly RatingRow[],
  dimensions: readonly string[],
): { matrix: (number | null)[][]; meanOffDiagonal: number | null } {
  const sheets = new Map<string, Map<string, number>>();
  for (const r of peerRows(rows)) {
    const key = [r.round, r.raterId, r.targetId].join("\u0000");
    let sheet = sheets.get(key);
    if (!sheet) sheets.set(key, (sheet = new Map()));
    sheet.set(r.dimension, r.score);
  }
  const correlate = (di: string, dj: string): number | null => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const sheet of sheets.values()) {
      const x = sheet.get(di);
      const y = sheet.get(dj);
      if (x === undefined || y === undefined) continue;
      xs.push(x);
      ys.push(y);
    }
    const r = pearson(xs, ys);
    return di === dj && r !== null ? 1 : r; // exactly 1, not 0.9999999999999998
  };
  const matrix = dimensions.map((di) => dimensions.map((dj) => correlate(di, dj)));
  const upper = matrix.flatMap((row, i) => row.filter((r, j): r is number => j > i && r !== null));
  return { matrix, meanOffDiagonal: mean(upper) };
}

export interface RaterLeniency {
  raterId: string;
  /** Mean of every score this rater gave (each row weighs once). */
  meanGiven: number;
  count: number;
}

/**
 * Each rater's mean given score, most lenient first (ties by id). groupMean
 * is the mean of those rater means (each rater weighs once); spread is
 * max − min and sd their population SD, both null with fewer than 2 raters;
 * groupMean is null with none. Pass one round's rows to compare within it.
 */
export function leniency(rows: readonly RatingRow[]): {
  raters: RaterLeniency[];
  spread: number | null;
  sd: number | null;
  groupMean: number | null;
} {
  const raters = [...givenMeans(peerRows(rows))]
    .map(([raterId, { mean: meanGiven, count }]) => ({ raterId, meanGiven, count }))
    .sort((a, b) => b.meanGiven - a.meanGiven || compareIds(a.raterId, b.raterId));
  const means = raters.map((r) => r.meanGiven);
  const enough = means.length >= 2;
  return {
    raters,
    spread: enough ? Math.max(...means) - Math.min(...means) : null,
    sd: enough ? populationSd(means) : null,
    groupMean: mean(means),
  };
}

/**
 * "lenient" above groupMean + sd, "severe" below groupMean − sd, otherwise
 * (on the boundary too, or without a group mean or SD) "typical".
 */
export function classifyRater(meanGiven: number, groupMean: number | null, sd: number | null): "lenient" | "severe" | "typical" {
  if (groupMean === null || sd === null) return "typical";
  if (meanGiven > groupMean + sd + EPS) return "lenient";
  if (meanGiven < groupMean - sd - EPS) return "severe";
  return "typical";
}
