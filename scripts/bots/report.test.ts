import { describe, expect, it } from "vitest";
import { countError, describeNetworkError, newStats, retryAfterMs, statusLine } from "./report";

describe("statusLine", () => {
  it("summarises the run on one line", () => {
    const s = newStats(30);
    Object.assign(s, { joined: 30, sseConnected: 29, sent: 120, ok: 117, phase: "round_open", round: 1, leaderboardVersion: 42, okRate: 6 });
    countError(s, "403");
    countError(s, "403");
    countError(s, "network");
    expect(statusLine(s, 12_400)).toBe(
      "[12s] bots 30/30 · SSE 29/30 · ratings 120 sent, 117 ok, 3 err (403×2 network×1) · 6.0/s · round 1 open · board v42",
    );
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs("3", 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null, 0, 1234)).toBe(1234);
    expect(retryAfterMs("soon", 0, 999)).toBe(999);
  });
});

describe("describeNetworkError", () => {
  it("turns fetch failures into words", () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    expect(describeNetworkError(refused)).toMatch(/connection refused/);
    const unknown = Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } });
    expect(describeNetworkError(unknown)).toBe("unknown host name");
  });
});
