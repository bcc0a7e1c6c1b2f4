import { describe, expect, it } from "vitest";
import { emailSchema, facilitatorNameSchema, normalizeEmail, passwordSchema, signUpSchema } from "./accounts";

describe("normalizeEmail", () => {
  it.each([
    ["ada@example.org", "ada@example.org"],
    ["  Ada@Example.ORG ", "ada@example.org"],
    ["ADA@EXAMPLE.ORG\t", "ada@example.org"],
    ["ａｄａ@example.org", "ada@example.org"], // full-width letters fold to ASCII (NFKC)
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});

describe("emailSchema", () => {
  it.each(["ada@example.org", " Grace.Hopper@navy.mil "])("accepts %j", (email) => {
    expect(emailSchema.safeParse(email).success).toBe(true);
  });
  it.each(["", "   ", "ada", "ada@", "@example.org", "ada@example", "a da@example.org", `${"a".repeat(250)}@example.org`])(
    "rejects %j",
    (email) => {
      expect(emailSchema.safeParse(email).success).toBe(false);
    },
  );
  it("returns the normalised address", () => {
    expect(emailSchema.parse(" Ada@Example.org")).toBe("ada@example.org");
  });
});

describe("passwordSchema", () => {
  it.each([
    ["correct horse", true],
    ["0123456789", true],
    ["123456789", false], // 9 characters
    ["", false],
    ["          ", false], // only spaces
    ["aaaaaaaaaaaa", false], // too repetitive
    ["ababababab", false], // two distinct characters
    ["abcabcabca", true],
    ["x".repeat(199) + "yz", false], // over 200
  ])("%j valid=%s", (password, valid) => {
    expect(passwordSchema.safeParse(password).success).toBe(valid);
  });
  it("explains the minimum length", () => {
    const result = passwordSchema.safeParse("short");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Password must be at least 10 characters.");
  });
});

describe("facilitatorNameSchema", () => {
  it("trims and collapses spaces", () => {
    expect(facilitatorNameSchema.parse("  Ada   Lovelace ")).toBe("Ada Lovelace");
  });
  it.each(["", "   ", "a".repeat(81), "Ada\u0000", "Ada\nLovelace".replace("\n", "\u0007")])("rejects %j", (name) => {
    expect(facilitatorNameSchema.safeParse(name).success).toBe(false);
  });
});

describe("signUpSchema", () => {
  it("parses a full sign-up with normalised fields", () => {
    expect(signUpSchema.parse({ name: " Ada ", email: "ADA@example.org", password: "correct horse" })).toEqual({
      name: "Ada",
      email: "ada@example.org",
      password: "correct horse",
    });
  });
  it("names the failing field", () => {
    const result = signUpSchema.safeParse({ name: "Ada", email: "nope", password: "correct horse" });
    expect(result.error?.issues[0]?.path).toEqual(["email"]);
  });
});
