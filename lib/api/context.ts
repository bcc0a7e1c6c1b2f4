// Shared steps of the session routes: find the live session by code, check
// who owns it, apply rate limits.
import { normalizeJoinCode } from "../domain/join-code";
import { acquireAll, ConcurrencyLimiter } from "../domain/concurrency";
import { RateLimiter, REPORT_LOADS_PER_MINUTE, retryAfterSeconds } from "../domain/rate-limit";
import { getEnv } from "../env";
import { CODE_MISSES_PER_MINUTE, publicScreensOpen } from "../domain/public-screens";
import { requireFacilitatorApi } from "../auth/facilitator";
import { clientAddress } from "../auth/signin-limits";
import { AppError } from "../errors";
import { getHub, type SessionHub } from "../live/hub";

/** Archived sessions are read-only: every change is refused. */
export function assertWritable(hub: SessionHub): void {
  if (hub.record.archivedAt) throw new AppError("forbidden", "This session is archived: it is read-only. Unarchive it in the control room to change it.");
}

const NO_SESSION = "No session uses this code. Check the code on the projector.";

/**
 * The live session for a join code. With the request (routes a stranger can call), wrong codes are
 * counted per address and a scan gets 429 (CODE_MISSES_PER_MINUTE).
 */
export async function loadHub(codeParam: string, request?: Pick<Request, "headers">): Promise<SessionHub> {
  const address = request ? addressOf(request) : null;
  if (address !== null) {
    const seen = codeMisses().peek(address);
    if (!seen.allowed) {
      throw new AppError("rate_limited", "Too many wrong session codes from this network. Wait a minute, then check the code on the projector.", {
        retryAfterSeconds: retryAfterSeconds(seen.retryAfterMs),
      });
    }
  }
  const code = normalizeJoinCode(codeParam);
  const hub = code ? await getHub(code) : null;
  if (!hub) {
    if (address !== null) codeMisses().hit(address);
    throw new AppError("not_found", NO_SESSION);
  }
  return hub;
}

/**
 * For reads by join code alone (no participant identity): once the session's public screens have
 * closed (PUBLIC_SCREENS_HOURS after the end) the answer is the unknown code's 404, so an
 * old code tells a stranger nothing. The session's facilitator still sees everything.
 */
export async function assertPublicScreensOpen(request: Pick<Request, "headers">, hub: SessionHub): Promise<void> {
  if (publicScreensAreOpen(hub)) return;
  const record = hub.record;
  const owner = await requireFacilitatorApi(request).then(
    ({ facilitator }) => facilitator.id === record.facilitatorId,
    () => false,
  );
  if (owner) return;
  codeMisses().hit(addressOf(request));
  throw new AppError("not_found", NO_SESSION);
}

/** Whether a read by join code alone is still answered (PUBLIC_SCREENS_HOURS after the end). */
export function publicScreensAreOpen(hub: SessionHub): boolean {
  const record = hub.record;
  return publicScreensOpen({ phase: record.state.phase, endedAt: record.endedAt, archivedAt: record.archivedAt }, Date.now(), getEnv().publicScreensHours);
}

/** loadHub + assertPublicScreensOpen: a read by join code alone. */
export async function loadPublicHub(request: Request, codeParam: string): Promise<SessionHub> {
  const hub = await loadHub(codeParam, request);
  await assertPublicScreensOpen(request, hub);
  return hub;
}

/** The session, if the caller is its facilitator: 401 when not signed in, 403 for someone else's session. */
export async function requireOwnedHub(request: Request, codeParam: string, opts: { mutating?: boolean } = {}) {
  const { facilitator } = await requireFacilitatorApi(request, opts);
  const hub = await loadHub(codeParam);
  if (hub.record.facilitatorId !== facilitator.id) throw new AppError("forbidden", "This session belongs to another facilitator.");
  return { hub, facilitator };
}

const MINUTE = 60_000;

const g = globalThis as unknown as { __stakhanovLimits?: Record<string, RateLimiter> };
function limiters() {
  g.__stakhanovLimits ??= {
    // Joins and rejoins: lib/api/admission.ts (per session, per participant, global; docs/decisions/0021).
    ratePerParticipant: new RateLimiter({ limit: 120, windowMs: 10_000 }),
    ratePerAddress: new RateLimiter({ limit: 60_000, windowMs: MINUTE }),
    // Tribunal: one charge per colleague anyway; this stops a thumb from machine-gunning the whole room.
    denouncePerParticipant: new RateLimiter({ limit: 6, windowMs: MINUTE }),
    // Statements, keep/let-go votes, proposals, conference votes, appeals.
    interactPerParticipant: new RateLimiter({ limit: 60, windowMs: MINUTE }),
    // The private report re-reads the whole session from the database: a few a minute is plenty for a person.
    reportPerParticipant: new RateLimiter({ limit: REPORT_LOADS_PER_MINUTE, windowMs: MINUTE }),
    // Wrong join codes (and codes whose public screens have closed) per address: enumeration, not typos.
    codeMissesPerAddress: new RateLimiter({ limit: CODE_MISSES_PER_MINUTE, windowMs: MINUTE }),
  };
  return g.__stakhanovLimits;
}

function codeMisses(): RateLimiter {
  return limiters().codeMissesPerAddress!;
}

export type LimitName =
  | "ratePerParticipant"
  | "ratePerAddress"
  | "denouncePerParticipant"
  | "interactPerParticipant"
  | "reportPerParticipant";

export function enforceLimit(name: LimitName, key: string, message: string): void {
  const limiter = limiters()[name];
  if (!limiter) return;
  const decision = limiter.hit(key);
  if (!decision.allowed) {
    throw new AppError("rate_limited", message, { retryAfterSeconds: retryAfterSeconds(decision.retryAfterMs) });
  }
}

export function addressOf(request: Pick<Request, "headers">): string {
  return clientAddress(request.headers);
}

const gs = globalThis as unknown as { __stakhanovStreams?: { perIdentity: ConcurrencyLimiter; perAddress: ConcurrencyLimiter } };

/**
 * A slot for one live stream: at most STREAMS_PER_IDENTITY open per participant
 * or facilitator, STREAMS_PER_ADDRESS per client address. 429 when full; call
 * the returned function when the stream ends.
 */
export function acquireStreamSlot(request: Pick<Request, "headers">, identity: string | null): () => void {
  const env = getEnv();
  gs.__stakhanovStreams ??= {
    perIdentity: new ConcurrencyLimiter(env.streamsPerIdentity),
    perAddress: new ConcurrencyLimiter(env.streamsPerAddress),
  };
  const { perIdentity, perAddress } = gs.__stakhanovStreams;
  const pairs: [ConcurrencyLimiter, string][] = [[perAddress, addressOf(request)]];
  if (identity) pairs.push([perIdentity, identity]);
  const release = acquireAll(pairs);
  if (!release) {
    throw new AppError(
      "rate_limited",
      identity && perIdentity.count(identity) >= env.streamsPerIdentity
        ? "This device already has the live view open in other tabs. Close one and reload."
        : "Too many live views are open from this network.",
      { retryAfterSeconds: 5 },
    );
  }
  return release;
}
