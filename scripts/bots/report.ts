// Counters the bots keep, the one-line live summary printed every 2 s, and
// small HTTP helpers (Retry-After, network errors) that need no network.

export interface BotStats {
  requested: number;
  joined: number;
  joinFailed: number;
  sseConnected: number;
  sseReconnects: number;
  sent: number;
  ok: number;
  /** Failed ratings by HTTP status, or "network" when no answer came. */
  errors: Map<string, number>;
  events: number;
  phase: string;
  round: number;
  paused: boolean;
  leaderboardVersion: number;
  /** Ratings per second over the last few seconds. */
  okRate: number;
}

export function newStats(requested: number): BotStats {
  return {
    requested,
    joined: 0,
    joinFailed: 0,
    sseConnected: 0,
    sseReconnects: 0,
    sent: 0,
    ok: 0,
    errors: new Map(),
    events: 0,
    phase: "?",
    round: 0,
    paused: false,
    leaderboardVersion: 0,
    okRate: 0,
  };
}

export function countError(stats: BotStats, key: string): void {
  stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
}

export function errorTotal(stats: BotStats): number {
  let total = 0;
  for (const n of stats.errors.values()) total += n;
  return total;
}

/** "403×2 429×1", statuses in order, "network" last. */
export function formatErrors(errors: Map<string, number>): string {
  if (errors.size === 0) return "none";
  return [...errors.entries()]
    .sort(([a], [b]) => (a === "network" ? 1 : b === "network" ? -1 : a.localeCompare(b)))
    .map(([k, n]) => `${k}×${n}`)
    .join(" ");
}

export function describePhase(phase: string, round: number, paused: boolean): string {
  switch (phase) {
    case "lobby":
      return "lobby";
    case "round_open":
      return `round ${round} ${paused ? "paused" : "open"}`;
    case "round_closed":
      return `round ${round} closed`;
    case "ended":
      return "ended";
    default:
      return phase;
  }
}

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** The live line: "[12s] bots 30/30 · SSE 30/30 · ratings 120 sent, 118 ok, 2 err (403×2) · 6.0/s · round 1 open · board v42". */
export function statusLine(stats: BotStats, elapsedMs: number): string {
  const errors = errorTotal(stats);
  return [
    `[${formatElapsed(elapsedMs)}] bots ${stats.joined}/${stats.requested}${stats.joinFailed ? ` (${stats.joinFailed} failed)` : ""}`,
    `SSE ${stats.sseConnected}/${stats.joined}${stats.sseReconnects ? ` (${stats.sseReconnects} reconnects)` : ""}`,
    `ratings ${stats.sent} sent, ${stats.ok} ok, ${errors} err${errors ? ` (${formatErrors(stats.errors)})` : ""}`,
    `${stats.okRate.toFixed(1)}/s`,
    describePhase(stats.phase, stats.round, stats.paused),
    `board v${stats.leaderboardVersion}`,
  ].join(" · ");
}

/** Retry-After in ms: delta-seconds or an HTTP date; `fallbackMs` when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number, fallbackMs = 1_000): number {
  if (!header) return fallbackMs;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}

/** A sentence for a fetch that got no answer (refused, unknown host, timeout…). */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (is the app running on that port?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "unknown host name";
    case "ECONNRESET":
      return "connection reset";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "timed out";
    default:
      if (error instanceof Error && error.name === "TimeoutError") return "timed out";
      return cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}
