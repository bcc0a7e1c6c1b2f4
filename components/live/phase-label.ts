import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { PublicSession } from "./types";

type Phased = Pick<PublicSession, "phase" | "paused" | "round">;

/** Which phase message a screen shows: the same keys in `live.phase` (phones, control room) and `projector.phase`. */
export type PhaseKey = "lobby" | "paused" | "rif" | "tribunal" | "conference" | "rating" | "ratingsPaused" | "closed" | "ended";

export function phaseKey(session: Phased): PhaseKey {
  switch (session.phase) {
    case "lobby":
      return "lobby";
    case "round_open":
      if (session.paused) return "paused";
      if (session.round.kind === "rif" || session.round.kind === "tribunal" || session.round.kind === "conference") return session.round.kind;
      return session.round.ratingsOpen ? "rating" : "ratingsPaused";
    case "round_closed":
      return "closed";
    case "ended":
      return "ended";
  }
}

/** The session's phase in words, in the screen's language (needs the `live` namespace). */
export function usePhaseLabel(): (session: Phased) => string {
  const t = useTranslations("live.phase");
  return useCallback((session: Phased) => t(phaseKey(session), { round: session.round.number }), [t]);
}
