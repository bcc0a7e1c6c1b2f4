// The one place that reads process.env. Parsed once, with defaults that let a
// facilitator run `npm start` on a laptop with no configuration at all.
import { DEFAULT_PUBLIC_SCREENS_HOURS } from "./domain/public-screens";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_JOINS_PER_SECOND } from "./domain/admission";
import { parseTrustProxy, type TrustProxy } from "./net/client-address";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .refine(
      (u) => u.startsWith("file:") || isPostgresUrl(u),
      "DATABASE_URL must be a SQLite file: URL (file:./data/stakhanov.db) or a postgresql:// URL.",
    )
    .optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters.").optional(),
  NEXTAUTH_URL: z.url().optional(),
  PUBLIC_URL: z.url().optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  TRUST_PROXY: z.string().optional(),
  STREAMS_PER_IDENTITY: z.coerce.number().int().min(1).max(100).default(3),
  STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(5_000),
  PUBLIC_SCREENS_HOURS: z.coerce.number().min(0).max(8_760).default(DEFAULT_PUBLIC_SCREENS_HOURS),
  JOINS_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_JOINS_PER_SECOND),
  STAKHANOV_HOT_PATH: z.enum(["on", "off", "mark"]).default("on"),
  RATING_WRITER: z.enum(["thread", "inline"]).default("thread"),
});

export interface Env {
  nodeEnv: "development" | "production" | "test";
  dataDir: string;
  databaseUrl: string;
  /** "postgres" when DATABASE_URL is a postgresql:// or postgres:// URL (docs/deployment.md). */
  databaseKind: "sqlite" | "postgres";
  /** Absolute path of the SQLite database file ("" with PostgreSQL). */
  databasePath: string;
  bcryptCost: number;
  nextAuthUrl?: string;
  /** Base URL printed in join links and QR codes; derived from the request when unset. */
  publicUrl?: string;
  /** Present only when set in the environment; see getAuthSecret() for the effective one. */
  nextAuthSecret?: string;
  /** Which X-Forwarded-For hops to believe (lib/net/client-address.ts); off by default. */
  trustProxy: TrustProxy;
  /** Open live streams allowed per participant token or facilitator, and per client address. */
  streamsPerIdentity: number;
  streamsPerAddress: number;
  /** Hours after the end during which reads by join code alone still see the session (lib/domain/public-screens.ts). */
  publicScreensHours: number;
  /** Joins (and rejoins) per second per session, sustained; twice as many at once (docs/decisions/0021). */
  joinsPerSecond: number;
  /**
   * The custom server's plain node:http handlers for the live stream and the rating write (scripts/server.mjs,
   * docs/decisions/0023): "on", "off" (Next's routes answer everything), or "mark" (on, and their answers carry
   * X-Stakhanov-Hot-Path: 1, for the e2e suite to see which path answered).
   */
  hotPath: "on" | "off" | "mark";
  /** Where SQLite's rating transactions run: a writer thread (default) or the main thread (lib/db/rating-writer.ts, decision 0023). */
  ratingWriter: "thread" | "inline";
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}`);
  }
  const e = parsed.data;
  let trustProxy: TrustProxy;
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY);
  } catch (error) {
    throw new Error(`Invalid environment configuration:\n  ${(error as Error).message}`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `file:${path.join(dataDir, "stakhanov.db")}`;
  cached = {
    nodeEnv: e.NODE_ENV,
    dataDir,
    databaseUrl,
    databaseKind: isPostgresUrl(databaseUrl) ? "postgres" : "sqlite",
    databasePath: isPostgresUrl(databaseUrl) ? "" : sqlitePathFromUrl(databaseUrl),
    bcryptCost: e.BCRYPT_COST,
    nextAuthUrl: e.NEXTAUTH_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    nextAuthSecret: e.NEXTAUTH_SECRET,
    trustProxy,
    streamsPerIdentity: e.STREAMS_PER_IDENTITY,
    streamsPerAddress: e.STREAMS_PER_ADDRESS,
    publicScreensHours: e.PUBLIC_SCREENS_HOURS,
    joinsPerSecond: e.JOINS_PER_SECOND,
    hotPath: e.STAKHANOV_HOT_PATH,
    ratingWriter: e.RATING_WRITER,
  };
  return cached;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** file:./data/x.db or file:/abs/x.db → absolute path (relative paths resolve from the working directory). */
export function sqlitePathFromUrl(url: string): string {
  const withoutScheme = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(withoutScheme);
}

/**
 * NEXTAUTH_SECRET when set; otherwise a random secret generated on first start
 * and kept in the data folder, so sign-ins survive restarts with zero setup.
 */
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.nextAuthSecret) return env.nextAuthSecret;
  const file = path.join(env.dataDir, "nextauth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  fs.mkdirSync(env.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    // "wx" fails if another process won the race; then read theirs.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim();
  }
}
