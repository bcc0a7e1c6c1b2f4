import { describe, expect, it } from "vitest";
import { displayNameSchema, nameKey, DISPLAY_NAME_MAX } from "../../lib/domain/names";
import { botName, cliqueLabel } from "./names";
import { assignCliques, assignPersonas, parsePersonaMix, type Persona } from "./personas";

describe("botName", () => {
  it("is a corporate title with the bot's number", () => {
    expect(botName("lenient", 7, 0)).toBe("Chief Happiness Officer #7");
    expect(botName("harsh", 8, 1)).toBe("Efficiency Auditor #8");
    expect(botName("clique", 12, 0, 1)).toBe("Tiger Team B #12");
  });

  it("labels cliques A…Z, then AA…", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(cliqueLabel)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
  });

  it("gives 2,000 mixed bots unique, valid names of at most 40 characters", () => {
    const personas = assignPersonas(2000, parsePersonaMix("lenient:20,harsh:20,random:20,revenge:20,clique:20"));
    const cliques = assignCliques(personas.filter((p) => p === "clique").length);
    const nth = new Map<Persona, number>();
    const keys = new Set<string>();
    personas.forEach((persona, i) => {
      const n = nth.get(persona) ?? 0;
      nth.set(persona, n + 1);
      const name = botName(persona, i + 1, n, persona === "clique" ? (cliques[n] ?? 0) : 0);
      expect([...name].length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
      expect(displayNameSchema.parse(name)).toBe(name);
      keys.add(nameKey(name));
    });
    expect(keys.size).toBe(2000);
  });

  it("trims the title, never the number, when a name would be too long", () => {
    const name = botName("clique", 123456789012, 0, 10 ** 40);
    expect([...name].length).toBeLessThanOrEqual(DISPLAY_NAME_MAX);
    expect(name.endsWith("#123456789012")).toBe(true);
  });
});
