// Just enough of Source Map v3 to turn a position in the minified server build
// (.next/server/chunks/*.js) back into a source file, line and name, for the
// CPU profile summary. No dependency; index maps ("sections") are not needed
// for Turbopack's server chunks.

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment's Base64 VLQ values ("AAgBC" → [0, 0, 16, 1]). */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`Invalid Base64 VLQ character "${c}".`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** One mapping: generated column → source index, source line and column (all 0-based), name index. */
export interface Segment {
  col: number;
  source: number;
  line: number;
  column: number;
  name: number;
}

/** The `mappings` string decoded into segments per generated line (absolute values, sorted by column). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  for (const text of mappings.split(";")) {
    const segments: Segment[] = [];
    let col = 0;
    if (text) {
      for (const part of text.split(",")) {
        if (!part) continue;
        const v = decodeVlq(part);
        col += v[0] ?? 0;
        if (v.length >= 4) {
          source += v[1] ?? 0;
          line += v[2] ?? 0;
          column += v[3] ?? 0;
          if (v.length >= 5) name += v[4] ?? 0;
          segments.push({ col, source, line, column, name: v.length >= 5 ? name : -1 });
        }
      }
    }
    segments.sort((a, b) => a.col - b.col);
    lines.push(segments);
  }
  return lines;
}

export interface RawSourceMap {
  version: number;
  sources: string[];
  sourcesContent?: (string | null)[];
  names?: string[];
  mappings: string;
}

export interface Original {
  /** Source path as written in the map (e.g. "turbopack:///[project]/lib/live/hub.ts"). */
  source: string;
  /** 1-based line, for people. */
  line: number;
  column: number;
  name: string | null;
  /** The original source line, when the map carries sources. */
  text: string | null;
}

export class SourceMapLookup {
  private lines: Segment[][] | null = null;

  constructor(private readonly map: RawSourceMap) {}

  /** The original position of a generated (0-based) line and column: the last mapping at or before it. */
  lookup(line: number, column: number): Original | null {
    this.lines ??= decodeMappings(this.map.mappings);
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return null;
    let lo = 0;
    let hi = segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((segments[mid]?.col ?? Infinity) <= column) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const seg = segments[found];
    if (!seg) return null;
    const source = this.map.sources[seg.source];
    if (source === undefined) return null;
    const content = this.map.sourcesContent?.[seg.source] ?? null;
    const text = content === null ? null : (content.split(/\r?\n/)[seg.line] ?? null);
    return { source, line: seg.line + 1, column: seg.column, name: seg.name >= 0 ? (this.map.names?.[seg.name] ?? null) : null, text };
  }
}

/** "turbopack:///[project]/lib/live/hub.ts" → "lib/live/hub.ts"; a package's file → "zod/v4/core/parse.js". */
export function shortSource(source: string): string {
  const nm = source.lastIndexOf("node_modules/");
  if (nm >= 0) return source.slice(nm + "node_modules/".length);
  const project = source.indexOf("[project]/");
  if (project >= 0) return source.slice(project + "[project]/".length);
  return source.replace(/^[a-z]+:\/\/\/?/i, "");
}

const KEYWORDS = new Set(["if", "for", "while", "switch", "catch", "return", "async", "await", "function", "new", "typeof", "void", "export", "const", "let", "var"]);

/** True when the original code at this point starts an arrow function (`(a) =>`, `async x =>`, `(): T =>`). */
export function startsArrow(text: string | null, column = 0): boolean {
  if (!text) return false;
  return /^\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?=>/.test(text.slice(Math.max(0, column)));
}

/** A function's name guessed from the original line it starts on (methods, functions, arrow consts). */
export function nameFromLine(text: string | null, column = 0): string | null {
  if (!text) return null;
  const rest = text.slice(Math.max(0, column));
  const patterns = [
    /^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
    /^\s*(?:static\s+|private\s+|public\s+|protected\s+|readonly\s+|async\s+|get\s+|set\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\(/,
    /^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/,
  ];
  for (const source of [rest, text]) {
    for (const p of patterns) {
      const m = p.exec(source);
      if (m?.[1] && !KEYWORDS.has(m[1])) return m[1];
    }
  }
  return null;
}
