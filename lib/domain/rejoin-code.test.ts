import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET } from "./join-code";
import { formatRejoinCode, newRejoinCode, normalizeRejoinCode } from "./rejoin-code";

describe("rejoin codes", () => {
  it("are 8 symbols of the join-code alphabet", () => {
    for (let i = 0; i < 200; i++) {
      const code = newRejoinCode();
      expect(code).toHaveLength(8);
      expect([...code].every((c) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
    }
  });
  it("map bytes onto the alphabet deterministically", () => {
    // indices 0, 1, 31, 0, 1, 31, 0, 4 of "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    expect(newRejoinCode(() => new Uint8Array([0, 1, 31, 32, 33, 255, 64, 100]))).toBe("23Z23Z26");
  });
  it.each([
    ["abcd-efgh", "ABCDEFGH"],
    [" ABCD EFGH ", "ABCDEFGH"],
    ["ABCD-EFG", null],
    ["ABCD-EFG0", null], // 0 is not in the alphabet
    ["ABCD-EFGHJ", null],
  ])("normalizes %j → %j", (input, expected) => {
    expect(normalizeRejoinCode(input)).toBe(expected);
  });
  it("formats with a dash", () => {
    expect(formatRejoinCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });
});
