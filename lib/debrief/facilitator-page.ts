// The debrief page and its presenter mode load the same way: the signed-in facilitator's own session
// (someone else's looks exactly like a missing one), names only on the charts `?reveal=` asks for.
import { notFound } from "next/navigation";
import { getFormatter } from "next-intl/server";
import { requireFacilitatorPage } from "../auth/facilitator";
import { normalizeJoinCode } from "../domain/join-code";
import type { RevealableChart } from "./build";
import { loadSessionData } from "./data";
import { serveDebrief } from "./serve";

const REVEALABLE: readonly RevealableChart[] = ["churn"];

/** "29 November 2026", "29. November 2026", "29 ноября 2026 г.": in the page's language (the session's). */
export async function debriefDate(date: Date): Promise<string> {
  const format = await getFormatter();
  return format.dateTime(date, { day: "numeric", month: "long", year: "numeric" });
}

export async function loadFacilitatorDebrief(
  codeParam: string,
  searchParams: Record<string, string | string[] | undefined>,
  returnTo: string,
) {
  const facilitator = await requireFacilitatorPage(returnTo);
  const code = normalizeJoinCode(codeParam);
  const data = code ? await loadSessionData(code) : null;
  if (!data || data.session.facilitatorId !== facilitator.id) notFound();
  const raw = searchParams.reveal;
  const asked = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((s) => s.trim());
  const reveal = new Set(REVEALABLE.filter((c) => asked.includes(c)));
  const debrief = await serveDebrief(data, reveal);
  const firstRound = data.rounds[0];
  return { data, debrief, reveal, heldOn: firstRound ? await debriefDate(firstRound.openedAt) : null };
}
