// Small electorates: when fewer than three people voted on one question (keep or
// let go one person in a Reduction in Force, one conference proposal), an exact
// tally tells each voter how the other one or two voted, and tells the room how
// a known pair voted. Then only the outcome is published, never the counts.
// Pure rule, applied on every screen (lib/live/interactive.ts) and in the
// debrief and its exports (lib/debrief/scenes.ts).

/** The fewest voters whose split may be published. */
export const MIN_PUBLISHED_VOTERS = 3;

/** True when a question with this many voters may show its split (for/against, keep/let go). */
export function tallyPublishable(voters: number): boolean {
  return voters >= MIN_PUBLISHED_VOTERS;
}

/**
 * The split to publish for a two-way vote: the counts when at least three people voted,
 * otherwise null for both (the caller still publishes the outcome).
 */
export function publishedSplit(yes: number | null, no: number | null): { yes: number | null; no: number | null } {
  if (yes === null || no === null) return { yes: null, no: null };
  return tallyPublishable(yes + no) ? { yes, no } : { yes: null, no: null };
}

/** "2 keep / 1 let go", or a note that the count stays hidden when fewer than three voted. */
export function describeSplit(split: { yes: number | null; no: number | null }, yesLabel: string, noLabel: string, separator = " / "): string {
  if (split.yes === null || split.no === null) return `fewer than ${MIN_PUBLISHED_VOTERS} voters: count not shown`;
  return `${split.yes} ${yesLabel}${separator}${split.no} ${noLabel}`;
}
