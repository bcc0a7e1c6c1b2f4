// Quota ballots: each rater's own ratings must follow the curve too. On every
// dimension at most a share (default 20%) of one's colleagues may get the
// top score; at least one may always get it.

export function topScoreLimit(colleagues: number, share: number): number {
  return Math.max(1, Math.floor(colleagues * share));
}

/** Top scores a rater has given on one dimension, not counting the target being re-rated. */
export function topScoresUsed(givenOnDimension: Map<string, number>, max: number, exceptTarget?: string): number {
  let used = 0;
  for (const [target, score] of givenOnDimension) if (score === max && target !== exceptTarget) used++;
  return used;
}

export function checkQuota(
  givenOnDimension: Map<string, number>,
  targetId: string,
  newScore: number,
  max: number,
  limit: number,
): { ok: true } | { ok: false; used: number } {
  if (newScore !== max) return { ok: true };
  const used = topScoresUsed(givenOnDimension, max, targetId);
  return used < limit ? { ok: true } : { ok: false, used };
}
