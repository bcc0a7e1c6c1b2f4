// Memory and CPU of the server's process group, from Linux's /proc.
import fs from "node:fs";

/** VmRSS in KB from the text of /proc/<pid>/status; null when absent (kernel threads, zombies). */
export function parseVmRssKb(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s*kB/m.exec(status);
  return m ? Number(m[1]) : null;
}

export interface ProcStat {
  pid: number;
  ppid: number;
  pgid: number;
  /** user + system CPU time in clock ticks */
  ticks: number;
}

/**
 * The fields we need from /proc/<pid>/stat. The command name (field 2) is in
 * parentheses and may itself contain spaces and parentheses, so fields are
 * counted from the last ")".
 */
export function parseStat(stat: string): ProcStat | null {
  const open = stat.indexOf("(");
  const close = stat.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(stat.slice(0, open).trim());
  // After ")": state(3) ppid(4) pgrp(5) session(6) tty(7) tpgid(8) flags(9) minflt(10) cminflt(11) majflt(12) cmajflt(13) utime(14) stime(15)
  const f = stat.slice(close + 1).trim().split(/\s+/);
  const ppid = Number(f[1]);
  const pgid = Number(f[2]);
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  if (![pid, ppid, pgid, utime, stime].every(Number.isFinite)) return null;
  return { pid, ppid, pgid, ticks: utime + stime };
}

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null; // gone meanwhile
  }
}

/** Live processes whose process group is `pgid`. */
export function groupStats(pgid: number): ProcStat[] {
  const out: ProcStat[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const text = read(`/proc/${e}/stat`);
    const st = text ? parseStat(text) : null;
    if (st && st.pgid === pgid) out.push(st);
  }
  return out;
}

/** Sum of VmRSS (KB) over the process group; null when no process of it is readable. */
export function groupRssKb(pgid: number): number | null {
  let sum = 0;
  let any = false;
  for (const p of groupStats(pgid)) {
    const status = read(`/proc/${p.pid}/status`);
    const kb = status ? parseVmRssKb(status) : null;
    if (kb !== null) {
      sum += kb;
      any = true;
    }
  }
  return any ? sum : null;
}

/** CPU time of the group so far, in ms (clock ticks at the usual 100 Hz). */
export function groupCpuMs(pgid: number, ticksPerSecond = 100): number {
  return groupStats(pgid).reduce((a, p) => a + (p.ticks * 1000) / ticksPerSecond, 0);
}

/** The soft and hard limits on open files of this process, from /proc/self/limits. */
export function openFileLimits(limits: string | null = read("/proc/self/limits")): { soft: number; hard: number } | null {
  if (!limits) return null;
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  if (!m) return null;
  const num = (s: string | undefined) => (s === "unlimited" ? Infinity : Number(s));
  const soft = num(m[1]);
  const hard = num(m[2]);
  return Number.isFinite(soft) || soft === Infinity ? { soft, hard } : null;
}

/** CPU time of every process, by pid (clock ticks). */
function allTicks(): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const text = read(`/proc/${e}/stat`);
    const st = text ? parseStat(text) : null;
    if (st) out.set(st.pid, st.ticks);
  }
  return out;
}

/**
 * Processes that used more than `minPct`% of a core during the next `sampleMs`
 * (other engineers' builds and tests), busiest first, as "52% next-build (…)".
 */
export async function busyProcesses(sampleMs = 1_000, minPct = 10, ticksPerSecond = 100, exclude: number[] = [process.pid]): Promise<string[]> {
  const before = allTicks();
  await new Promise((r) => setTimeout(r, sampleMs));
  const after = allTicks();
  const busy: { pid: number; pct: number }[] = [];
  for (const [pid, ticks] of after) {
    if (exclude.includes(pid)) continue;
    const pct = (((ticks - (before.get(pid) ?? ticks)) * 1000) / ticksPerSecond / sampleMs) * 100;
    if (pct >= minPct) busy.push({ pid, pct });
  }
  return busy
    .sort((a, b) => b.pct - a.pct)
    .map(({ pid, pct }) => {
      const cmd = (read(`/proc/${pid}/cmdline`) ?? "").replace(/\0/g, " ").trim();
      return cmd ? `${Math.round(pct)}% ${cmd.length > 90 ? `${cmd.slice(0, 87)}…` : cmd}` : null; // gone meanwhile
    })
    .filter((s): s is string => s !== null)
    .slice(0, 8);
}

/**
 * TcpExt ListenOverflows from the text of /proc/net/netstat: connection
 * attempts the kernel dropped because a listening socket's accept queue was
 * full (system-wide, since boot). Each costs the client 1–7 s of SYN retries.
 */
export function parseListenOverflows(netstat: string): number | null {
  const lines = netstat.split("\n");
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i]!;
    const values = lines[i + 1]!;
    if (!head.startsWith("TcpExt:") || !values.startsWith("TcpExt:")) continue;
    const names = head.trim().split(/\s+/);
    const nums = values.trim().split(/\s+/);
    const k = names.indexOf("ListenOverflows");
    if (k > 0 && nums[k] !== undefined) return Number(nums[k]);
  }
  return null;
}

export function listenOverflows(): number | null {
  const text = read("/proc/net/netstat");
  return text ? parseListenOverflows(text) : null;
}
