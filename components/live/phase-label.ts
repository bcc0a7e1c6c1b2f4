import type { PublicSession } from "./types";

/** The session's phase in words, for every screen. */
export function phaseLabel(session: Pick<PublicSession, "phase" | "paused" | "round">): string {
  switch (session.phase) {
    case "lobby":
      return "Waiting for the first round";
    case "round_open":
      if (session.paused) return `Round ${session.round.number} · paused`;
      if (session.round.kind === "rif") return `Round ${session.round.number} · Reduction in Force`;
      if (session.round.kind === "tribunal") return `Round ${session.round.number} · tribunal`;
      if (session.round.kind === "conference") return `Round ${session.round.number} · conference`;
      return session.round.ratingsOpen ? `Round ${session.round.number} · rating open` : `Round ${session.round.number} · ratings paused`;
    case "round_closed":
      return `Round ${session.round.number} closed`;
    case "ended":
      return "Session ended";
  }
}
