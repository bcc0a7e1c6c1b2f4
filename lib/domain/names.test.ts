import { describe, expect, it } from "vitest";
import {
  ALIAS_ANIMALS,
  ALIAS_WORDS,
  DISPLAY_NAME_MAX,
  displayNameSchema,
  generateAlias,
  ALIAS_LISTS,
  ALIAS_WORDS_DE,
  ALIAS_WORDS_RU,
  nameKey,
  suggestFreeName,
} from "./names";

const LENGTH_MESSAGE = "Display name must be 1–40 characters.";
const CHARS_MESSAGE = "Display name contains characters that are not allowed.";

function firstMessage(input: string): string | undefined {
  const result = displayNameSchema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("displayNameSchema", () => {
  it.each([
    ["Ada", "Ada"],
    ["  Ada   Lovelace  ", "Ada Lovelace"],
    ["Ada\tLovelace\n", "Ada Lovelace"], // ordinary whitespace is folded, not refused
    ["Ada\u00a0Lovelace", "Ada Lovelace"], // no-break space folds to a plain space
    ["Ada\u3000Lovelace", "Ada Lovelace"], // ideographic space too
    ["Ａｄａ", "Ada"], // full-width letters fold to ASCII (NFKC)
    ["Zoë", "Zoë"],
    ["Zoe\u0308", "Zoë"], // combining diaeresis composes
    ["李小龍", "李小龍"],
    ["Ada 🚀", "Ada 🚀"],
    ["x".repeat(40), "x".repeat(40)],
    ["🚀".repeat(40), "🚀".repeat(40)], // 40 emoji = 40 characters, though 80 UTF-16 units
    [` ${"x".repeat(40)} `, "x".repeat(40)], // trimmed before counting
    ["Synergy Falcon", "Synergy Falcon"],
    ["Dev 👩\u200d💻", "Dev 👩\u200d💻"], // zero-width joiner builds one emoji
    ["می\u200cخواهم", "می\u200cخواهم"], // zero-width non-joiner in Persian
  ])("accepts %j as %j", (input, expected) => {
    expect(displayNameSchema.parse(input)).toBe(expected);
  });

  it.each([
    ["", LENGTH_MESSAGE],
    ["   ", LENGTH_MESSAGE],
    ["\n\t", LENGTH_MESSAGE],
    ["x".repeat(41), LENGTH_MESSAGE],
    ["🚀".repeat(41), LENGTH_MESSAGE],
    ["Ada\u0000", CHARS_MESSAGE],
    ["Ada\u001b[31m", CHARS_MESSAGE], // terminal escape
    ["Ada\u007f", CHARS_MESSAGE],
    ["Ada\u0085", CHARS_MESSAGE], // C1 next-line
    ["Ada\u009f", CHARS_MESSAGE],
    ["A\u200bda", CHARS_MESSAGE], // zero-width space
    ["Ada\u200e", CHARS_MESSAGE], // left-to-right mark
    ["Ada\u200f", CHARS_MESSAGE], // right-to-left mark
    ["\u202eadA", CHARS_MESSAGE], // right-to-left override
    ["Ada\u202a", CHARS_MESSAGE],
    ["\u2066Ada\u2069", CHARS_MESSAGE], // bidi isolates
    ["\ufeffAda", CHARS_MESSAGE], // BOM is not trimmed away silently
    ["\u200b", CHARS_MESSAGE],
  ])("rejects %j with %j", (input, message) => {
    expect(firstMessage(input)).toBe(message);
  });

  it("rejects non-strings", () => {
    expect(displayNameSchema.safeParse(42).success).toBe(false);
    expect(displayNameSchema.safeParse(undefined).success).toBe(false);
  });

  it("uses DISPLAY_NAME_MAX", () => {
    expect(DISPLAY_NAME_MAX).toBe(40);
  });
});

describe("nameKey", () => {
  it.each([
    ["Ada Lovelace", "adalovelace"],
    ["ada  lovelace", "adalovelace"],
    ["ADALOVELACE", "adalovelace"],
    [" Ada\tLovelace ", "adalovelace"],
    ["Ａｄａ Lovelace", "adalovelace"],
    ["Zoë", "zoë"],
    ["Zoe\u0308", "zoë"],
    ["Ada 2", "ada2"],
  ])("%j → %j", (input, key) => {
    expect(nameKey(input)).toBe(key);
  });

  it.each([
    ["Ada", "Ada 2"],
    ["Ada", "Adam"],
    ["Zoe", "Zoë"],
  ])("%j and %j differ", (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe("suggestFreeName", () => {
  const takenBy = (...names: string[]) => {
    const keys = new Set(names.map(nameKey));
    return (key: string) => keys.has(key);
  };

  it.each([
    ["Ada", [], "Ada"],
    ["Ada", ["Ada"], "Ada 2"],
    ["Ada", ["Ada", "Ada 2"], "Ada 3"],
    ["Ada", ["ADA", "ada2", "Ada 3"], "Ada 4"], // keys, not spellings, decide
    ["Ada Lovelace", ["adalovelace"], "Ada Lovelace 2"],
    ["x".repeat(40), ["x".repeat(40)], `${"x".repeat(38)} 2`],
    ["x".repeat(39), ["x".repeat(39)], `${"x".repeat(38)} 2`],
    [`${"x".repeat(37)} yy`, [`${"x".repeat(37)} yy`], `${"x".repeat(37)} 2`], // trailing space of the cut base dropped
    ["🚀".repeat(40), ["🚀".repeat(40)], `${"🚀".repeat(38)} 2`], // cuts whole emoji, not half a surrogate pair
  ])("%j with %j taken → %j", (desired, taken, expected) => {
    expect(suggestFreeName(desired, takenBy(...taken))).toBe(expected);
  });

  it("trims further once the number needs more digits", () => {
    const base = "x".repeat(40);
    const taken = [base, ...Array.from({ length: 8 }, (_, i) => `${"x".repeat(38)} ${i + 2}`)];
    expect(suggestFreeName(base, takenBy(...taken))).toBe(`${"x".repeat(37)} 10`);
  });

  it("always returns a valid display name", () => {
    const desired = "y".repeat(40);
    const result = suggestFreeName(desired, (key) => key !== nameKey(`${"y".repeat(36)} 123`));
    expect(result).toBe(`${"y".repeat(36)} 123`);
    expect(displayNameSchema.parse(result)).toBe(result);
  });
});

describe("generateAlias", () => {
  it("has at least 30 unique words and animals", () => {
    expect(ALIAS_WORDS.length).toBeGreaterThanOrEqual(30);
    expect(ALIAS_ANIMALS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ALIAS_WORDS).size).toBe(ALIAS_WORDS.length);
    expect(new Set(ALIAS_ANIMALS).size).toBe(ALIAS_ANIMALS.length);
  });

  it("every combination is a valid, already-normalised display name", () => {
    for (const word of ALIAS_WORDS) {
      for (const animal of ALIAS_ANIMALS) {
        const alias = `${word} ${animal}`;
        expect(displayNameSchema.parse(alias)).toBe(alias);
      }
    }
  });

  it.each([
    [[0, 0], `${ALIAS_WORDS[0]} ${ALIAS_ANIMALS[0]}`],
    [[0.999999, 0.999999], `${ALIAS_WORDS.at(-1)} ${ALIAS_ANIMALS.at(-1)}`],
    [[1, 1], `${ALIAS_WORDS.at(-1)} ${ALIAS_ANIMALS.at(-1)}`], // out-of-contract 1 is clamped
    [[0, 0.5], `${ALIAS_WORDS[0]} ${ALIAS_ANIMALS[Math.floor(ALIAS_ANIMALS.length / 2)]}`],
  ])("random draws %j → %j", (draws, expected) => {
    const queue = [...draws];
    expect(generateAlias(() => queue.shift() ?? 0)).toBe(expected);
  });

  it("produces known examples", () => {
    // Aim at the middle of each word's slot so float rounding cannot land on a neighbour.
    const slot = (list: readonly string[], item: string) => (list.indexOf(item) + 0.5) / list.length;
    const draw = (word: string, animal: string) => {
      const queue = [slot(ALIAS_WORDS, word), slot(ALIAS_ANIMALS, animal)];
      return generateAlias(() => queue.shift() ?? 0);
    };
    expect(draw("Synergy", "Falcon")).toBe("Synergy Falcon");
    expect(draw("Leveraged", "Walrus")).toBe("Leveraged Walrus");
  });

  it("works with Math.random", () => {
    for (let i = 0; i < 200; i++) {
      expect(displayNameSchema.safeParse(generateAlias(Math.random)).success).toBe(true);
    }
  });
});

describe("generateAlias in every language", () => {
  it.each(Object.entries(ALIAS_LISTS))("%s: 30+ unique words and animals, every pair a valid normalised name", (_locale, lists) => {
    expect(lists.words.length).toBeGreaterThanOrEqual(30);
    expect(lists.animals.length).toBeGreaterThanOrEqual(30);
    expect(new Set(lists.words).size).toBe(lists.words.length);
    expect(new Set(lists.animals).size).toBe(lists.animals.length);
    for (const word of lists.words) for (const animal of lists.animals) expect(displayNameSchema.parse(`${word} ${animal}`)).toBe(`${word} ${animal}`);
  });

  it.each([
    ["en", "Synergy Falcon"],
    ["de", "Agiler Falke"],
    ["ru", "Синергичный Сокол"],
    ["xx", "Synergy Falcon"],
  ])("%s → %s for the first draws", (locale, expected) => {
    expect(generateAlias(() => 0, locale)).toBe(expected);
  });

  it("German pairs agree: strong masculine adjectives (-er) only", () => {
    expect(ALIAS_WORDS_DE.every((w) => w.endsWith("er"))).toBe(true);
  });

  it("Russian pairs agree: masculine adjectives (-ый/-ий/-ой) only", () => {
    expect(ALIAS_WORDS_RU.every((w) => /(ый|ий|ой)$/.test(w))).toBe(true);
  });
});
