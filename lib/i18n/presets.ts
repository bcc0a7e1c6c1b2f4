// The agenda presets in a session's language: each round's title and prompt from the catalogs.
import { presetAgenda, type AgendaItem, type AgendaPresetId } from "@/lib/domain/rules/ruleset";
import type { Locale } from "./locales";
import { translator } from "./server";

export function localizedPresetAgenda(id: AgendaPresetId, locale: Locale): AgendaItem[] {
  const t = translator(locale);
  return presetAgenda(id, (key) => ({ title: t(`facilitator.presetRounds.${key}.title`), prompt: t(`facilitator.presetRounds.${key}.prompt`) }));
}
