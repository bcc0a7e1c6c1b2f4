import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { groupRssKb, openFileLimits, parseListenOverflows, parseStat, parseVmRssKb } from "./procfs";

describe("parseVmRssKb", () => {
  it("reads VmRSS from /proc/<pid>/status", () => {
    const status = "Name:\tnext-server (v1\nVmPeak:\t 1234567 kB\nVmRSS:\t  169992 kB\nRssAnon:\t 100 kB\n";
    expect(parseVmRssKb(status)).toBe(169_992);
  });

  it("is null for a process without memory (kernel thread, zombie)", () => {
    expect(parseVmRssKb("Name:\tkthreadd\nState:\tS (sleeping)\n")).toBeNull();
  });
});

describe("parseStat", () => {
  it("reads pid, parent, process group and CPU ticks", () => {
    // fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = "22386 (next-server (v16.4.6)) S 1 22386 22386 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 11 0";
    expect(parseStat(stat)).toEqual({ pid: 22386, ppid: 1, pgid: 22386, ticks: 1750 });
  });

  it("survives spaces and parentheses in the command name", () => {
    const stat = "7 (a) b) (c) R 2 3 3 0 -1 0 0 0 0 0 4 5 0 0";
    expect(parseStat(stat)).toEqual({ pid: 7, ppid: 2, pgid: 3, ticks: 9 });
  });

  it("is null for garbage", () => {
    expect(parseStat("nonsense")).toBeNull();
  });
});

describe("openFileLimits", () => {
  it("reads soft and hard limits", () => {
    const limits = "Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n";
    expect(openFileLimits(limits)).toEqual({ soft: 1024, hard: 524_288 });
    expect(openFileLimits("Max open files            unlimited            unlimited            files\n")).toEqual({ soft: Infinity, hard: Infinity });
    expect(openFileLimits(null)).toBeNull();
  });
});

describe.runIf(process.platform === "linux")("on this machine", () => {
  it("sums the RSS of this process's group", () => {
    const pgid = Number(parseStat(fs.readFileSync("/proc/self/stat", "utf8"))?.pgid);
    expect(groupRssKb(pgid)).toBeGreaterThan(1_000);
  });
});

describe("parseListenOverflows", () => {
  it("reads TcpExt ListenOverflows from /proc/net/netstat", () => {
    const netstat = [
      "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops",
      "TcpExt: 0 0 715746 715746",
      "IpExt: InNoRoutes InTruncatedPkts",
      "IpExt: 0 0",
    ].join("\n");
    expect(parseListenOverflows(netstat)).toBe(715_746);
    expect(parseListenOverflows("IpExt: A\nIpExt: 1\n")).toBeNull();
  });
});
