// The one place a round's live context is derived from its stored setup: the
// hub's load, a facilitator's action and a PostgreSQL re-read all go through
// `deriveRound` (before the split, each derived it on its own).
import { findRound, type RoundSetup } from "../db/sessions";
import { PLAIN_RULES, type RuleSet } from "../domain/rules/ruleset";
import type { RoundSettings } from "../domain/rounds/kinds";

export interface RoundContext {
  /** The round these figures belong to (0: none opened yet). */
  number: number;
  title: string | null;
  rules: RuleSet;
  /** The Stakhanovite norm of this round and of the one before (rules summary). */
  norm: number | null;
  previousNorm: number | null;
  settings: RoundSettings;
  /** The round whose ratings are on the board: this one, or for rounds without ratings the last one with. */
  boardRound: number;
}

/** What a round's row stores of its setup (lib/db/sessions.ts findRound). */
type StoredSetup = Required<Pick<RoundSetup, "rules" | "norm" | "settings">> & { title: string | null };

export const NO_ROUND: RoundContext = { number: 0, title: null, rules: PLAIN_RULES, norm: null, previousNorm: null, settings: { kind: "rating" }, boardRound: 0 };

/** The live context of round `number` from its stored (or just decided) setup. */
export function deriveRound(number: number, setup: StoredSetup | null, previousNorm: number | null): RoundContext {
  if (number === 0) return NO_ROUND;
  const settings: RoundSettings = setup?.settings ?? { kind: "rating" };
  return {
    number,
    title: setup?.title ?? null,
    rules: setup?.rules ?? PLAIN_RULES,
    norm: setup?.norm ?? null,
    previousNorm,
    settings,
    boardRound: settings.boardRound ?? number,
  };
}

/** Reads round `number` (and its predecessor's norm) from the database; `stage` is the interactive round's JSON. */
export async function loadRoundContext(sessionId: string, number: number): Promise<{ context: RoundContext; stage: string }> {
  if (number === 0) return { context: NO_ROUND, stage: "{}" };
  const setup = await findRound(sessionId, number);
  const previousNorm = number > 1 ? ((await findRound(sessionId, number - 1))?.norm ?? null) : null;
  return { context: deriveRound(number, setup, previousNorm), stage: setup?.stage ?? "{}" };
}
