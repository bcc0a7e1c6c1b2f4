import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { PublicSession } from "./types";

type Phased = Pick<PublicSession, "phase" | "paused" | "round">;

/** The session's phase in words, in the screen's language (needs the `live` namespace). */
export function usePhaseLabel(): (session: Phased) => string {
  const t = useTranslations("live.phase");
  return useCallback(
    (session: Phased) => {
      const round = session.round.number;
      switch (session.phase) {
        case "lobby":
          return t("lobby");
        case "round_open":
          if (session.paused) return t("paused", { round });
          if (session.round.kind === "rif") return t("rif", { round });
          if (session.round.kind === "tribunal") return t("tribunal", { round });
          if (session.round.kind === "conference") return t("conference", { round });
          return session.round.ratingsOpen ? t("rating", { round }) : t("ratingsPaused", { round });
        case "round_closed":
          return t("closed", { round });
        case "ended":
          return t("ended");
      }
    },
    [t],
  );
}
