// Command-line options of `npm run bots`.
import { parseArgs } from "node:util";
import { normalizeJoinCode } from "../../lib/domain/join-code";
import { DEFAULT_MIX, PERSONAS, parsePersonaMix, type DimensionMode, type PersonaShare } from "./personas";

export const MAX_BOTS = 2000;
export const MAX_RATE = 100;

export interface BotOptions {
  /** Base URL without a trailing slash, e.g. http://localhost:3000 */
  url: string;
  /** Normalized join code, e.g. K7QX4M */
  session: string;
  count: number;
  mix: PersonaShare[];
  /** Ratings per second per bot. */
  rate: number;
  /** Seconds to run; null = until Ctrl-C. */
  durationSeconds: number | null;
  dimensions: DimensionMode;
}

export type ParsedArgs = { help: true } | { help: false; options: BotOptions };

export class UsageError extends Error {
  override name = "UsageError";
}

export const USAGE = `Usage: npm run bots -- --url <app url> --session <code> --count <n> [options]

Joins <n> bots to a live session, keeps one live (SSE) connection per bot and
has them rate colleagues while a round is open. Ctrl-C stops them cleanly.

  --url <url>          the app, e.g. http://localhost:3000
  --session <code>     the 6-character join code
  --count <n>          how many bots join (1–${MAX_BOTS})
  --persona <mix>      one of ${PERSONAS.join(", ")}, or a mix in percent
                       (default ${DEFAULT_MIX})
                         lenient  mostly 4–5        harsh   mostly 1–2
                         random   anything 1–5      clique  5 to its clique of ~4, 1 to the rest
                         revenge  friendly, but marks down colleagues whose rank or score rose
  --rate <r>           ratings per second per bot (default 0.2)
  --duration <s>       stop after <s> seconds (default: run until Ctrl-C)
  --dimensions <mode>  all | one | some (default some: 1–3 random dimensions per rating)
  -h, --help           this text`;

function positiveNumber(name: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\s*\d*\.?\d+\s*$/.test(text) || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number (got "${text}").`);
  if (n > max) throw new UsageError(`--${name} must be at most ${max} (got ${text}).`);
  return n;
}

/** Parses argv (without node and the script); throws UsageError with a sentence for the user. */
export function parseBotArgs(argv: string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        session: { type: "string" },
        count: { type: "string" },
        persona: { type: "string" },
        rate: { type: "string" },
        duration: { type: "string" },
        dimensions: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };

  if (!values.url) throw new UsageError("--url is required (the app's address, e.g. http://localhost:3000).");
  let url: URL;
  try {
    url = new URL(values.url.includes("://") ? values.url : `http://${values.url}`);
  } catch {
    throw new UsageError(`--url "${values.url}" is not a URL (try http://localhost:3000).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must be an http:// or https:// address (got "${values.url}").`);

  if (!values.session) throw new UsageError("--session is required (the 6-character join code shown on the projector).");
  const session = normalizeJoinCode(values.session);
  if (!session) {
    throw new UsageError(`--session "${values.session}" is not a join code: codes have 6 characters from 2–9 and A–Z without O and I.`);
  }

  if (!values.count) throw new UsageError("--count is required (how many bots join).");
  const count = positiveNumber("count", values.count, MAX_BOTS);
  if (!Number.isInteger(count)) throw new UsageError(`--count must be a whole number (got "${values.count}").`);

  let mix: PersonaShare[];
  try {
    mix = parsePersonaMix(values.persona ?? DEFAULT_MIX);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const rate = values.rate === undefined ? 0.2 : positiveNumber("rate", values.rate, MAX_RATE);
  const durationSeconds = values.duration === undefined ? null : positiveNumber("duration", values.duration, 7 * 24 * 3600);

  const mode = (values.dimensions ?? "some").toLowerCase();
  const dimensions: DimensionMode | null = mode === "all" || mode === "one" ? mode : mode === "some" || mode === "random" ? "some" : null;
  if (!dimensions) throw new UsageError(`--dimensions must be all, one or some (got "${values.dimensions}").`);

  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return { help: false, options: { url: base, session, count, mix, rate, durationSeconds, dimensions } };
}
