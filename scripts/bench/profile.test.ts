import { describe, expect, it } from "vitest";
import { classifyUrl, profileCovering, sourcePath, summarizeProfile, type CallFrame, type CpuProfile, type FrameResolver } from "./profile";

const frame = (functionName: string, url = ""): CallFrame => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

// (root) → route (app) → mePayload (app) → map (next/react)
//        → (idle), (garbage collector)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 5, 6] },
    { id: 2, callFrame: frame("route", "file:///app/.next/server/chunks/a.js"), children: [3] },
    { id: 3, callFrame: frame("mePayload", "file:///app/.next/server/chunks/a.js"), children: [4] },
    { id: 4, callFrame: frame("render", "file:///app/node_modules/next/dist/x.js") },
    { id: 5, callFrame: frame("(idle)") },
    { id: 6, callFrame: frame("(garbage collector)") },
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  // 10 samples, 1 ms apart
  samples: [4, 4, 3, 3, 3, 2, 5, 5, 6, 2],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

const resolve: FrameResolver = (f) => ({ label: f.functionName, category: classifyUrl(f.url, f.functionName) });

describe("summarizeProfile", () => {
  it("splits time by category, self time and app time including callees", () => {
    const s = summarizeProfile(profile, null, resolve);
    expect(s.sampledMs).toBe(10);
    expect(s.categories).toMatchObject({ app: 50, "next/react": 20, idle: 20, gc: 10 });
    expect(s.busyPct).toBe(80);
    expect(s.self[0]).toEqual({ label: "mePayload", ms: 3, pct: 30 });
    expect(s.self.map((r) => r.label)).not.toContain("(idle)");
    // route: every sample under it (2 × render + 3 × mePayload + 2 × itself); mePayload: itself and render
    expect(s.inclusiveApp).toEqual([
      { label: "route", ms: 7, pct: 70 },
      { label: "mePayload", ms: 5, pct: 50 },
    ]);
  });

  it("keeps only the samples inside the window (monotonic µs)", () => {
    // sample i is at 1_000_000 + (i + 1) × 1000 µs; keep samples 2..4 (the three mePayload ones)
    const s = summarizeProfile(profile, [{ startUs: 1_003_000, endUs: 1_005_000 }], resolve);
    expect(s.sampledMs).toBe(3);
    expect(s.self).toEqual([{ label: "mePayload", ms: 3, pct: 100 }]);
    expect(s.windowMs).toBe(2);
    // several spans add up
    const two = summarizeProfile(profile, [{ startUs: 1_001_000, endUs: 1_001_000 }, { startUs: 1_003_000, endUs: 1_003_000 }], resolve);
    expect(two.sampledMs).toBe(2);
    expect(two.self.map((r) => r.label).sort()).toEqual(["mePayload", "render"]);
  });

  it("finds the profile that covers a window", () => {
    const a = { ...profile, startTime: 0, endTime: 100 };
    const b = { ...profile, startTime: 200, endTime: 300 };
    expect(profileCovering([a, b], [{ startUs: 210, endUs: 290 }])).toBe(b);
    expect(profileCovering([a, b], [{ startUs: 90, endUs: 210 }])).toBeNull();
  });
});

describe("classifyUrl", () => {
  it("sorts frames into app, framework, libraries, node and V8", () => {
    expect(classifyUrl("", "(idle)")).toBe("idle");
    expect(classifyUrl("", "(garbage collector)")).toBe("gc");
    expect(classifyUrl("", "(program)")).toBe("v8/native");
    expect(classifyUrl("node:internal/streams/readable", "read")).toBe("node");
    expect(classifyUrl("file:///w/node_modules/next/dist/compiled/x.js", "a")).toBe("next/react");
    expect(classifyUrl("file:///w/node_modules/zod/index.js", "a")).toBe("libraries");
    expect(classifyUrl("file:///w/.next/server/chunks/x.js", "a")).toBe("app");
  });
});

describe("sourcePath", () => {
  it("makes Turbopack's chunk-relative, URL-encoded sources readable", () => {
    const chunk = "/w/main/.next/server/chunks/abc._.js";
    expect(sourcePath("/w/main", chunk, "../../../app/api/sessions/%5Bcode%5D/events/route.ts")).toBe("app/api/sessions/[code]/events/route.ts");
    expect(sourcePath("/w/main", chunk, "../../../node_modules/next/dist/server/base-server.js")).toBe("next/dist/server/base-server.js");
    expect(sourcePath("/w/main", chunk, "turbopack:///[project]/lib/live/hub.ts")).toBe("lib/live/hub.ts");
  });
});
