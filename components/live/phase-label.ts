import type { PublicSession } from "./types";

/** The session's phase in words, for every screen. */
export function phaseLabel(session: Pick<PublicSession, "phase" | "paused" | "round">): string {
  switch (session.phase) {
    case "lobby":
      return "Waiting for the first round";
    case "round_open":
      return session.paused ? `Round ${session.round.number} · paused` : `Round ${session.round.number} · rating open`;
    case "round_closed":
      return `Round ${session.round.number} closed`;
    case "ended":
      return "Session ended";
  }
}
