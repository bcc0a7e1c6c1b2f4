// The agenda presets in a session's language: English word for word as the presets define them, the
// other languages with their own titles and prompts, and the rounds' rules untouched.
import { describe, expect, it } from "vitest";
import { AGENDA_PRESETS, PRESET_ROUND_KEYS } from "@/lib/domain/rules/ruleset";
import { LOCALES } from "./locales";
import { localizedPresetAgenda } from "./presets";

describe("localizedPresetAgenda", () => {
  for (const preset of AGENDA_PRESETS) {
    it(`${preset.id}: one text key per round`, () => {
      expect(PRESET_ROUND_KEYS[preset.id]).toHaveLength(preset.agenda.length);
    });

    it(`${preset.id}: English is the preset itself`, () => {
      expect(localizedPresetAgenda(preset.id, "en")).toEqual(preset.agenda);
    });

    for (const locale of LOCALES.filter((l) => l !== "en")) {
      it(`${preset.id} in ${locale}: every title and prompt translated, rules and kinds kept`, () => {
        const agenda = localizedPresetAgenda(preset.id, locale);
        agenda.forEach((item, i) => {
          const original = preset.agenda[i]!;
          // German workshops say "Nosedive" too (the episode's title there).
          if (!(locale === "de" && original.title === "Nosedive")) expect(item.title).not.toBe(original.title);
          expect(item.prompt).not.toBe(original.prompt);
          expect(item.title.length).toBeLessThanOrEqual(60);
          expect({ ...item, title: original.title, prompt: original.prompt }).toEqual(original);
        });
      });
    }
  }

  it.each([
    ["nosedive-arc", "de", 2, "Nosedive"],
    ["nosedive-arc", "ru", 2, "«Нырок»"],
    ["whole-essay", "de", 3, "Personalabbau"],
    ["whole-essay", "ru", 4, "Производственное совещание"],
  ] as const)("%s in %s: round %i is titled %s", (id, locale, index, title) => {
    expect(localizedPresetAgenda(id, locale)[index]!.title).toBe(title);
  });
});
