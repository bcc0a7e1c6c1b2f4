// The agenda presets in a session's language: each round's title and prompt from the catalogs.
import { presetAgenda, type AgendaItem, type AgendaPresetId } from "@/lib/domain/rules/ruleset";
import { LOCALES, type Locale } from "./locales";
import { translator } from "./server";

export function localizedPresetAgenda(id: AgendaPresetId, locale: Locale): AgendaItem[] {
  const t = translator(locale);
  return presetAgenda(id, (key) => ({ title: t(`facilitator.presetRounds.${key}.title`), prompt: t(`facilitator.presetRounds.${key}.prompt`) }));
}

/** What the control room's agenda panel writes into a room's agenda, in one language. */
export interface RoomAgendaContent {
  presets: Record<AgendaPresetId, AgendaItem[]>;
  /** The default title of a round the facilitator adds (ICU, `{number}`). */
  newRound: string;
}

let roomContent: Record<Locale, RoomAgendaContent> | null = null;

/**
 * The agenda content in every language: the control room picks the session's current one, so a round
 * added after the facilitator changed the room's language is titled in the new one, even when the
 * control room itself speaks the facilitator's language.
 */
export function roomAgendaContent(): Record<Locale, RoomAgendaContent> {
  // The catalogs are fixed for the process: built once, not on every control-room page.
  return (roomContent ??= Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      {
        presets: { "nosedive-arc": localizedPresetAgenda("nosedive-arc", locale), "whole-essay": localizedPresetAgenda("whole-essay", locale) },
        newRound: translator(locale).raw("facilitator.agenda.newRound") as string,
      },
    ]),
  ) as Record<Locale, RoomAgendaContent>);
}
