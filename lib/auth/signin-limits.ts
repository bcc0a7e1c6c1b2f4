// Process-wide limiters for failed sign-ins: per account and per client address.
import { RateLimiter } from "../domain/rate-limit";
import { SignInGate } from "../domain/sign-in-gate";
import { getEnv } from "../env";
import { resolveClientAddress } from "../net/client-address";
import { peerAddress } from "../net/peer-stamp";

const g = globalThis as unknown as { __stakhanovSignInLimits?: { gate: SignInGate; signUp: RateLimiter } };

export function signInLimits() {
  g.__stakhanovSignInLimits ??= {
    // 5 attempts per account and address, 50 per account, 30 per address in 15 minutes; 2 checks at once per account.
    gate: new SignInGate(),
    // Sign-ups per address per minute: slows scripted account creation.
    signUp: new RateLimiter({ limit: 20, windowMs: 60 * 1000 }),
  };
  return g.__stakhanovSignInLimits;
}

/**
 * The client's address for rate limits: the socket's peer address, or a hop of
 * X-Forwarded-For when TRUST_PROXY says which proxies to believe. "unknown"
 * (one shared bucket) if the server did not stamp the peer address.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const h = headers instanceof Headers ? headers : toHeaders(headers);
  const peer = peerAddress(h);
  if (!peer) return "unknown";
  return resolveClientAddress({ peer, forwardedFor: h.get("x-forwarded-for"), trust: getEnv().trustProxy });
}

function toHeaders(record: Record<string, string | string[] | undefined>): Headers {
  const h = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (typeof value === "string") h.set(name, value);
    else if (Array.isArray(value) && value[0] !== undefined) h.set(name, value[0]);
  }
  return h;
}
