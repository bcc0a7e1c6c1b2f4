import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { needsBuild } from "./server";

describe("needsBuild (same rule as npm start)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function project(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-build-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "lib", "node_modules"), { recursive: true });
    fs.writeFileSync(path.join(dir, "lib", "a.ts"), "");
    return dir;
  }
  const touch = (file: string, secondsAgo: number) => {
    const t = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(file, t, t);
  };

  it("builds when there is no build", () => {
    expect(needsBuild(project(), ["lib"])).toBe(true);
  });

  it("does not build when the build is newer than every source", () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, ".next"));
    fs.writeFileSync(path.join(dir, ".next", "BUILD_ID"), "x");
    for (const p of ["lib/a.ts", "lib/node_modules", "lib"]) touch(path.join(dir, p), 60);
    touch(path.join(dir, ".next", "BUILD_ID"), 10);
    expect(needsBuild(dir, ["lib", "missing.ts"])).toBe(false);
  });

  it("builds when a source changed after the build, ignoring node_modules", () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, ".next"));
    fs.writeFileSync(path.join(dir, ".next", "BUILD_ID"), "x");
    fs.writeFileSync(path.join(dir, "lib", "node_modules", "dep.js"), "");
    for (const p of ["lib/a.ts", "lib", ".next/BUILD_ID"]) touch(path.join(dir, p), 30);
    touch(path.join(dir, ".next", "BUILD_ID"), 20);
    touch(path.join(dir, "lib", "node_modules", "dep.js"), 0); // newer, but skipped
    touch(path.join(dir, "lib", "node_modules"), 60);
    expect(needsBuild(dir, ["lib"])).toBe(false);
    touch(path.join(dir, "lib", "a.ts"), 0);
    expect(needsBuild(dir, ["lib"])).toBe(true);
  });
});
