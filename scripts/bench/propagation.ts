// Leaderboard propagation: when did a connection first see a snapshot that
// includes a given rating? A rating answered with `version` v is included in
// the first snapshot whose version is ≥ v.

/**
 * The leaderboard versions one connection received, with arrival times.
 * Stores only increases of the running maximum, so "the first event with
 * version ≥ v" is a binary search.
 */
export class VersionTimeline {
  private readonly versions: number[] = [];
  private readonly times: number[] = [];

  push(version: number, time: number): void {
    const last = this.versions[this.versions.length - 1];
    if (last !== undefined && version <= last) return;
    this.versions.push(version);
    this.times.push(time);
  }

  get maxVersion(): number | null {
    return this.versions[this.versions.length - 1] ?? null;
  }

  get length(): number {
    return this.versions.length;
  }

  /** Arrival time of the first snapshot with version ≥ v, or null if none arrived. */
  firstAtLeast(v: number): number | null {
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.versions[mid] ?? Infinity) >= v) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.times.length ? (this.times[lo] ?? null) : null;
  }
}

export interface PropagationResult {
  /** ms from the 2xx to the first snapshot including the rating (0 when it arrived before the 2xx). */
  delays: number[];
  /** Ratings whose snapshot never arrived. */
  missing: number;
  /** Snapshots that arrived before the rating's own 2xx reached the client (counted as 0 ms). */
  early: number;
}

/** Propagation of acknowledged ratings (`ackTime`, returned `version`) to one timeline. */
export function propagation(acks: readonly { ackTime: number; version: number }[], timeline: VersionTimeline): PropagationResult {
  const delays: number[] = [];
  let missing = 0;
  let early = 0;
  for (const a of acks) {
    const t = timeline.firstAtLeast(a.version);
    if (t === null) {
      missing += 1;
      continue;
    }
    if (t < a.ackTime) early += 1;
    delays.push(Math.max(0, t - a.ackTime));
  }
  return { delays, missing, early };
}

/**
 * Fan-out to many connections: for each rating, the time until the LAST of
 * the timelines saw it (the slowest phone). A rating missing on any open
 * timeline counts as missing.
 */
export function slowestPropagation(acks: readonly { ackTime: number; version: number }[], timelines: readonly VersionTimeline[]): PropagationResult {
  const delays: number[] = [];
  let missing = 0;
  let early = 0;
  for (const a of acks) {
    let worst = -Infinity;
    let lost = false;
    for (const tl of timelines) {
      const t = tl.firstAtLeast(a.version);
      if (t === null) {
        lost = true;
        break;
      }
      if (t > worst) worst = t;
    }
    if (lost || timelines.length === 0) {
      missing += 1;
      continue;
    }
    if (worst < a.ackTime) early += 1;
    delays.push(Math.max(0, worst - a.ackTime));
  }
  return { delays, missing, early };
}

/**
 * A cheap reader for the many phone streams: it does not parse JSON, it only
 * finds event names and the leaderboard's `id: lb-<version>` line in the raw
 * bytes (chunks may split a line anywhere).
 */
export class PhoneStreamScanner {
  private tail = "";
  /** Inside a long line we do not need (a data line): skip to its end. */
  private skipping = false;
  readonly counts = new Map<string, number>();
  readonly timeline = new VersionTimeline();
  bytes = 0;

  push(chunk: Buffer | string, time: number): void {
    const s = typeof chunk === "string" ? chunk : chunk.toString("latin1");
    this.bytes += chunk.length;
    let text = s;
    let start = 0;
    if (this.skipping) {
      const nl = s.indexOf("\n");
      if (nl === -1) return;
      this.skipping = false;
      start = nl + 1;
    } else if (this.tail) {
      text = this.tail + s;
    }
    this.tail = "";
    for (;;) {
      const nl = text.indexOf("\n", start);
      if (nl === -1) break;
      const c = text.charCodeAt(start);
      if (c === 105 /* i */ || c === 101 /* e */) this.line(text.slice(start, nl), time);
      start = nl + 1;
    }
    // Keep an unfinished short line; skip the rest of a long one (data lines are never needed).
    const rest = text.slice(start);
    if (rest.length <= 64 || rest.startsWith("id:") || rest.startsWith("event:")) this.tail = rest;
    else this.skipping = true;
  }

  private line(line: string, time: number): void {
    if (line.startsWith("event:")) {
      const name = line.slice(6).trim();
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    } else if (line.startsWith("id: lb-") || line.startsWith("id:lb-")) {
      const v = Number(line.slice(line.indexOf("lb-") + 3).trim());
      if (Number.isFinite(v)) this.timeline.push(v, time);
    }
  }

  count(event: string): number {
    return this.counts.get(event) ?? 0;
  }
}
