// A round's rule set and the session's agenda: which of the essay's management
// systems are switched on for each round. Scores are always derived from the
// stored ratings and the round's rule set, so changing a rule never rewrites
// a rating and the debrief can replay any round under other rules.
import { z } from "zod";
import { DISTRIBUTION_PRESETS, validateBands, type Band } from "./forced-distribution";
import { DEFAULT_NORM, type NormConfig } from "./norm";
import { DEFAULT_TIERS, validateTiers, type Tier } from "./nosedive";
import {
  conferenceConfigSchema,
  DEFAULT_CONFERENCE,
  DEFAULT_RIF,
  DEFAULT_TRIBUNAL,
  rifConfigSchema,
  ROUND_KINDS,
  tribunalConfigSchema,
  type ConferenceConfig,
  type RifConfig,
  type RoundKind,
  type TribunalConfig,
} from "../rounds/kinds";

export interface RuleSet {
  distribution: { preset: "vitality" | "civil-service" | "custom"; bands: Band[] } | null;
  nosedive: { tiers: Tier[] } | null;
  norm: NormConfig | null;
  quotaBallots: { share: number } | null;
  // Set only by the production conference's amendments (lib/domain/rounds/conference.ts):
  /** No leaderboard on the projector or the phones (the facilitator still sees it). */
  leaderboardAbolished?: boolean;
  /** Everyone's score is their brigade's mean. */
  teams?: { size: number } | null;
  /** A higher anonymity threshold than the session's k. */
  minRaters?: number | null;
  /** No ratings this round. */
  ratingsPaused?: boolean;
}

export const PLAIN_RULES: RuleSet = { distribution: null, nosedive: null, norm: null, quotaBallots: null };

export interface AgendaItem {
  title: string;
  /** Shown to the facilitator only: what to say when opening the round. */
  prompt: string;
  durationSeconds: number | null;
  rules: RuleSet;
  /** The round's type (default: a 360° rating round) and that type's settings. */
  kind?: RoundKind;
  rif?: RifConfig;
  tribunal?: TribunalConfig;
  conference?: ConferenceConfig;
}

const bandSchema = z.object({ name: z.string().trim().min(1).max(30), percent: z.number().int() });
const tierSchema = z.object({
  min: z.number().min(0).max(5),
  weight: z.number(),
  name: z.string().trim().min(1).max(24),
  privilege: z.string().trim().max(120),
});

export const ruleSetSchema = z.object({
  distribution: z
    .object({ preset: z.enum(["vitality", "civil-service", "custom"]), bands: z.array(bandSchema) })
    .superRefine((d, ctx) => {
      const problem = validateBands(d.bands);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["bands"] });
    })
    .nullable(),
  nosedive: z
    .object({ tiers: z.array(tierSchema) })
    .superRefine((n, ctx) => {
      const problem = validateTiers(n.tiers);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["tiers"] });
    })
    .nullable(),
  norm: z
    .object({
      mode: z.enum(["previous-median", "fixed"]),
      fixedValue: z.number().min(1).max(5).optional(),
      recordPercent: z.number().int().min(101, "The record threshold must be above 100% of the norm.").max(1000),
      ratchet: z.boolean(),
    })
    .refine((n) => n.mode !== "fixed" || n.fixedValue !== undefined, "A fixed norm needs a value from 1 to 5.")
    .nullable(),
  quotaBallots: z.object({ share: z.number().min(0.05, "The top-score share must be at least 5%.").max(0.9, "The top-score share must be at most 90%.") }).nullable(),
  leaderboardAbolished: z.boolean().optional(),
  teams: z.object({ size: z.number().int().min(2).max(20) }).nullable().optional(),
  minRaters: z.number().int().min(2).max(50).nullable().optional(),
  ratingsPaused: z.boolean().optional(),
});

export const agendaItemSchema = z.object({
  title: z.string().trim().min(1, "Every round needs a title.").max(60, "Round titles must be at most 60 characters."),
  prompt: z.string().trim().max(600, "Prompts must be at most 600 characters."),
  durationSeconds: z.number().int().min(10).max(3600).nullable(),
  rules: ruleSetSchema,
  kind: z.enum(ROUND_KINDS as [RoundKind, ...RoundKind[]]).optional(),
  rif: rifConfigSchema.optional(),
  tribunal: tribunalConfigSchema.optional(),
  conference: conferenceConfigSchema.optional(),
});

export const agendaSchema = z.array(agendaItemSchema).max(20, "An agenda has at most 20 rounds.");

export function parseAgenda(json: string | null | undefined): AgendaItem[] {
  if (!json) return [];
  const parsed = agendaSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function parseRuleSet(json: string | null | undefined): RuleSet {
  if (!json || json === "{}") return PLAIN_RULES;
  const parsed = ruleSetSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : PLAIN_RULES;
}

/** The agenda item for a round number (1-based); past the end of the agenda, rounds are plain 360°. */
export function agendaItemFor(agenda: AgendaItem[], round: number): AgendaItem | null {
  return agenda[round - 1] ?? null;
}

/** Short labels for badges on every screen. */
export function describeRules(rules: RuleSet): string[] {
  const out: string[] = [];
  if (rules.distribution) {
    const preset = DISTRIBUTION_PRESETS.find((p) => p.id === rules.distribution!.preset);
    out.push(preset ? preset.label : `Forced distribution ${rules.distribution.bands.map((b) => b.percent).join("/")}`);
  }
  if (rules.nosedive) out.push("Nosedive weighting");
  if (rules.norm) out.push(rules.norm.ratchet ? "Stakhanovite norm (ratchet)" : "Stakhanovite norm");
  if (rules.quotaBallots) out.push(`Quota ballots (${Math.round(rules.quotaBallots.share * 100)}% top scores)`);
  if (rules.teams) out.push("Team scores (brigades)");
  if (rules.minRaters) out.push(`Anonymity threshold ${rules.minRaters}`);
  if (rules.leaderboardAbolished) out.push("Leaderboard abolished");
  if (rules.ratingsPaused) out.push("Ratings paused");
  if (out.length === 0) out.push("Plain 360°");
  return out;
}

const vitality = { preset: "vitality" as const, bands: DISTRIBUTION_PRESETS[0]!.bands };

/** "The Nosedive arc": from a friendly first round to forced distribution in about 45 minutes. */
export const NOSEDIVE_ARC: AgendaItem[] = [
  {
    title: "First impressions",
    prompt:
      "Rate everyone on the seven qualities. You met most of them twenty minutes ago; nobody will ever know what you gave. While you rate, notice what you base “potential” on.",
    durationSeconds: 240,
    rules: PLAIN_RULES,
  },
  {
    title: "Everyone can see",
    prompt:
      "Same rules, new round. The ranking is on the screen now and on every phone. Watch your own thumb: do you rate differently once you know where you stand?",
    durationSeconds: 240,
    rules: PLAIN_RULES,
  },
  {
    title: "Nosedive",
    prompt:
      "From now on the stars of highly rated people weigh more: Prime members count double, the Elite four times. Low-rated people count half. Whose approval do you need?",
    durationSeconds: 300,
    rules: { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS } },
  },
  {
    title: "The norm",
    prompt:
      "Every result is now a percentage of the norm: last round's median. Beat it by a quarter and you are a Stakhanovite. In 1935 one miner cut 102 tonnes against a norm of 7; the norm for everyone else rose soon after.",
    durationSeconds: 300,
    rules: { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS }, norm: DEFAULT_NORM },
  },
  {
    title: "Vitality curve",
    prompt:
      "Top 20%, vital 70%, bottom 10%, whatever the absolute scores. And your own ballot must follow the curve: five stars for at most a fifth of your colleagues. “Differentiation”, Jack Welch called it.",
    durationSeconds: 300,
    rules: { ...PLAIN_RULES, distribution: vitality, quotaBallots: { share: 0.2 } },
  },
  {
    title: "Rank and yank",
    prompt:
      "Everything at once. The norm has risen to the mean of last round's top 20%: yesterday's record is today's quota. Look at who is in the bottom band, and at the scores they have there.",
    durationSeconds: 300,
    rules: {
      distribution: vitality,
      nosedive: { tiers: DEFAULT_TIERS },
      norm: { ...DEFAULT_NORM, ratchet: true },
      quotaBallots: { share: 0.2 },
    },
  },
];

/** "The whole essay": the rating arc with the three interactive scenes, about an hour. */
export const WHOLE_ESSAY: AgendaItem[] = [
  NOSEDIVE_ARC[0]!,
  { ...NOSEDIVE_ARC[4]!, title: "Vitality curve" },
  {
    title: "The tribunal",
    prompt:
      "Keep rating, and now you may also denounce: pick a colleague and a charge in the language of 1936. Each accuser costs the accused a quarter of a star. Nobody will see who accused whom; the accused may answer once.",
    durationSeconds: 300,
    rules: { ...PLAIN_RULES, distribution: vitality },
    kind: "tribunal",
    tribunal: DEFAULT_TRIBUNAL,
  },
  {
    title: "Reduction in Force",
    prompt:
      "The bottom fifth of the ranking is at risk. They have ninety seconds to write why they should stay; their words go on the screen under their names. Then everyone else votes: keep, or let go. Those let go stay in the room as observers.",
    durationSeconds: null,
    rules: PLAIN_RULES,
    kind: "rif",
    rif: DEFAULT_RIF,
  },
  {
    title: "Production conference",
    prompt:
      "The rules are yours now. Propose changes for the next round and vote: abolish the leaderboard, score brigades instead of people, raise the anonymity threshold, drop the curve. A majority of everyone still here decides.",
    durationSeconds: null,
    rules: PLAIN_RULES,
    kind: "conference",
    conference: DEFAULT_CONFERENCE,
  },
  {
    title: "Under your own rules",
    prompt:
      "This round runs on the agenda's harshest rules as the conference changed them. Compare what you see with the rounds before: what did the group choose when it governed itself?",
    durationSeconds: 300,
    rules: NOSEDIVE_ARC[5]!.rules,
  },
];

export const AGENDA_PRESETS = [
  { id: "nosedive-arc", label: "The Nosedive arc (about 45 minutes)", agenda: NOSEDIVE_ARC },
  { id: "whole-essay", label: "The whole essay: tribunal, Reduction in Force, production conference (about an hour)", agenda: WHOLE_ESSAY },
] as const;

/** The stable text key of each preset round, in order: its title and prompt per language (messages/<locale>/facilitator.json, presetRounds). */
export const PRESET_ROUND_KEYS = {
  "nosedive-arc": ["first-impressions", "everyone-can-see", "nosedive", "the-norm", "vitality-curve", "rank-and-yank"],
  "whole-essay": ["first-impressions", "vitality-curve", "tribunal", "rif", "conference", "own-rules"],
} as const satisfies Record<(typeof AGENDA_PRESETS)[number]["id"], readonly string[]>;

export type AgendaPresetId = keyof typeof PRESET_ROUND_KEYS;

/** A preset's agenda with each round's title and prompt from `text` (the session's language). */
export function presetAgenda(
  id: AgendaPresetId,
  text: (key: (typeof PRESET_ROUND_KEYS)[AgendaPresetId][number]) => { title: string; prompt: string },
): AgendaItem[] {
  const preset = AGENDA_PRESETS.find((p) => p.id === id)!;
  return preset.agenda.map((item, i) => ({ ...item, ...text(PRESET_ROUND_KEYS[id][i]!) }));
}
