import { describe, expect, it } from "vitest";
import { cleanPublicText, publicText } from "./free-text";

describe("publicText", () => {
  it.each([
    ["Wrecking", "Wrecking"],
    ["  Lack\tof\n\nenthusiasm  ", "Lack of enthusiasm"],
    ["ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
    ["👩‍💻 coder", "👩‍💻 coder"], // ZWJ stays allowed, as in names
  ])("%j → %j", (input, expected) => {
    expect(publicText.parse(input)).toBe(expected);
  });

  it.each([
    ["a right-to-left override", "Sabotage \u202Eegatobas"],
    ["a bidi isolate", "x\u2066y"],
    ["a NUL", "x\u0000y"],
    ["a zero-width space", "x\u200By"],
    ["a byte-order mark inside", "x\uFEFFy"],
    ["a C1 control", "x\u0085y"],
  ])("refuses %s", (_label, input) => {
    expect(publicText.safeParse(input).success).toBe(false);
  });

  it("cleanPublicText folds line breaks (one line on every screen)", () => {
    expect(cleanPublicText("a\r\nb\u2028c")).toBe("a b c");
  });
});
