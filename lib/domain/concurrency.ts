// Caps things held open at once (live streams), per key: an identity, an
// address. Unlike the rate limiter it counts what is open now, not what
// happened in a window; a slot is given back with the release function.

export class ConcurrencyLimiter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error("ConcurrencyLimiter needs a limit >= 1");
  }

  /** Takes a slot for `key`, or null when `limit` are already open. The release is idempotent. */
  tryAcquire(key: string): (() => void) | null {
    const count = this.open.get(key) ?? 0;
    if (count >= this.limit) return null;
    this.open.set(key, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    };
  }

  count(key: string): number {
    return this.open.get(key) ?? 0;
  }

  /** Keys with something open (memory stays bounded by what is open). */
  get size(): number {
    return this.open.size;
  }
}

/** Takes one slot in each (limiter, key) pair, all or none. */
export function acquireAll(pairs: [ConcurrencyLimiter, string][]): (() => void) | null {
  const releases: (() => void)[] = [];
  for (const [limiter, key] of pairs) {
    const release = limiter.tryAcquire(key);
    if (!release) {
      for (const r of releases) r();
      return null;
    }
    releases.push(release);
  }
  return () => releases.forEach((r) => r());
}
