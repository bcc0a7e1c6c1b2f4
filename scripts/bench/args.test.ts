import { describe, expect, it } from "vitest";
import { parseBenchArgs, UsageError } from "./args";

describe("parseBenchArgs", () => {
  it("defaults to the full benchmark", () => {
    expect(parseBenchArgs([])).toEqual({
      stages: [300, 1000, 2000, 5000],
      stageRates: [200, 200, 400, 100],
      rate: 200,
      durationS: 60,
      probeS: 10,
      concurrency: 64,
      quick: false,
      profile: true,
      build: true,
      write: true,
      port: null,
      keep: false,
      postgres: false,
      instances: 1,
      addresses: 1,
      help: false,
    });
  });

  it("--addresses spreads the phones over that many addresses (default: all on one, like a hall behind NAT)", () => {
    expect(parseBenchArgs([]).addresses).toBe(1);
    expect(parseBenchArgs(["--addresses", "2000"]).addresses).toBe(2000);
    expect(() => parseBenchArgs(["--addresses", "0"])).toThrow(UsageError);
    expect(() => parseBenchArgs(["--addresses", "1.5"])).toThrow(UsageError);
  });

  it("N@R runs a stage at its own rate; a bare N uses --rate; PostgreSQL defaults to 300 and 1,000", () => {
    expect(parseBenchArgs(["--stages", "2000@400", "--rate", "50"])).toMatchObject({ stages: [2000], stageRates: [400], rate: 50 });
    expect(parseBenchArgs(["--stages", "100,2000@400", "--rate", "50"])).toMatchObject({ stages: [100, 2000], stageRates: [50, 400] });
    expect(parseBenchArgs(["--postgres", "--instances", "2"])).toMatchObject({ stages: [300, 1000], stageRates: [200, 200] });
    expect(parseBenchArgs(["--quick"])).toMatchObject({ stages: [50], stageRates: [20] });
    for (const bad of ["2000@", "2000@0", "2000@1.5", "@400", "2000@400@5"]) expect(() => parseBenchArgs(["--stages", bad]), bad).toThrow(UsageError);
  });

  it("--instances above 1 needs --postgres", () => {
    expect(parseBenchArgs(["--postgres", "--instances", "2"])).toMatchObject({ postgres: true, instances: 2 });
    expect(() => parseBenchArgs(["--instances", "2"])).toThrow(UsageError);
  });

  it("--quick is a small smoke test that writes nothing and does not profile", () => {
    const o = parseBenchArgs(["--quick"]);
    expect(o).toMatchObject({ stages: [50], rate: 20, durationS: 10, probeS: 2, quick: true, profile: false, write: false });
  });

  it("takes stages, rate, duration and the rest", () => {
    const o = parseBenchArgs(["--stages", "100, 500", "--rate", "50", "--duration", "5", "--probe", "3", "--concurrency", "8", "--port", "3850", "--no-profile", "--no-build", "--no-write", "--keep"]);
    expect(o).toMatchObject({ stages: [100, 500], rate: 50, durationS: 5, probeS: 3, concurrency: 8, port: 3850, profile: false, build: false, write: false, keep: true });
    expect(parseBenchArgs(["--quick", "--profile", "--rate=30"])).toMatchObject({ profile: true, rate: 30, stages: [50] });
  });

  it("refuses what it cannot run", () => {
    for (const argv of [
      ["--stages", "1000,300"],
      ["--stages", "300,x"],
      ["--stages", "2"],
      ["--rate", "0"],
      ["--rate", "1.5"],
      ["--duration", "-1"],
      ["--port", "3000"],
      ["--port", "3900"],
      ["--profile", "--no-profile"],
      ["--url", "http://localhost:3000"],
      ["extra"],
    ]) {
      expect(() => parseBenchArgs(argv), argv.join(" ")).toThrow(UsageError);
    }
  });
});
