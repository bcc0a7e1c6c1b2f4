// The open-loop schedule (request i goes out at i/rate seconds, whatever the
// answers to earlier requests) and the choice of who rates whom.

/** How many requests an open-loop run of `rate`/s for `durationS` seconds sends. */
export function scheduleCount(rate: number, durationS: number): number {
  return Math.max(0, Math.round(rate * durationS));
}

/** When request `i` (0-based) is due, in ms after the start. */
export function scheduledOffsetMs(i: number, rate: number): number {
  return (i * 1000) / rate;
}

/**
 * How many requests should have gone out `elapsedMs` after the start: request
 * i is due at i·1000/rate ms, so at elapsed t that is ⌊t·rate/1000⌋ + 1,
 * capped at `total`. A late timer therefore catches up at once, keeping the
 * load open-loop.
 */
export function dueCount(elapsedMs: number, rate: number, total: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(total, Math.floor((elapsedMs * rate) / 1000 + 1e-9) + 1);
}

/**
 * Raters for the load, kept under the server's per-participant limit (a number
 * of writes per sliding window), so that the load measures the server, not its
 * rate limiter. Remembers when each rater last wrote.
 */
export class RaterPool {
  private readonly times: number[][];
  private cursor = 0;
  /** Times a pick found its first candidate over budget and had to look further. */
  skipped = 0;

  constructor(
    readonly size: number,
    readonly budget: number,
    readonly windowMs: number,
  ) {
    if (size < 2) throw new RangeError("Need at least 2 participants to rate each other.");
    this.times = Array.from({ length: size }, () => []);
  }

  /** Writes rater `i` made in the window ending at `now`. */
  used(i: number, now: number): number {
    const list = this.times[i];
    if (!list) return 0;
    while (list.length > 0 && (list[0] ?? 0) <= now - this.windowMs) list.shift();
    return list.length;
  }

  private available(i: number, now: number): boolean {
    return this.used(i, now) < this.budget;
  }

  private take(i: number, now: number): number {
    this.times[i]?.push(now);
    return i;
  }

  /** A uniformly random rater with budget left (tries others after a full one); -1 when all are full. */
  random(now: number, random: () => number): number {
    const first = Math.floor(random() * this.size) % this.size;
    if (this.available(first, now)) return this.take(first, now);
    this.skipped += 1;
    for (let k = 1; k < this.size; k++) {
      const i = (first + k) % this.size;
      if (this.available(i, now)) return this.take(i, now);
    }
    return -1;
  }

  /** The next rater in turn with budget left (spreads a closed-loop load evenly); -1 when all are full. */
  roundRobin(now: number): number {
    for (let k = 0; k < this.size; k++) {
      const i = (this.cursor + k) % this.size;
      if (this.available(i, now)) {
        if (k > 0) this.skipped += 1;
        this.cursor = (i + 1) % this.size;
        return this.take(i, now);
      }
    }
    return -1;
  }
}

/** A random colleague of `rater` (never the rater), among `size` participants. */
export function randomTarget(rater: number, size: number, random: () => number): number {
  if (size < 2) throw new RangeError("Need at least 2 participants.");
  const j = Math.floor(random() * (size - 1)) % (size - 1);
  return j >= rater ? j + 1 : j;
}

/** Scores on 1–3 distinct random dimensions (fewer when there are fewer), each a whole number in [min, max]. */
export function randomScores(dimensions: readonly string[], random: () => number, min = 1, max = 5): Record<string, number> {
  const count = Math.min(dimensions.length, 1 + (Math.floor(random() * 3) % 3));
  const pool = [...dimensions];
  const scores: Record<string, number> = {};
  for (let n = 0; n < count; n++) {
    const idx = Math.floor(random() * pool.length) % pool.length;
    const [key] = pool.splice(idx, 1);
    if (key !== undefined) scores[key] = min + (Math.floor(random() * (max - min + 1)) % (max - min + 1));
  }
  return scores;
}
