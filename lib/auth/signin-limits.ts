// Process-wide limiters for failed sign-ins: per account and per client address.
import { RateLimiter } from "../domain/rate-limit";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

const g = globalThis as unknown as { __stakhanovSignInLimits?: { account: RateLimiter; address: RateLimiter; signUp: RateLimiter } };

export function signInLimits() {
  g.__stakhanovSignInLimits ??= {
    // 5 wrong passwords lock the account for the rest of a 15-minute window.
    account: new RateLimiter({ limit: 5, windowMs: FIFTEEN_MINUTES }),
    // One address (a classroom shares one NAT address) may fail 30 times.
    address: new RateLimiter({ limit: 30, windowMs: FIFTEEN_MINUTES }),
    // Sign-ups per address per minute: slows scripted account creation.
    signUp: new RateLimiter({ limit: 20, windowMs: 60 * 1000 }),
  };
  return g.__stakhanovSignInLimits;
}

/** The client's address as seen by the app (first X-Forwarded-For hop set by Next or a proxy). */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip") || "unknown";
}
