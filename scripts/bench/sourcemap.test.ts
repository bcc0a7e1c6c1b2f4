import { describe, expect, it } from "vitest";
import { decodeMappings, decodeVlq, nameFromLine, shortSource, SourceMapLookup, startsArrow } from "./sourcemap";

describe("decodeVlq", () => {
  it("decodes Base64 VLQ values, signs and continuations", () => {
    expect(decodeVlq("AAAA")).toEqual([0, 0, 0, 0]);
    expect(decodeVlq("C")).toEqual([1]);
    expect(decodeVlq("D")).toEqual([-1]);
    expect(decodeVlq("gB")).toEqual([16]);
    expect(decodeVlq("hB")).toEqual([-16]);
    expect(decodeVlq("AAgBC")).toEqual([0, 0, 16, 1]);
    expect(decodeVlq("2H4rB")).toEqual([123, 700]);
  });

  it("refuses characters outside Base64", () => {
    expect(() => decodeVlq("A!")).toThrow(/Invalid/);
  });
});

describe("decodeMappings", () => {
  it("turns relative segments into absolute positions per generated line", () => {
    // line 0: col 0 → src 0 line 2 col 4 name 0; col 2 → same source, line 2, col 10
    // line 1: nothing; line 2: col 0 → src 0 line 3 col 10
    expect(decodeMappings("AAEIA,EAAM;;AACA")).toEqual([
      [
        { col: 0, source: 0, line: 2, column: 4, name: 0 },
        { col: 2, source: 0, line: 2, column: 10, name: -1 },
      ],
      [],
      [{ col: 0, source: 0, line: 3, column: 10, name: -1 }],
    ]);
  });
});

describe("SourceMapLookup", () => {
  const map = {
    version: 3,
    sources: ["turbopack:///[project]/lib/live/hub.ts"],
    sourcesContent: ["// a\n\nexport class Hub {\n    mePayload(id) {\n"],
    names: ["mePayload"],
    mappings: "AAEIA,EAAM;;AACA",
  };
  const lookup = new SourceMapLookup(map);

  it("finds the last mapping at or before a generated position", () => {
    expect(lookup.lookup(0, 0)).toEqual({ source: map.sources[0], line: 3, column: 4, name: "mePayload", text: "export class Hub {" });
    expect(lookup.lookup(0, 1)?.name).toBe("mePayload");
    expect(lookup.lookup(0, 50)).toMatchObject({ line: 3, column: 10, name: null });
    expect(lookup.lookup(2, 3)).toMatchObject({ line: 4, text: "    mePayload(id) {" });
  });

  it("is null where nothing is mapped", () => {
    expect(lookup.lookup(1, 0)).toBeNull();
    expect(lookup.lookup(9, 0)).toBeNull();
  });
});

describe("shortSource and nameFromLine", () => {
  it("shortens Turbopack source paths", () => {
    expect(shortSource("turbopack:///[project]/lib/live/hub.ts")).toBe("lib/live/hub.ts");
    expect(shortSource("turbopack:///[project]/node_modules/zod/v4/core/parse.js")).toBe("zod/v4/core/parse.js");
    expect(shortSource("webpack:///src/x.ts")).toBe("src/x.ts");
  });

  it("guesses a function's name from its first line", () => {
    expect(nameFromLine("  mePayload(participantId: string) {")).toBe("mePayload");
    expect(nameFromLine("  private computeBoard(): void {")).toBe("computeBoard");
    expect(nameFromLine("export async function GET(request: Request, { params }: Ctx) {")).toBe("GET");
    expect(nameFromLine("export const PUT = route<Ctx>(async (request) => {")).toBe("PUT");
    expect(nameFromLine("    if (x) {")).toBeNull();
    expect(nameFromLine(null)).toBeNull();
  });
});

describe("startsArrow", () => {
  it("recognises arrow functions, whose map name is a parameter's", () => {
    expect(startsArrow("      const unsubscribe = publisher().subscribe(hub.channel, (event: HubSignal) => {", 62)).toBe(true);
    expect(startsArrow("export const PUT = route<Ctx>(async (request, { params }) => {", 30)).toBe(true);
    expect(startsArrow("  xs.map(x => x * 2)", 9)).toBe(true);
    expect(startsArrow("  const f = (): void => {", 12)).toBe(true);
    expect(startsArrow("  mePayload(participantId: string) {", 2)).toBe(false);
    expect(startsArrow(null)).toBe(false);
  });
});
