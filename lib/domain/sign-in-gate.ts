// Admission of sign-in attempts, decided BEFORE the password is checked: every
// attempt counts when it starts (so 20 parallel guesses cannot all be checked
// before the lock), and only a few checks per account run at once. Unknown
// emails are counted exactly like known ones, so the answers reveal nothing.
import { RateLimiter, type RateLimitRule } from "./rate-limit";

export interface SignInGateRules {
  /** Attempts per account from one address: the lock-out a guesser meets. */
  accountAddress: RateLimitRule;
  /** Attempts per account from everywhere: a ceiling for a distributed guesser. */
  account: RateLimitRule;
  /** Attempts per address, whatever the account (a classroom shares one NAT address). */
  address: RateLimitRule;
  /** Password checks running at once for one account. */
  inFlightPerAccount: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;
export const DEFAULT_SIGN_IN_RULES: SignInGateRules = {
  accountAddress: { limit: 5, windowMs: FIFTEEN_MINUTES },
  account: { limit: 50, windowMs: FIFTEEN_MINUTES },
  address: { limit: 30, windowMs: FIFTEEN_MINUTES },
  inFlightPerAccount: 2,
};

export type SignInAdmission =
  | { allowed: true; /** attempts left from this address after this one */ remaining: number; release: (succeeded: boolean) => void }
  | { allowed: false; retryAfterMs: number };

export class SignInGate {
  private readonly accountAddress: RateLimiter;
  private readonly account: RateLimiter;
  private readonly address: RateLimiter;
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly rules: SignInGateRules = DEFAULT_SIGN_IN_RULES,
    now: () => number = Date.now,
  ) {
    this.accountAddress = new RateLimiter(rules.accountAddress, now);
    this.account = new RateLimiter(rules.account, now);
    this.address = new RateLimiter(rules.address, now);
  }

  /** Counts one attempt for (email, address) and says whether its password may be checked now. */
  admit(email: string, address: string): SignInAdmission {
    const pairKey = `${email}\u0000${address}`;
    const checks = [this.accountAddress.peek(pairKey), this.account.peek(email), this.address.peek(address)];
    const refused = checks.filter((d) => !d.allowed);
    if (refused.length > 0) return { allowed: false, retryAfterMs: Math.max(...refused.map((d) => d.retryAfterMs)) };
    const running = this.inFlight.get(email) ?? 0;
    // A burst beyond the in-flight cap is refused for a second, and still counted.
    if (running >= this.rules.inFlightPerAccount) {
      this.accountAddress.hit(pairKey);
      this.account.hit(email);
      this.address.hit(address);
      return { allowed: false, retryAfterMs: 1000 };
    }
    const { remaining } = this.accountAddress.hit(pairKey);
    this.account.hit(email);
    this.address.hit(address);
    this.inFlight.set(email, running + 1);
    let released = false;
    return {
      allowed: true,
      remaining,
      release: (succeeded) => {
        if (released) return;
        released = true;
        const left = (this.inFlight.get(email) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(email);
        else this.inFlight.set(email, left);
        if (succeeded) this.accountAddress.reset(pairKey);
      },
    };
  }

  /** Attempts currently being checked for an account (for tests and diagnostics). */
  running(email: string): number {
    return this.inFlight.get(email) ?? 0;
  }
}
