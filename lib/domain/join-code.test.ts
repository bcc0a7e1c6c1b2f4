import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, generateJoinCode, normalizeJoinCode } from "./join-code";

describe("JOIN_CODE_ALPHABET", () => {
  it("has 32 unique symbols", () => {
    expect(JOIN_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(32);
  });

  it.each(["0", "O", "1", "I"])("leaves out look-alike %j", (symbol) => {
    expect(JOIN_CODE_ALPHABET).not.toContain(symbol);
  });

  it("is upper-case so normalisation can upper-case input", () => {
    expect(JOIN_CODE_ALPHABET).toBe(JOIN_CODE_ALPHABET.toUpperCase());
  });
});

describe("generateJoinCode", () => {
  it("produces valid codes across many random draws", () => {
    for (let i = 0; i < 2_000; i++) {
      const code = generateJoinCode(randomBytes);
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      expect(normalizeJoinCode(code)).toBe(code);
    }
  });

  it("maps bytes with modulo 32", () => {
    const bytes = [0, 31, 32, 255, 100, 64]; // 32 → 0 and 255 → 31 wrap around
    expect(generateJoinCode(() => Uint8Array.from(bytes))).toBe("2Z2Z62");
  });

  it("hits every symbol exactly 8 times over all 256 byte values (no bias)", () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const symbol = generateJoinCode(() => new Uint8Array(JOIN_CODE_LENGTH).fill(b)).charAt(0);
      counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect([...counts.values()].every((n) => n === 8)).toBe(true);
  });

  it("asks for exactly JOIN_CODE_LENGTH bytes", () => {
    const asked: number[] = [];
    generateJoinCode((n) => {
      asked.push(n);
      return new Uint8Array(n);
    });
    expect(asked).toEqual([JOIN_CODE_LENGTH]);
  });

  it("refuses a random source that returns too few bytes", () => {
    expect(() => generateJoinCode(() => new Uint8Array(3))).toThrow();
  });
});

describe("normalizeJoinCode", () => {
  it.each([
    ["K7QX4M", "K7QX4M"],
    [" k7q-x4m ", "K7QX4M"],
    ["k7qx4m", "K7QX4M"],
    ["K7Q X4M", "K7QX4M"],
    ["K7Q.X4M", "K7QX4M"],
    ["k-7-q-x-4-m", "K7QX4M"],
    ["\tK7Q\u00a0X4M\n", "K7QX4M"],
    ["22ZZ99", "22ZZ99"],
    ["K7QX4", null], // too short
    ["K7QX4MM", null], // too long
    ["K7QX4O", null], // O is not in the alphabet
    ["K7QX40", null], // 0 is not in the alphabet
    ["K7QX41", null], // 1 is not in the alphabet
    ["K7QX4I", null], // I is not in the alphabet
    ["K7QX4_", null],
    ["K7QX4Ｍ", null], // full-width letter is not typed on a normal keyboard
    ["", null],
    ["   ", null],
    ["------", null],
  ])("%j → %j", (input, expected) => {
    expect(normalizeJoinCode(input)).toBe(expected);
  });
});
