// Admission to a session (joining, rejoining) when a whole lecture hall sits
// behind one NAT address: limits per session, per participant and global,
// with per-address limits only as a loose backstop (docs/decisions/0021).
// Pure: the clock is injected, so tests drive time explicitly.

import type { RateLimitDecision } from "./rate-limit";

export interface TokenBucketRule {
  /** Tokens a full bucket holds: how many may arrive at once. */
  burst: number;
  /** Tokens added back per second: the sustained rate. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: up to `burst` at once, then `perSecond` sustained.
 * Unlike a fixed window it never lets 2× the limit through at a window's edge,
 * and a refused caller learns exactly when the next token arrives.
 */
export class TokenBucket {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly rule: TokenBucketRule,
    private readonly now: () => number = Date.now,
  ) {
    if (!(rule.burst >= 1) || !(rule.perSecond > 0)) throw new Error("TokenBucket needs burst >= 1 and perSecond > 0");
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): RateLimitDecision {
    this.sweep();
    const bucket = this.fill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.rule.perSecond) * 1000) };
  }

  /** Gives one token back (an attempt that turned out not to count), never above the burst. */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.rule.burst, bucket.tokens + 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private fill(key: string): Bucket {
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.rule.burst, at: t };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const elapsed = Math.max(0, t - bucket.at) / 1000;
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + elapsed * this.rule.perSecond);
    bucket.at = t;
    return bucket;
  }

  // A bucket that has refilled completely is the same as no bucket: drop it, so memory stays bounded.
  private sweep(): void {
    const t = this.now();
    const fullAfterMs = (this.rule.burst / this.rule.perSecond) * 1000;
    if (t - this.lastSweep < fullAfterMs) return;
    this.lastSweep = t;
    for (const [key, bucket] of this.buckets) {
      if (t - bucket.at >= fullAfterMs) this.buckets.delete(key);
    }
  }
}

/** Joins per second per session, sustained (`JOINS_PER_SECOND`); twice as many may arrive at once. */
export const DEFAULT_JOINS_PER_SECOND = 100;

/**
 * Joins (and, separately, rejoins) per session: with the default, a room of 2,000 scanning the QR code
 * within a minute gets in (200 at once, 100 a second after that: 2,000 take about 18 s), and a script
 * hammering one session is held to 100 a second however many addresses it uses.
 */
export function sessionJoinRate(perSecond = DEFAULT_JOINS_PER_SECOND): TokenBucketRule {
  return { burst: 2 * perSecond, perSecond };
}
export const SESSION_JOIN_RATE: TokenBucketRule = sessionJoinRate();

/**
 * Rejoins per session: after a Wi-Fi blip a whole room may come back at once, so the burst is ten
 * times the join rate's sustained figure (1,000 by default) and the refill twice (200 a second).
 * Guessing is bounded by the wrong-code limits below, one person's rejoins by their own limit.
 */
export function sessionRejoinRate(joinsPerSecond = DEFAULT_JOINS_PER_SECOND): TokenBucketRule {
  return { burst: 10 * joinsPerSecond, perSecond: 2 * joinsPerSecond };
}
/** Joins and rejoins being processed at once in this process, all sessions together. */
export const ADMISSIONS_IN_FLIGHT = 256;
/** Backstop per address (one NAT may hold a whole hall): far above a hall, below a flood across sessions. */
export const JOINS_PER_ADDRESS_PER_MINUTE = 10_000;
export const REJOINS_PER_ADDRESS_PER_MINUTE = 10_000;
/**
 * Wrong rejoin codes per session and per address per minute. Only failures count, so a room rejoining
 * with correct codes never meets them; a guesser gets 120 tries a minute per session: with 5,000 people
 * and 40-bit codes, about 2^40 / 5,000 / 120 ≈ 1.8 million minutes (3.5 years) to expect one hit.
 */
export const WRONG_REJOINS_PER_SESSION_PER_MINUTE = 120;
export const WRONG_REJOINS_PER_ADDRESS_PER_MINUTE = 60;
/** Successful rejoins per participant per minute: moving devices is rare; a loop bouncing a token is not. */
export const REJOINS_PER_PARTICIPANT_PER_MINUTE = 10;

/** The facilitator's participant cap (a Session column). */
export const DEFAULT_MAX_PARTICIPANTS = 5_000;
export const MIN_MAX_PARTICIPANTS = 2;
export const MAX_MAX_PARTICIPANTS = 20_000;

export type SeatDecision = { ok: true } | { ok: false; message: string };

/**
 * Whether one more person may join: `seated` counts everyone the session has admitted (removed and
 * let-go people keep their seat: their ratings and names stay), `pending` the joins in progress.
 */
export function seatAvailable(seated: number, pending: number, cap: number): SeatDecision {
  if (seated + pending < cap) return { ok: true };
  return {
    ok: false,
    message: `This session is full (${cap.toLocaleString("en-US")} participants). Ask the facilitator to raise the limit in the control room.`,
  };
}

/** A cap the facilitator may set: it cannot go below the people already in the session. */
export function capAllowed(cap: number, seated: number): SeatDecision {
  if (cap >= seated) return { ok: true };
  return { ok: false, message: `${seated.toLocaleString("en-US")} people have joined already: the limit cannot be lower than that.` };
}
