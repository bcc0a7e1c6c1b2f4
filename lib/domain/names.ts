// Participant display names: what people may call themselves on the
// leaderboard, when two names count as "the same", and the satirical
// corporate aliases offered to those who would rather not use their own.
import { z } from "zod";

export const DISPLAY_NAME_MAX = 40;

const LENGTH_MESSAGE = `Display name must be 1–${DISPLAY_NAME_MAX} characters.`;
const CHARS_MESSAGE = "Display name contains characters that are not allowed.";

// Ordinary whitespace is folded into one space; \s is not used because it also matches U+FEFF, which we reject.
const FOLDABLE_SPACE = /[\t\n\v\f\r\p{Zs}\u2028\u2029]+/gu;
// C0/C1 controls plus invisible and bidi controls, which let two names look alike or reorder the leaderboard text.
// U+200C/U+200D (zero-width non-joiner/joiner) stay allowed: emoji like 👩‍💻 and Persian or Indic names need them.
export const FORBIDDEN_TEXT_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** NFKC, folded whitespace, no leading or trailing spaces: the form we store and show. */
function cleanDisplayName(raw: string): string {
  return raw.normalize("NFKC").replace(FOLDABLE_SPACE, " ").replace(/^ | $/g, "");
}

/** Counts code points so an emoji is one character, as the person typing sees it. */
function charCount(s: string): number {
  return [...s].length;
}

export const displayNameSchema = z
  .string({ error: "Display name is required." })
  .transform(cleanDisplayName)
  .pipe(
    z
      .string()
      .refine((s) => !FORBIDDEN_TEXT_CHARS.test(s), CHARS_MESSAGE)
      .refine((s) => charCount(s) >= 1 && charCount(s) <= DISPLAY_NAME_MAX, LENGTH_MESSAGE),
  );

/** Uniqueness key: "Ada Lovelace", "ada  lovelace" and "ADALOVELACE" collide so nobody can impersonate by spacing or case. */
export function nameKey(displayName: string): string {
  return displayName.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
}

/**
 * Returns `desired` if its key is free, else "Ada 2", "Ada 3", … — the first
 * whose key is free — trimming the base so the result fits DISPLAY_NAME_MAX.
 */
export function suggestFreeName(desired: string, taken: (key: string) => boolean): string {
  if (!taken(nameKey(desired))) return desired;
  const chars = [...desired];
  // A hard cap so a predicate that is always true cannot spin forever.
  for (let n = 2; n < 100_000; n++) {
    const suffix = ` ${n}`;
    const base = chars.slice(0, DISPLAY_NAME_MAX - suffix.length).join("").replace(/ +$/, "");
    const candidate = `${base}${suffix}`;
    if (!taken(nameKey(candidate))) return candidate;
  }
  throw new Error("suggestFreeName found no free name");
}

/** Buzzwords for aliases; the joke is that the appraisal form talks like this too. */
export const ALIAS_WORDS = [
  "Synergy",
  "Agile",
  "Proactive",
  "Disruptive",
  "Scalable",
  "Leveraged",
  "Holistic",
  "Strategic",
  "Empowered",
  "Aligned",
  "Streamlined",
  "Optimized",
  "Incentivized",
  "Actionable",
  "Impactful",
  "Frictionless",
  "Visionary",
  "Data-Driven",
  "Cross-Functional",
  "Best-in-Class",
  "Mission-Critical",
  "Value-Added",
  "Customer-Centric",
  "Next-Gen",
  "Blue-Sky",
  "Gamified",
  "Rightsized",
  "Pivoting",
  "Onboarded",
  "Benchmarked",
  "Monetized",
  "Accountable",
  "Seamless",
  "Lean",
] as const;

export const ALIAS_ANIMALS = [
  "Falcon",
  "Otter",
  "Heron",
  "Badger",
  "Lynx",
  "Walrus",
  "Beaver",
  "Ferret",
  "Hedgehog",
  "Pelican",
  "Meerkat",
  "Mongoose",
  "Narwhal",
  "Ocelot",
  "Penguin",
  "Puffin",
  "Raccoon",
  "Stoat",
  "Tapir",
  "Wombat",
  "Yak",
  "Alpaca",
  "Capybara",
  "Gecko",
  "Ibis",
  "Jackal",
  "Koala",
  "Lemur",
  "Marmot",
  "Moose",
  "Okapi",
  "Platypus",
  "Quokka",
  "Toucan",
  "Axolotl",
] as const;

// Clamped because a random source returning exactly 1 would otherwise index past the end.
function pick<T>(items: readonly T[], random: () => number): T {
  const index = Math.min(items.length - 1, Math.max(0, Math.floor(random() * items.length)));
  const item = items[index];
  if (item === undefined) throw new Error("pick needs a non-empty list");
  return item;
}

/**
 * German: buzzword adjectives in the strong masculine form before masculine animals only, so every
 * pair agrees ("Agiler Falke", never "Agiler Giraffe"): what a German office would mock itself with.
 */
export const ALIAS_WORDS_DE = [
  "Agiler",
  "Proaktiver",
  "Disruptiver",
  "Skalierbarer",
  "Ganzheitlicher",
  "Strategischer",
  "Synergetischer",
  "Schlanker",
  "Datengetriebener",
  "Kundenzentrierter",
  "Nachhaltiger",
  "Zielorientierter",
  "Lösungsorientierter",
  "Visionärer",
  "Innovativer",
  "Wertschöpfender",
  "Crossfunktionaler",
  "Gamifizierter",
  "Optimierter",
  "Reibungsloser",
  "Hochperformanter",
  "Eigenverantwortlicher",
  "Ergebnisorientierter",
  "Zukunftsfähiger",
  "Digitaler",
  "Leistungsstarker",
  "Ambitionierter",
  "Transparenter",
  "Umsetzungsstarker",
  "Resilienter",
] as const;

export const ALIAS_ANIMALS_DE = [
  "Falke",
  "Otter",
  "Reiher",
  "Dachs",
  "Luchs",
  "Biber",
  "Igel",
  "Pelikan",
  "Mungo",
  "Narwal",
  "Ozelot",
  "Pinguin",
  "Waschbär",
  "Tapir",
  "Wombat",
  "Bison",
  "Gecko",
  "Ibis",
  "Schakal",
  "Koala",
  "Lemur",
  "Elch",
  "Tukan",
  "Axolotl",
  "Maulwurf",
  "Papagei",
  "Seehund",
  "Steinbock",
  "Uhu",
  "Wal",
] as const;

/** Russian: masculine adjectives with masculine animals only, so every pair agrees ("Проактивный Барсук"). */
export const ALIAS_WORDS_RU = [
  "Синергичный",
  "Гибкий",
  "Проактивный",
  "Прорывной",
  "Масштабируемый",
  "Целостный",
  "Стратегический",
  "Вовлечённый",
  "Оптимизированный",
  "Клиентоориентированный",
  "Инновационный",
  "Эффективный",
  "Бережливый",
  "Креативный",
  "Мотивированный",
  "Результативный",
  "Кроссфункциональный",
  "Цифровой",
  "Амбициозный",
  "Прозрачный",
  "Ответственный",
  "Перспективный",
  "Нацеленный",
  "Устойчивый",
  "Системный",
  "Командный",
  "Дальновидный",
  "Многозадачный",
  "Инициативный",
  "Продуктивный",
] as const;

export const ALIAS_ANIMALS_RU = [
  "Сокол",
  "Барсук",
  "Бобёр",
  "Ёж",
  "Пеликан",
  "Сурок",
  "Тапир",
  "Вомбат",
  "Як",
  "Енот",
  "Пингвин",
  "Тукан",
  "Лемур",
  "Мангуст",
  "Нарвал",
  "Оцелот",
  "Хорёк",
  "Горностай",
  "Ибис",
  "Шакал",
  "Геккон",
  "Лось",
  "Аксолотль",
  "Тюлень",
  "Филин",
  "Кит",
  "Попугай",
  "Суслик",
  "Кенгуру",
  "Морж",
] as const;

/** Each language's alias lists (lib/i18n/locales.ts LOCALES); English when a language has none. */
export const ALIAS_LISTS: Record<string, { words: readonly string[]; animals: readonly string[] }> = {
  en: { words: ALIAS_WORDS, animals: ALIAS_ANIMALS },
  de: { words: ALIAS_WORDS_DE, animals: ALIAS_ANIMALS_DE },
  ru: { words: ALIAS_WORDS_RU, animals: ALIAS_ANIMALS_RU },
};

/**
 * "Synergy Falcon", "Agiler Falke", "Гибкий Сокол": `random` returns [0, 1) like Math.random; called
 * once for each word. An alias is made in the phone's language when it is suggested and then stays
 * as typed, like any name.
 */
export function generateAlias(random: () => number, locale = "en"): string {
  const lists = ALIAS_LISTS[locale] ?? ALIAS_LISTS.en!;
  return `${pick(lists.words, random)} ${pick(lists.animals, random)}`;
}
