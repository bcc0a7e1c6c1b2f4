import { describe, expect, it } from "vitest";
import { safeCallback } from "./safe-callback";

describe("safeCallback", () => {
  it.each([
    ["/sessions/ABC234", "/sessions/ABC234"],
    ["/dashboard?tab=2#x", "/dashboard?tab=2#x"],
    [undefined, "/dashboard"],
    ["", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/\\/evil.example", "/dashboard"],
    ["\\\\evil.example", "/dashboard"],
    ["https://evil.example/", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
    ["/\t/evil.example", "/dashboard"],
    ["/ /evil.example", "/dashboard"],
    ["/%5Cevil.example", "/%5Cevil.example"], // encoded: stays a path on this site
    ["dashboard", "/dashboard"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallback(input)).toBe(expected);
  });
});
