import { describe, expect, it } from "vitest";
import { tokenView } from "./token-view";

const base = { id: "t1", name: "bots", prefix: "stk_abc123", createdAt: new Date("2026-11-01T00:00:00Z"), lastUsedAt: null };

describe("tokenView", () => {
  it.each([
    [null, "2026-11-29T00:00:00Z", null, false],
    ["2026-12-01T00:00:00Z", "2026-11-30T23:59:59Z", "2026-12-01T00:00:00.000Z", false],
    ["2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00.000Z", true],
  ])("expiresAt %s seen at %s → %s, expired %s", (expires, now, iso, expired) => {
    const view = tokenView({ ...base, expiresAt: expires ? new Date(expires) : null }, new Date(now));
    expect(view).toMatchObject({ expiresAt: iso, expired, lastUsedAt: null, createdAt: "2026-11-01T00:00:00.000Z" });
  });
});
