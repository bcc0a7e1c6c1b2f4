// A fixed-window failure counter with lock-out, keyed by any string (an IP
// address, an account email, a participant id). Pure: the clock is injected,
// so tests drive time explicitly. State lives in memory of one process, which
// is what a single-laptop deployment needs; see docs/decisions for scale-out.

export interface RateLimitRule {
  /** Attempts allowed inside one window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Attempts left in the current window after this decision. */
  remaining: number;
  /** Milliseconds until the key may try again; 0 when allowed. */
  retryAfterMs: number;
}

interface Bucket {
  count: number;
  windowStart: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {
    if (rule.limit < 1 || rule.windowMs <= 0) throw new Error("RateLimiter needs limit >= 1 and windowMs > 0");
  }

  /** Looks at the key without counting an attempt. */
  peek(key: string): RateLimitDecision {
    const bucket = this.current(key);
    const count = bucket?.count ?? 0;
    if (count >= this.rule.limit && bucket) {
      return { allowed: false, remaining: 0, retryAfterMs: bucket.windowStart + this.rule.windowMs - this.now() };
    }
    return { allowed: true, remaining: this.rule.limit - count, retryAfterMs: 0 };
  }

  /** Counts one attempt and says whether it is allowed. */
  hit(key: string): RateLimitDecision {
    this.sweep();
    const t = this.now();
    let bucket = this.current(key);
    if (!bucket) {
      bucket = { count: 0, windowStart: t };
      this.buckets.set(key, bucket);
    }
    if (bucket.count >= this.rule.limit) {
      return { allowed: false, remaining: 0, retryAfterMs: bucket.windowStart + this.rule.windowMs - t };
    }
    bucket.count += 1;
    return { allowed: true, remaining: this.rule.limit - bucket.count, retryAfterMs: 0 };
  }

  /** Forgets a key, e.g. after a successful sign-in. */
  reset(key: string): void {
    this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private current(key: string): Bucket | undefined {
    const bucket = this.buckets.get(key);
    if (bucket && this.now() - bucket.windowStart >= this.rule.windowMs) {
      this.buckets.delete(key);
      return undefined;
    }
    return bucket;
  }

  // Expired buckets are dropped at most once per window so memory stays bounded.
  private sweep(): void {
    const t = this.now();
    if (t - this.lastSweep < this.rule.windowMs) return;
    this.lastSweep = t;
    for (const [key, bucket] of this.buckets) {
      if (t - bucket.windowStart >= this.rule.windowMs) this.buckets.delete(key);
    }
  }
}

/** Whole seconds for a Retry-After header, never 0 for a refusal. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The private report re-reads the whole session: a person reloading it now and then is fine, a loop is not. */
export const REPORT_LOADS_PER_MINUTE = 30;
