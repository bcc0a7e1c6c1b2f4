// The facilitator's session settings: reflection questions, the spotlight,
// archiving, the release clock and the agenda. Each function runs inside the
// hub's command path (lib/live/hub.ts wraps it).
import type { Locale } from "../i18n/locales";
import { countReflections, findReflection, saveAgenda, saveLanguage, saveParticipantCap, saveReleaseSettings, updateSessionFlags } from "../db/sessions";
import { capAllowed } from "../domain/admission";
import type { AgendaItem } from "../domain/rules/ruleset";
import { AppError } from "../errors";
import type { HubCore } from "./core";

/** Opens or closes the reflection questions on the phones. */
export async function setReflectionOpen(core: HubCore, open: boolean): Promise<void> {
  await updateSessionFlags(core.session.id, { reflectionOpen: open });
  core.session = { ...core.session, reflectionOpen: open };
  core.publish({ kind: "phase" });
}

/** Re-counts the reflection answers; screens hear of it only when the count changed (an edit changes nothing). */
export async function recountReflections(core: HubCore): Promise<void> {
  const answers = await countReflections(core.session.id);
  if (answers === core.reflectionAnswers) return;
  core.reflectionAnswers = answers;
  core.publish({ kind: "phase" });
}

/** Shows one anonymous reflection text on the projector, or none. */
export async function setSpotlight(core: HubCore, reflectionId: string | null): Promise<void> {
  let text: string | null = null;
  if (reflectionId) {
    const found = await findReflection(core.session.id, reflectionId);
    if (!found) throw new AppError("not_found", "No such reflection in this session.");
    text = found.text;
  }
  await updateSessionFlags(core.session.id, { spotlightReflectionId: reflectionId });
  core.session = { ...core.session, spotlightReflectionId: reflectionId };
  core.spotlightText = text;
  core.publish({ kind: "phase" });
}

export async function setArchived(core: HubCore, archived: boolean): Promise<void> {
  const archivedAt = archived ? new Date() : null;
  await updateSessionFlags(core.session.id, { archivedAt });
  core.session = { ...core.session, archivedAt };
  core.publish({ kind: "phase" });
}

/** The facilitator's release clock: period (1–10 s) and new raters per release (2 up to k). */
export async function setRelease(core: HubCore, release: { seconds: number; batch: number }): Promise<{ seconds: number; batch: number }> {
  core.requireWritable();
  const k = core.effectiveK();
  if (release.batch > k) {
    throw new AppError("validation_failed", `New raters per release can be at most k (${k}).`, { field: "release.batch" });
  }
  await saveReleaseSettings(core.session.id, release);
  core.session = { ...core.session, release };
  core.gate.setMinNewRaters(core.releaseMinRaters());
  core.publish({ kind: "control" });
  return release;
}

/** The room's language: the projector, the phones and the debrief follow it (phones refresh on the phase event). */
export async function setLanguage(core: HubCore, language: Locale): Promise<Locale> {
  core.requireWritable();
  await saveLanguage(core.session.id, language);
  core.session = { ...core.session, language };
  core.publish({ kind: "phase" });
  core.publish({ kind: "control" });
  return language;
}

/** The facilitator's participant cap: not below the people already seated (lib/domain/admission.ts). */
export async function setParticipantCap(core: HubCore, maxParticipants: number): Promise<number> {
  core.requireWritable();
  const allowed = capAllowed(maxParticipants, core.roster.seated());
  if (!allowed.ok) throw new AppError("validation_failed", allowed.message, { field: "maxParticipants" });
  await saveParticipantCap(core.session.id, maxParticipants);
  core.session = { ...core.session, maxParticipants };
  core.publish({ kind: "control" });
  return maxParticipants;
}

/** Replaces the rounds that have not been opened yet; opened rounds are history. */
export async function setUpcomingAgenda(core: HubCore, upcoming: AgendaItem[]): Promise<AgendaItem[]> {
  const opened = core.session.state.round;
  const agenda = [...core.session.agenda.slice(0, opened), ...upcoming];
  if (agenda.length > 20) throw new AppError("validation_failed", "An agenda has at most 20 rounds.");
  await saveAgenda(core.session.id, agenda);
  core.session = { ...core.session, agenda };
  core.publish({ kind: "control" });
  return agenda;
}
