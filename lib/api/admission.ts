// Admission to a session: who may join or rejoin now. A lecture hall shares one
// NAT address, so the limits that matter are per session, per participant and
// global; per-address limits stay only as a loose backstop (docs/decisions/0021).
// State lives in this process's memory, like the other limits (lib/api/context.ts).
import {
  ADMISSIONS_IN_FLIGHT,
  JOINS_PER_ADDRESS_PER_MINUTE,
  REJOINS_PER_ADDRESS_PER_MINUTE,
  REJOINS_PER_PARTICIPANT_PER_MINUTE,
  seatAvailable,
  sessionJoinRate,
  sessionRejoinRate,
  TokenBucket,
  WRONG_REJOINS_PER_ADDRESS_PER_MINUTE,
  WRONG_REJOINS_PER_SESSION_PER_MINUTE,
} from "../domain/admission";
import { ConcurrencyLimiter } from "../domain/concurrency";
import { RateLimiter, retryAfterSeconds, type RateLimitDecision } from "../domain/rate-limit";
import { getEnv } from "../env";
import { AppError } from "../errors";
import type { SessionHub } from "../live/hub";
import { addressOf } from "./context";

const MINUTE = 60_000;

interface AdmissionState {
  joinsPerSession: TokenBucket;
  rejoinsPerSession: TokenBucket;
  joinsPerAddress: RateLimiter;
  rejoinsPerAddress: RateLimiter;
  wrongRejoinsPerSession: RateLimiter;
  wrongRejoinsPerAddress: RateLimiter;
  rejoinsPerParticipant: RateLimiter;
  inFlight: ConcurrencyLimiter;
  /** Joins past the seat check and not yet in the roster, per session id. */
  pendingSeats: Map<string, number>;
}

const g = globalThis as unknown as { __stakhanovAdmission?: AdmissionState };
function state(): AdmissionState {
  g.__stakhanovAdmission ??= {
    joinsPerSession: new TokenBucket(sessionJoinRate(getEnv().joinsPerSecond)),
    rejoinsPerSession: new TokenBucket(sessionRejoinRate(getEnv().joinsPerSecond)),
    joinsPerAddress: new RateLimiter({ limit: JOINS_PER_ADDRESS_PER_MINUTE, windowMs: MINUTE }),
    rejoinsPerAddress: new RateLimiter({ limit: REJOINS_PER_ADDRESS_PER_MINUTE, windowMs: MINUTE }),
    wrongRejoinsPerSession: new RateLimiter({ limit: WRONG_REJOINS_PER_SESSION_PER_MINUTE, windowMs: MINUTE }),
    wrongRejoinsPerAddress: new RateLimiter({ limit: WRONG_REJOINS_PER_ADDRESS_PER_MINUTE, windowMs: MINUTE }),
    rejoinsPerParticipant: new RateLimiter({ limit: REJOINS_PER_PARTICIPANT_PER_MINUTE, windowMs: MINUTE }),
    inFlight: new ConcurrencyLimiter(ADMISSIONS_IN_FLIGHT),
    pendingSeats: new Map(),
  };
  return g.__stakhanovAdmission;
}

function refuse(decision: RateLimitDecision, message: string): void {
  if (!decision.allowed) throw new AppError("rate_limited", message, { retryAfterSeconds: retryAfterSeconds(decision.retryAfterMs) });
}

/** One slot among the admissions being processed at once (all sessions); 429 when the server is saturated. */
function takeInFlight(s: AdmissionState): () => void {
  const release = s.inFlight.tryAcquire("all");
  if (!release) throw new AppError("rate_limited", "The server is busy letting people in. Try again in a moment.", { retryAfterSeconds: 1 });
  return release;
}

/**
 * Admits one join into `hub`, or throws: 403 when the session is full, 429 with Retry-After when the
 * session's join rate, the server or the address backstop is saturated. Call the returned function when
 * the join has finished (stored and in the roster, or failed).
 */
export function admitJoin(request: Request, hub: SessionHub): () => void {
  const s = state();
  const sessionId = hub.record.id;
  const pending = s.pendingSeats.get(sessionId) ?? 0;
  const seat = seatAvailable(hub.seated(), pending, hub.record.maxParticipants);
  if (!seat.ok) throw new AppError("forbidden", seat.message);
  refuse(s.joinsPerAddress.hit(addressOf(request)), "Too many people joined from this network in the last minute. Wait a moment and try again.");
  refuse(s.joinsPerSession.take(sessionId), "Many people are joining this session right now. Wait a moment and try again.");
  const releaseSlot = takeInFlight(s);
  s.pendingSeats.set(sessionId, pending + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    releaseSlot();
    const left = (s.pendingSeats.get(sessionId) ?? 1) - 1;
    if (left <= 0) s.pendingSeats.delete(sessionId);
    else s.pendingSeats.set(sessionId, left);
  };
}

export interface RejoinAdmission {
  /** The code matched nobody: counts against the wrong-code budgets of the session and the address. */
  wrongCode(): void;
  /** The code matched this participant: counts against their own rejoin budget (429 when spent). */
  matched(participantId: string): void;
  /** Gives the in-flight slot back; idempotent. */
  done(): void;
}

/**
 * Admits one rejoin attempt into `hub`, or throws 429 with Retry-After. Correct codes are limited per
 * session (a room rejoining after a blip passes) and per participant; wrong codes per session and per
 * address, so guessing stays slow without a NAT'd room locking itself out.
 */
export function admitRejoin(request: Request, hub: SessionHub): RejoinAdmission {
  const s = state();
  const sessionId = hub.record.id;
  const address = addressOf(request);
  const wrongMessage = "Too many wrong rejoin codes. Wait a minute and try again.";
  refuse(s.wrongRejoinsPerSession.peek(sessionId), wrongMessage);
  refuse(s.wrongRejoinsPerAddress.peek(address), wrongMessage);
  refuse(s.rejoinsPerAddress.hit(address), "Too many rejoin attempts from this network. Wait a minute and try again.");
  refuse(s.rejoinsPerSession.take(sessionId), "Many people are rejoining this session right now. Wait a moment and try again.");
  const releaseSlot = takeInFlight(s);
  let done = false;
  return {
    wrongCode() {
      s.wrongRejoinsPerSession.hit(sessionId);
      s.wrongRejoinsPerAddress.hit(address);
    },
    matched(participantId) {
      refuse(s.rejoinsPerParticipant.hit(participantId), "This person moved devices several times in the last minute. Wait a minute and try again.");
    },
    done() {
      if (done) return;
      done = true;
      releaseSlot();
    },
  };
}
