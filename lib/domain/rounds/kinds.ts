// Round types of the agenda. A "rating" round is the plain 360° round of the
// live workshop; the other three stage scenes from the essay: a Reduction in
// Force (statements and keep/let-go votes), a tribunal (anonymous
// denunciations lower scores) and a production conference (the group votes on
// the next round's rules). Each round freezes its type and settings when it
// opens, like its rule set.
import { z } from "zod";

export type RoundKind = "rating" | "rif" | "tribunal" | "conference";
export const ROUND_KINDS: readonly RoundKind[] = ["rating", "rif", "tribunal", "conference"];

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  rating: "360° rating",
  rif: "Reduction in Force",
  tribunal: "Tribunal",
  conference: "Production conference",
};

export interface RifConfig {
  /** Bottom N people, or bottom X% (rounded up, at least one), by the ranking when the round opens; ties at the cut are all in. */
  selection: { mode: "count" | "percent"; value: number };
  /** How long the people at risk have to write their statement. */
  statementSeconds: number;
  /** Advance the projector to the next statement every N seconds; null = the facilitator advances. */
  autoAdvanceSeconds: number | null;
}

export const DEFAULT_CHARGES = [
  "Blocked Stakhanovite methods",
  "Failed to meet the plan",
  "Lack of enthusiasm",
  "Wrecking",
  "Spreading defeatist moods",
  "Hoarding knowledge from the collective",
] as const;

/** Stable ids of the default charges, in DEFAULT_CHARGES' order: screens show a default charge in their language by id. */
export const DEFAULT_CHARGE_IDS = ["blocked-methods", "failed-plan", "no-enthusiasm", "wrecking", "defeatism", "hoarding"] as const;
export type DefaultChargeId = (typeof DEFAULT_CHARGE_IDS)[number];

/**
 * The id of a charge when it is one of the defaults, word for word (the stored and submitted text stays
 * English, so API clients and the debrief keep working); null for a charge somebody wrote.
 */
export function defaultChargeId(charge: string): DefaultChargeId | null {
  const index = (DEFAULT_CHARGES as readonly string[]).indexOf(charge);
  return index < 0 ? null : DEFAULT_CHARGE_IDS[index]!;
}

export interface TribunalConfig {
  /** Stars taken off the accused's score per distinct accuser. */
  penalty: number;
  /** The most a person can lose (and, with rewards on, gain) in one tribunal. */
  cap: number;
  /** Stars added to an accuser's score per denunciation, applied when the round closes; 0 = off. */
  reward: number;
  charges: string[];
}

export type AmendmentKind =
  | "abolish-leaderboard"
  | "team-scores"
  | "raise-k"
  | "cap-distribution"
  | "drop-distribution"
  | "stop-nosedive"
  | "pause-ratings"
  | "free-text";

export const AMENDMENT_KINDS: readonly AmendmentKind[] = [
  "abolish-leaderboard",
  "team-scores",
  "raise-k",
  "cap-distribution",
  "drop-distribution",
  "stop-nosedive",
  "pause-ratings",
  "free-text",
];

export interface ConferenceConfig {
  /** Proposals participants may make. */
  menu: AmendmentKind[];
  /** null = a majority of active participants (more than half); otherwise this percentage of them, rounded up. */
  thresholdPercent: number | null;
}

export interface RoundSettings {
  kind: RoundKind;
  /** Rounds without ratings show the ranking of this earlier round (set when the round opens). */
  boardRound?: number;
  /** Nosedive: every participant's tier, frozen when the round opened (lib/domain/rules/nosedive.ts freezeTiers). */
  tiers?: Record<string, number>;
  rif?: RifConfig;
  tribunal?: TribunalConfig;
  conference?: ConferenceConfig;
}

export const DEFAULT_RIF: RifConfig = { selection: { mode: "percent", value: 20 }, statementSeconds: 90, autoAdvanceSeconds: null };
export const DEFAULT_TRIBUNAL: TribunalConfig = { penalty: 0.25, cap: 1, reward: 0, charges: [...DEFAULT_CHARGES] };
export const DEFAULT_CONFERENCE: ConferenceConfig = { menu: [...AMENDMENT_KINDS], thresholdPercent: null };

export const rifConfigSchema = z.object({
  selection: z
    .object({ mode: z.enum(["count", "percent"]), value: z.number().int() })
    .superRefine((s, ctx) => {
      if (s.mode === "count" && (s.value < 1 || s.value > 50)) ctx.addIssue({ code: "custom", message: "Put between 1 and 50 people at risk.", path: ["value"] });
      if (s.mode === "percent" && (s.value < 1 || s.value > 50)) ctx.addIssue({ code: "custom", message: "Put between 1% and 50% at risk.", path: ["value"] });
    }),
  statementSeconds: z.number().int().min(20, "Give at least 20 seconds to write a statement.").max(600, "Statements take at most 10 minutes."),
  autoAdvanceSeconds: z.number().int().min(5, "Auto-advance needs at least 5 seconds per statement.").max(300).nullable(),
});

export const tribunalConfigSchema = z.object({
  penalty: z.number().min(0.05, "The penalty must be at least 0.05 stars.").max(2, "The penalty must be at most 2 stars."),
  cap: z.number().min(0.05).max(4, "The cap must be at most 4 stars."),
  reward: z.number().min(0).max(1, "The reward must be at most 1 star."),
  charges: z.array(z.string().trim().min(1).max(80, "Charges must be at most 80 characters.")).min(1, "List at least one charge.").max(12),
});

export const conferenceConfigSchema = z.object({
  menu: z.array(z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]])).min(1, "Allow at least one kind of proposal."),
  thresholdPercent: z.number().int().min(1).max(100).nullable(),
});

export const roundSettingsSchema = z.object({
  kind: z.enum(ROUND_KINDS as [RoundKind, ...RoundKind[]]),
  rif: rifConfigSchema.optional(),
  tribunal: tribunalConfigSchema.optional(),
  conference: conferenceConfigSchema.optional(),
  boardRound: z.number().int().min(0).optional(),
  tiers: z.record(z.string(), z.number().int().min(0).max(5)).optional(),
});

/** The settings a round runs with: its type and that type's configuration, defaults filled in. */
export function resolveSettings(settings: Partial<RoundSettings> | null | undefined): RoundSettings {
  const kind = settings?.kind ?? "rating";
  if (kind === "rif") return { kind, rif: settings?.rif ?? DEFAULT_RIF };
  if (kind === "tribunal") return { kind, tribunal: settings?.tribunal ?? DEFAULT_TRIBUNAL };
  if (kind === "conference") return { kind, conference: settings?.conference ?? DEFAULT_CONFERENCE };
  return { kind: "rating" };
}

export function parseSettings(json: string | null | undefined): RoundSettings {
  if (!json || json === "{}") return { kind: "rating" };
  const parsed = roundSettingsSchema.safeParse(JSON.parse(json));
  if (!parsed.success) return { kind: "rating" };
  const settings = resolveSettings(parsed.data);
  return {
    ...settings,
    ...(parsed.data.boardRound === undefined ? {} : { boardRound: parsed.data.boardRound }),
    ...(parsed.data.tiers === undefined ? {} : { tiers: parsed.data.tiers }),
  };
}

/** Whether participants rate colleagues in a round of this type (RIF and conference rounds have no ratings). */
export function hasRatings(kind: RoundKind): boolean {
  return kind === "rating" || kind === "tribunal";
}
