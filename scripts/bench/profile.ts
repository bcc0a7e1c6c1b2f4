// Summaries of a V8 CPU profile (node --cpu-prof) over a time window: where
// the server's main thread spent its time, by category, by function (self
// time) and by app function including callees.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nameFromLine, shortSource, SourceMapLookup, startsArrow, type RawSourceMap } from "./sourcemap";

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  /** µs, on the machine's monotonic clock (the same clock as process.hrtime). */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export type Category = "idle" | "gc" | "v8/native" | "app" | "next/react" | "libraries" | "node";
export const CATEGORIES: Category[] = ["app", "next/react", "libraries", "node", "gc", "v8/native", "idle"];

export interface FrameInfo {
  label: string;
  category: Category;
}

export type FrameResolver = (frame: CallFrame) => FrameInfo;

export interface Ranked {
  label: string;
  ms: number;
  /** share of the window's sampled time, % */
  pct: number;
}

export interface ProfileSummary {
  windowMs: number;
  sampledMs: number;
  /** share of sampled time the main thread was not idle, % */
  busyPct: number;
  categories: Record<Category, number>;
  self: Ranked[];
  /** app functions, time including everything they called */
  inclusiveApp: Ranked[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A stretch of time on the monotonic clock, µs (process.hrtime / 1000). */
export interface Span {
  startUs: number;
  endUs: number;
}

/** Summarizes the samples taken inside any of the spans (the whole profile when null). */
export function summarizeProfile(profile: CpuProfile, spans: readonly Span[] | null, resolve: FrameResolver, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const infoCache = new Map<number, FrameInfo>();
  const info = (id: number): FrameInfo => {
    let i = infoCache.get(id);
    if (!i) {
      const node = byId.get(id);
      i = node ? resolve(node.callFrame) : { label: "(unknown)", category: "v8/native" };
      infoCache.set(id, i);
    }
    return i;
  };

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  let sampled = 0;
  let t = profile.startTime;
  const n = profile.samples.length;
  const deltas = profile.timeDeltas;
  for (let i = 0; i < n; i++) {
    t += deltas[i] ?? 0;
    if (spans && !spans.some((w) => t >= w.startUs && t <= w.endUs)) continue;
    // A sample stands for the time until the next one.
    const weight = Math.max(0, (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
    const id = profile.samples[i] ?? -1;
    const leaf = info(id);
    if (leaf.label === "(root)") continue;
    sampled += weight;
    categories[leaf.category] += weight;
    self.set(leaf.label, (self.get(leaf.label) ?? 0) + weight);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = info(cur);
      if (f.category !== "app" || seen.has(f.label)) continue;
      seen.add(f.label);
      inclusive.set(f.label, (inclusive.get(f.label) ?? 0) + weight);
    }
  }
  const pct = (ms: number) => (sampled > 0 ? round1((ms / sampled) * 100) : 0);
  const rank = (m: Map<string, number>): Ranked[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, ms]) => ({ label, ms: Math.round(ms), pct: pct(ms) }));
  const categoryPct = Object.fromEntries(CATEGORIES.map((c) => [c, pct(categories[c])])) as Record<Category, number>;
  const windowMs = spans ? spans.reduce((a, w) => a + (w.endUs - w.startUs), 0) / 1000 : (profile.endTime - profile.startTime) / 1000;
  return {
    windowMs: Math.round(windowMs),
    sampledMs: Math.round(sampled),
    busyPct: pct(sampled - categories.idle),
    categories: categoryPct,
    self: rank(new Map([...self.entries()].filter(([label]) => label !== "(idle)"))),
    inclusiveApp: rank(inclusive),
  };
}

/** Category and short name of a frame by its URL alone (no source map). */
export function classifyUrl(url: string, functionName: string): Category {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "gc";
  if (!url) return functionName === "(program)" || functionName === "(root)" ? "v8/native" : "node";
  if (url.startsWith("node:")) return "node";
  if (/node_modules\/(next|react|react-dom|scheduler)\//.test(url)) return "next/react";
  if (url.includes("node_modules/")) return "libraries";
  return "app";
}

/**
 * A resolver for profiles of this app's production server: chunks under
 * .next/server are mapped back to their sources with the build's .map files.
 */
export function makeFrameResolver(root: string): FrameResolver {
  const maps = new Map<string, SourceMapLookup | null>();
  const mapFor = (file: string): SourceMapLookup | null => {
    if (!maps.has(file)) {
      let lookup: SourceMapLookup | null = null;
      try {
        const raw = JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as RawSourceMap;
        if (typeof raw.mappings === "string" && Array.isArray(raw.sources)) lookup = new SourceMapLookup(raw);
      } catch {
        lookup = null;
      }
      maps.set(file, lookup);
    }
    return maps.get(file) ?? null;
  };
  return (frame) => {
    const name = frame.functionName || "(anonymous)";
    const url = frame.url;
    if (!url || url.startsWith("node:")) {
      const category = classifyUrl(url, frame.functionName);
      return { label: url ? `${name} (${url})` : name, category };
    }
    let file = url;
    if (url.startsWith("file://")) {
      try {
        file = fileURLToPath(url);
      } catch {
        file = url;
      }
    }
    const rel = path.relative(root, file);
    if (rel.startsWith(`.next${path.sep}`)) {
      const original = mapFor(file)?.lookup(frame.lineNumber, frame.columnNumber) ?? null;
      if (original) {
        const src = sourcePath(root, file, original.source);
        // V8 names anonymous functions ""; those stay "(anonymous)" with their place in the source
        // (a name guessed from the line or the map would be a neighbour's). Real names survive
        // minification for methods; 1–2 letter names are minified and are looked up.
        const mapName = original.name && original.text?.includes(original.name) ? original.name : null;
        const fn =
          frame.functionName === ""
            ? "(anonymous)"
            : frame.functionName.length > 2
              ? frame.functionName
              : startsArrow(original.text, original.column)
                ? (nameFromLine(original.text, 0) ?? "(anonymous)") // a named arrow: `const sendBoard = () => …`
                : (nameFromLine(original.text, original.column) ?? mapName ?? name);
        const inNodeModules = original.source.includes("node_modules/");
        const category: Category = inNodeModules ? (/^(next|react|react-dom|scheduler)\//.test(src) ? "next/react" : "libraries") : "app";
        return { label: `${fn} (${src}:${original.line})`, category };
      }
      return { label: `${name} (${rel}:${frame.lineNumber + 1})`, category: "app" };
    }
    const nm = rel.lastIndexOf("node_modules/");
    const short = nm >= 0 ? rel.slice(nm + "node_modules/".length) : rel;
    return { label: `${name} (${short}:${frame.lineNumber + 1})`, category: classifyUrl(url, frame.functionName) };
  };
}

/**
 * A source of a chunk's map, for people: Turbopack writes them relative to the
 * chunk ("../../../app/api/sessions/%5Bcode%5D/events/route.ts") or as
 * "turbopack:///[project]/…"; both become "app/api/sessions/[code]/events/route.ts",
 * and a package's file "next/dist/…".
 */
export function sourcePath(root: string, chunkFile: string, source: string): string {
  let decoded = source;
  try {
    decoded = decodeURIComponent(source);
  } catch {
    // keep it as it is
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded)) return shortSource(decoded);
  const abs = path.resolve(path.dirname(chunkFile), decoded);
  return shortSource(path.relative(root, abs).split(path.sep).join("/"));
}

/** Every .cpuprofile in a folder (one per server process), oldest first. */
export function readProfiles(dir: string): CpuProfile[] {
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as CpuProfile)
    .sort((a, b) => a.startTime - b.startTime);
}

/** The profile that was recording during all of these spans, if any. */
export function profileCovering(profiles: readonly CpuProfile[], spans: readonly Span[]): CpuProfile | null {
  return profiles.find((p) => spans.every((w) => p.startTime <= w.startUs && p.endTime >= w.endUs)) ?? null;
}
