// Participant identity: a random 256-bit token, stored hashed, carried in an
// httpOnly SameSite cookie named after the session (or as a Bearer token for
// bots and scripts), plus a same-origin check against cross-site requests.
import { AppError } from "../errors";
import type { HubParticipant, SessionHub } from "../live/hub";
import { hashToken, randomToken } from "./secrets";

export const PARTICIPANT_TOKEN_PREFIX = "stp_";
const COOKIE_MAX_AGE = 60 * 60 * 24 * 30; // a month: survives browser restarts

export function participantCookieName(code: string): string {
  return `stk_p_${code}`;
}

export function newParticipantToken(): { token: string; tokenHash: string } {
  const token = `${PARTICIPANT_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, tokenHash: hashToken(token) };
}

export function participantCookie(code: string, token: string, request: Request): string {
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return [
    `${participantCookieName(code)}=${token}`,
    "Path=/",
    `Max-Age=${COOKIE_MAX_AGE}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/**
 * A cookie's value, or undefined. A value that is not valid percent-encoding
 * (e.g. `%E0%A4%A`) counts as no cookie: hostile input, not a server error.
 */
export function readCookie(request: Pick<Request, "headers">, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The participant token a request carries, and how. */
export function participantToken(request: Pick<Request, "headers">, code: string): { token: string; via: "bearer" | "cookie" } | null {
  const auth = request.headers.get("authorization");
  const bearer = auth ? /^Bearer\s+(stp_\S+)$/i.exec(auth)?.[1] : undefined;
  if (bearer) return { token: bearer, via: "bearer" };
  const cookie = readCookie(request, participantCookieName(code));
  return cookie ? { token: cookie, via: "cookie" } : null;
}

/** The participant behind a request, whatever their status; null when the token is unknown. */
export function identifyParticipant(request: Pick<Request, "headers">, hub: SessionHub): { participant: HubParticipant; via: "bearer" | "cookie" } | null {
  const found = participantToken(request, hub.record.code);
  if (!found) return null;
  const participant = hub.participantByToken(hashToken(found.token));
  return participant ? { participant, via: found.via } : null;
}

/** An active participant of this session, or 401/403. State-changing cookie requests must be same-origin. */
export function requireParticipant(request: Pick<Request, "headers">, hub: SessionHub, opts: { mutating?: boolean } = {}): HubParticipant {
  const found = identifyParticipant(request, hub);
  if (!found) throw new AppError("unauthorized", "Join this session first: you are not a participant of it on this device.");
  if (opts.mutating && found.via === "cookie") assertSameOrigin(request);
  if (found.participant.status === "banned") throw new AppError("forbidden", "You have been removed from this session and cannot take part.");
  if (found.participant.status === "kicked") throw new AppError("forbidden", "You were removed from this session. Join again to take part.");
  return found.participant;
}

/**
 * Refuses cookie-authenticated state changes from other sites (CSRF): the
 * Origin must be this app's own. Bearer-token requests do not need it.
 */
export function assertSameOrigin(request: Pick<Request, "headers">): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) {
    throw new AppError("forbidden", "This request must come from the Stakhanov app itself (missing Origin header).");
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "This request must come from the Stakhanov app itself.");
  }
  if (originHost !== host) throw new AppError("forbidden", "Cross-site requests are not allowed.");
}

/**
 * For writes that create an identity (join, rejoin) and so carry no cookie to
 * check: a browser request from another site is refused (it would set a
 * participant cookie in the victim's browser). Scripts and bots send no Origin
 * and no Sec-Fetch-Site, and pass.
 */
export function assertNotCrossSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw new AppError("forbidden", "Cross-site requests are not allowed.");
  if (request.headers.get("origin") !== null) assertSameOrigin(request);
}
