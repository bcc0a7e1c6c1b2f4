import { describe, expect, it } from "vitest";
import {
  consoleReport,
  evaluateTargets,
  extractSection,
  fmtMs,
  keptPostgresRow,
  ingestRatio,
  markdownReport,
  PG_SECTION_END,
  PG_SECTION_START,
  spliceSection,
  withPostgresRow,
  type BenchResults,
  type ProbeResult,
  type StageResult,
} from "./report";
import { summarize } from "./stats";

function probe(route: string, perSecond: number, errors = 0): ProbeResult {
  return { route, concurrency: 64, durationMs: 10_000, rounds: [perSecond, perSecond, perSecond], ok: perSecond * 10, errors, errorsByStatus: errors ? { "500": errors } : {}, perSecond, latency: summarize([10, 20, 30]), serverCpuPct: 180, benchCpuPct: 40 };
}

function stage(
  participants: number,
  over: { p99?: number; errors?: number; sustained?: number; prop95?: number; missing?: number; rssKb?: number; connected?: number; rate?: number; durationS?: number; joinMs?: number; crossMissing?: number } = {},
): StageResult {
  const submit = summarize([5, 10, over.p99 ?? 100]);
  const prop = { ...summarize([100, 200, over.prop95 ?? 400]), missing: over.missing ?? 0, early: 0 };
  return {
    participants,
    joinMs: over.joinMs ?? 1000,
    connectMs: 1000,
    connected: over.connected ?? participants,
    dropped: 0,
    meReceived: participants,
    rssConnectedKb: 300_000,
    rssPeakKb: 320_000,
    rssPerParticipantKb: over.rssKb ?? 40,
    rssMarginalKb: 70,
    previousRecoveryMs: 0,
    serverRestarted: true,
    rssBaselineKb: 150_000,
    joinOrphans: 0,
    load: {
      rate: over.rate ?? 200,
      durationS: over.durationS ?? 60,
      sent: 12_000,
      ok: 12_000 - (over.errors ?? 0),
      errors: over.errors ?? 0,
      errorsByStatus: over.errors ? { "429": over.errors } : {},
      sustainedPerS: over.sustained ?? (over.rate ?? 200) * 0.999,
      submit,
      scheduleLagMaxMs: 3,
      resentOnStaleSocket: 0,
    },
    propagation: { observer: prop, phones: { ...prop, sampleEvery: 10, connections: participants } },
    observerBoardEvents: 240,
    phoneBytesPerS: 1_000_000,
    serverCpuPct: 120,
    benchCpuPct: 60,
    benchLoopDelayP99Ms: 12,
    listenOverflows: 0,
    loadavg: [1, 1, 1],
    ...(over.crossMissing === undefined ? {} : { crossInstance: { ...summarize([100, 200]), missing: over.crossMissing, instances: 2 } }),
  };
}

type Run = Parameters<typeof evaluateTargets>[0];
const verdicts = (r: Run) => Object.fromEntries(evaluateTargets(r).map((t) => [t.id, t.pass]));
const goodProbes = { trivial: probe("GET /api/health", 300), ingest: probe("PUT rating", 1_200), ratio: 4 };
/** The default full run: 300 and 1,000 at 200/s, 2,000 at 400/s, 5,000 at 100/s. */
const fullRun = (over: { at2000?: Parameters<typeof stage>[1]; at5000?: Parameters<typeof stage>[1] } = {}) => [
  stage(300),
  stage(1000),
  stage(2000, { rate: 400, ...over.at2000 }),
  stage(5000, { rate: 100, ...over.at5000 }),
];

describe("evaluateTargets (issue 12)", () => {
  it("passes a run that meets every SQLite target; PostgreSQL is left to its own run", () => {
    expect(verdicts({ probes: goodProbes, stages: fullRun() })).toEqual({
      join: true,
      ratings: true,
      propagation: true,
      ingest: true,
      rss: true,
      crowd: true,
      postgres: null,
    });
  });

  it("fails each target on its own figure", () => {
    const v = (over: Parameters<typeof fullRun>[0], probes = goodProbes) => verdicts({ probes, stages: fullRun(over) });
    expect(v({ at2000: { connected: 1990 } }).join).toBe(false);
    // The join times of the stages up to 2,000 add up (each stage joins only the new phones).
    expect(v({ at2000: { rate: 400, joinMs: 58_500 } }).join).toBe(false);
    expect(v({ at2000: { joinMs: 57_000 } }).join).toBe(true);
    expect(v({ at2000: { p99: 251 } }).ratings).toBe(false);
    expect(v({ at2000: { errors: 1 } }).ratings).toBe(false);
    expect(v({ at2000: { sustained: 390 } }).ratings).toBe(false);
    expect(v({ at2000: { prop95: 3_501 } }).propagation).toBe(false);
    expect(v({ at2000: { prop95: 3_500 } }).propagation).toBe(true);
    expect(v({ at5000: { missing: 1 } }).propagation).toBe(false);
    expect(v({}, { ...goodProbes, ratio: 2.9 }).ingest).toBe(false);
    expect(v({}, { ...goodProbes, ratio: 3 }).ingest).toBe(true);
    expect(v({ at5000: { rssKb: 61 } }).rss).toBe(false);
    expect(v({ at5000: { rssKb: 60 } }).rss).toBe(true);
    expect(v({ at5000: { connected: 4999 } }).crowd).toBe(false);
    expect(v({ at5000: { errors: 1 } }).crowd).toBe(false);
  });

  it("judges the 400/s load where it was offered, and names the figures", () => {
    const r = { probes: goodProbes, stages: fullRun({ at2000: { p99: 180 } }) };
    expect(evaluateTargets(r).find((t) => t.id === "ratings")?.measured).toBe("2,000 at 400/s for 60 s: 399.6/s answered, p99 180 ms, 0 errors");
    // 200/s at 2,000 is not the target's load: not measured, never a pass.
    expect(verdicts({ probes: goodProbes, stages: [stage(300), stage(2000)] }).ratings).toBeNull();
  });

  it("does not call a smaller run a pass", () => {
    const small = verdicts({ probes: goodProbes, stages: [stage(50, { rate: 20, durationS: 10 })] });
    expect(small.join).toBeNull();
    expect(small.ratings).toBeNull();
    expect(small.crowd).toBeNull();
    // …but a failure at a small size is still a failure
    expect(verdicts({ probes: goodProbes, stages: [stage(50, { rate: 20, durationS: 10, missing: 2 })] }).propagation).toBe(false);
    // Phones from many addresses are not the one-address join.
    expect(verdicts({ probes: goodProbes, stages: fullRun(), options: { addresses: 50 } }).join).toBeNull();
  });

  it("judges PostgreSQL with two instances only in that run: 1,000 phones at 200/s, 0 errors, nothing lost", () => {
    const pg = (over: Parameters<typeof stage>[1] = {}) => verdicts({ probes: goodProbes, stages: [stage(300), stage(1000, { crossMissing: 0, ...over })], options: { postgres: true, instances: 2 } });
    expect(pg()).toEqual({ join: null, ratings: null, propagation: true, ingest: null, rss: null, crowd: null, postgres: true });
    expect(pg({ errors: 1 }).postgres).toBe(false);
    expect(pg({ missing: 1 }).postgres).toBe(false);
    expect(pg({ crossMissing: 1 }).postgres).toBe(false);
    expect(verdicts({ probes: goodProbes, stages: [stage(1000)], options: { postgres: true, instances: 1 } }).postgres).toBeNull();
  });
});

describe("ingestRatio", () => {
  it("is the median of the paired rounds' ratios", () => {
    const trivial = { ...probe("GET /api/health", 400), rounds: [400, 300, 600] };
    const ingest = { ...probe("PUT rating", 300), rounds: [300, 240, 630] };
    expect(ingestRatio({ trivial, ingest })).toBe(0.8); // 0.75, 0.8, 1.05
    expect(ingestRatio({ trivial: { ...trivial, rounds: [] }, ingest: { ...ingest, rounds: [] } })).toBeNull();
  });
});

describe("reports", () => {
  const results: BenchResults = {
    date: "2026-11-23",
    startedAt: "2026-11-23T14:00:00.000Z",
    finishedAt: "2026-11-23T14:06:00.000Z",
    command: "npm run bench",
    options: {},
    machine: { cpus: 2, cpuModel: "Test CPU", memGiB: 24, node: "v20.20.2", platform: "linux", release: "6.1", loadavgStart: [0.5, 1, 1.5], loadavgEnd: [1, 1, 1], otherLoad: ["55% next-build"] },
    build: { buildId: "abc", builtAt: null },
    server: { profiled: false, recoveryCapMs: 60_000 },
    probes: goodProbes,
    stages: [stage(300), stage(2000, { rate: 400, p99: 1800, rssKb: 140 })],
    targets: [],
    ok: true,
    problems: [],
  };
  results.targets = evaluateTargets(results);

  it("the doc states failures with their measured figures", () => {
    const md = markdownReport(results);
    expect(md).toContain("# Performance");
    expect(md).toContain("`npm run bench`");
    expect(md).toMatch(/\| 400 ratings\/s for 60 s with 2,000 phones: submit p99 ≤ 250 ms, 0 errors \| .*p99 1\.80 s.* \| \*\*FAIL\*\* \|/);
    expect(md).toMatch(/≤ 60 KB server RSS per connected participant \| 140\.0 KB .* \| \*\*FAIL\*\* \|/);
    expect(md).toMatch(/p95 ≤ release period \+ 500 ms \(3\.50 s with the default 2 s \+ 1 s jitter\)/);
    expect(md).toMatch(/≥ 3× a trivial Next\.js route \| .*4\.00×/);
    expect(md).toContain("2 of 7 targets failed");
    expect(md).toContain("55% next-build");
    expect(md).toContain("0.50 1.00 1.50");
  });

  it("the console table lists probes, stages and verdicts", () => {
    const text = consoleReport(results);
    expect(text).toContain("GET /api/health");
    expect(text).toMatch(/2,000/);
    expect(text).toContain("FAIL");
    expect(text).toContain("PASS");
  });

  it("formats durations for people", () => {
    expect(fmtMs(null)).toBe("—");
    expect(fmtMs(4.25)).toBe("4.3 ms");
    expect(fmtMs(123.4)).toBe("123 ms");
    expect(fmtMs(1800)).toBe("1.80 s");
    expect(fmtMs(12_345)).toBe("12.3 s");
  });
});

describe("the PostgreSQL section of docs/performance.md", () => {
  it("is replaced in place, added at the end, and kept by a SQLite regeneration", () => {
    const section = (x: string) => `${PG_SECTION_START}\n${x}\n${PG_SECTION_END}`;
    const added = spliceSection("# Performance\n\ntext\n", section("one"));
    expect(added).toBe(`# Performance\n\ntext\n\n${section("one")}\n`);
    const replaced = spliceSection(added, section("two"));
    expect(replaced).toBe(`# Performance\n\ntext\n\n${section("two")}\n`);
    expect(extractSection(replaced)).toBe(section("two"));
    expect(extractSection("# Performance")).toBeNull();
  });

  it("fills the Targets table's PostgreSQL row from the PostgreSQL run, and a SQLite regeneration keeps it", () => {
    const section = `${PG_SECTION_START}\n| PostgreSQL, 2 instances: … | its own table | **PASS** |\n${PG_SECTION_END}`;
    const notMeasured = "| PostgreSQL, 2 instances: 1,000 phones | measured by `npm run bench -- --postgres --instances 2` | **not measured** |";
    const file = `# Performance\n\n| target | measured | verdict |\n| --- | ---: | ---: |\n| 2,000 joined | 16 s | **PASS** |\n${notMeasured}\n\n${section}\n`;
    expect(keptPostgresRow(file)).toBeNull();
    const row = "| PostgreSQL, 2 instances: 1,000 phones | 0 errors; 0 lost (its own run) | **PASS** |";
    const filled = withPostgresRow(file, row);
    expect(filled).toBe(file.replace(notMeasured, row));
    // The section below keeps its own row.
    expect(extractSection(filled)).toBe(section);
    expect(keptPostgresRow(filled)).toBe(row);
    expect(withPostgresRow(file, null)).toBe(file);
  });
});

