// The view contracts: what each screen's payload may contain, as zod output
// schemas. Every payload the live core hands out passes its schema
// (lib/live/views.ts) before it is serialized; zod objects strip unknown keys,
// so a field added by mistake never leaves the server. The client's types are
// inferred from these schemas (components/live/types.ts) and the anonymity
// audit (e2e/anonymity.spec.ts) takes its allowed key sets from here.
import { LOCALES } from "../i18n/locales";
import { z } from "zod";
import { AMENDMENT_KINDS, ROUND_KINDS, type AmendmentKind, type RoundKind } from "../domain/rounds/kinds";
import { CURVE_PRESETS, RULE_TAG_IDS } from "../domain/rules/explain";

const isoDate = z.string();
const roundKind = z.enum(ROUND_KINDS as [RoundKind, ...RoundKind[]]);
const amendmentKind = z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]]);
const participantStatus = z.enum(["active", "observer", "kicked", "banned"]);

// ── the leaderboard ──

const movementSchema = z.enum(["up", "down", "same", "new"]);
export type Movement = z.infer<typeof movementSchema>;

export const publicEntrySchema = z.object({
  rank: z.number().nullable(),
  participantId: z.string(),
  displayName: z.string(),
  score: z.number().nullable(),
  movement: movementSchema,
  /** Forced distribution: the person's band (0 = top). */
  band: z.object({ index: z.number(), name: z.string() }).nullable().optional(),
  /** Team scores: the person's brigade (1-based in what screens show). */
  team: z.number().optional(),
  /** Nosedive weighting: the tier the person's own ratings count with (frozen for the round). */
  tier: z.object({ index: z.number(), name: z.string(), weight: z.number(), privilege: z.string() }).optional(),
  /** Stakhanovite norm: the score as a percentage of the round's norm. */
  percentOfNorm: z.number().nullable().optional(),
  stakhanovite: z.boolean().optional(),
});
export type PublicEntry = z.infer<typeof publicEntrySchema>;

/** describeRules' labels as stable ids with their figures, in the same order: screens translate them (lib/domain/rules/explain.ts ruleTags). */
const ruleTagSchema = z.object({
  id: z.enum(RULE_TAG_IDS),
  preset: z.enum(CURVE_PRESETS).optional(),
  percents: z.array(z.number()).optional(),
  value: z.number().optional(),
});

const rulesSummarySchema = z.object({
  labels: z.array(z.string()),
  /** `labels` as ids (same order), for screens in every language. */
  tags: z.array(ruleTagSchema),
  distribution: z
    .object({ bands: z.array(z.object({ name: z.string(), percent: z.number(), size: z.number() })), tieRule: z.string() })
    .nullable(),
  nosedive: z.object({ tiers: z.array(z.object({ name: z.string(), min: z.number(), weight: z.number(), privilege: z.string() })) }).nullable(),
  norm: z.object({ value: z.number().nullable(), previous: z.number().nullable(), recordPercent: z.number(), ratchet: z.boolean() }).nullable(),
  quotaBallots: z.object({ share: z.number() }).nullable(),
  teams: z.object({ size: z.number() }).nullable(),
  k: z.number(),
});
export type RulesSummary = z.infer<typeof rulesSummarySchema>;

/** One schema for every board view (projector `full`, `phone` top 10, `facilitator`): they differ in entries only. */
export const boardPayloadSchema = z.object({
  version: z.number(),
  round: z.number(),
  hidden: z.boolean(),
  /** Hidden because the production conference abolished the leaderboard. */
  abolished: z.boolean(),
  total: z.number(),
  ranked: z.number(),
  truncated: z.boolean(),
  rules: rulesSummarySchema,
  entries: z.array(publicEntrySchema),
});
export type BoardPayload = z.infer<typeof boardPayloadSchema>;
export type BoardView = "full" | "phone" | "facilitator";

// ── the session, for every screen ──

export const publicSessionSchema = z.object({
  code: z.string(),
  title: z.string(),
  /** The room's language; a phone may show another (its reader's choice). */
  language: z.enum(LOCALES),
  phase: z.enum(["lobby", "round_open", "round_closed", "ended"]),
  round: z.object({
    number: z.number(),
    status: z.enum(["not_started", "open", "paused", "closed"]),
    endsAt: isoDate.nullable(),
    remainingMs: z.number().nullable(),
    title: z.string().nullable(),
    /** English labels of the rules in force (API clients); `ruleTags` are the same as ids, for screens in every language. */
    rules: z.array(z.string()),
    ruleTags: z.array(ruleTagSchema),
    kind: roundKind,
    /** English; screens show `kind` in their language. */
    kindLabel: z.string(),
    ratingsOpen: z.boolean(),
  }),
  joiningOpen: z.boolean(),
  leaderboardVisible: z.boolean(),
  paused: z.boolean(),
  dimensions: z.array(z.object({ key: z.string(), label: z.string() })),
  scale: z.object({ min: z.number(), max: z.number() }),
  k: z.number(),
  participantCount: z.number(),
  reflectionOpen: z.boolean(),
  /** How many people have answered the reflection: a room-level count (the projector's "Answer on your phone — 4 of 6"). */
  reflectionAnswers: z.number(),
  /** An anonymous reflection the facilitator puts on the projector (no author). */
  spotlight: z.string().nullable(),
  archived: z.boolean(),
  serverTime: isoDate,
});
export type PublicSession = z.infer<typeof publicSessionSchema>;

// ── a participant's own phone ──

const voteSchema = z.enum(["keep", "let_go"]);
const ballotSchema = z.enum(["for", "against"]);

const personalRoundSchema = z.object({
  rif: z.object({ atRisk: z.boolean(), statement: z.string().nullable(), votes: z.record(z.string(), voteSchema) }).optional(),
  tribunal: z
    .object({
      charges: z.array(z.object({ charge: z.string(), count: z.number() })),
      accusers: z.number(),
      appeal: z.string().nullable(),
      /** Whom this person charged (their own phone only). */
      denounced: z.array(z.string()),
    })
    .optional(),
  conference: z.object({ votes: z.record(z.string(), ballotSchema), proposalsLeft: z.number() }).optional(),
});

/**
 * The `me` stream: only figures derived from released data plus the person's own static facts.
 * The person's own activity (how many they rated, quota left) is not here: the phone counts it
 * from its own ratings, so an observer reading every phone's `me` cannot tell who just rated.
 */
export const mePayloadSchema = z.object({
  version: z.number(),
  participant: z.object({ id: z.string(), displayName: z.string() }),
  status: participantStatus,
  round: z.number(),
  score: z.number().nullable(),
  rank: z.number().nullable(),
  percentile: z.number().nullable(),
  ranked: z.number(),
  total: z.number(),
  leaderboardVisible: z.boolean(),
  window: z.object({ above: z.array(publicEntrySchema), self: publicEntrySchema, below: z.array(publicEntrySchema) }).nullable(),
  dimensions: z.array(z.object({ key: z.string(), label: z.string(), score: z.number().nullable() })),
  joinedDuringRound: z.boolean(),
  colleagues: z.number(),
  k: z.number(),
  band: z.object({ index: z.number(), name: z.string() }).nullable(),
  bandCount: z.number().nullable(),
  tier: z.object({ index: z.number(), name: z.string(), weight: z.number(), privilege: z.string() }).nullable(),
  norm: z.number().nullable(),
  percentOfNorm: z.number().nullable(),
  stakhanovite: z.boolean(),
  rules: z.array(z.string()),
  /** Quota ballots: how many top scores each rater may give per dimension (what is left, the phone counts itself). */
  quota: z.object({ limit: z.number() }).nullable(),
  team: z.number().nullable(),
  interactive: personalRoundSchema,
});
export type MePayload = z.infer<typeof mePayloadSchema>;

// ── the facilitator's control room ──

/** What the control room may say about a person: presence and a count, never a target. */
const controlParticipantSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  status: participantStatus,
  connected: z.boolean(),
  /** Held (null) while the round's ratings are open: a count rising as a score moves would point at a target. */
  ratedCount: z.number().nullable(),
  joinedDuringRound: z.number().nullable(),
  joinedAt: isoDate,
});

export const controlPayloadSchema = z.object({
  version: z.number(),
  participants: z.array(controlParticipantSchema),
  active: z.number(),
  connected: z.number(),
  screens: z.number(),
  ratingsPerMinute: z.number(),
  totalRatings: z.number(),
  release: z.object({ seconds: z.number(), batch: z.number() }),
  maxParticipants: z.number(),
});
export type ControlPayload = z.infer<typeof controlPayloadSchema>;

// ── interactive rounds (lib/live/interactive.ts builds them) ──

const caseViewSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  position: z.number(),
  rankAtSelection: z.number().nullable(),
  statementStatus: z.enum(["written", "none"]),
  statement: z.string().nullable(),
  hidden: z.boolean(),
  shown: z.boolean(),
  /** keep/letGo are null when fewer than three people voted on the case (only the outcome is published). */
  verdict: z.object({ keep: z.number().nullable(), letGo: z.number().nullable(), outcome: z.enum(["kept", "let_go"]) }).nullable(),
});

const feedItemSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  accusers: z.number(),
  /** `hidden` (control room only): the facilitator withheld this wording; public screens get WITHHELD_CHARGE. */
  charges: z.array(z.object({ charge: z.string(), count: z.number(), hidden: z.boolean().optional() })),
  penalty: z.number(),
  appeal: z.string().nullable(),
  /** Control room only. */
  appealHidden: z.boolean().optional(),
});

export const roundPayloadSchema = z.object({
  round: z.number(),
  kind: roundKind,
  rif: z
    .object({
      stage: z.enum(["statements", "hearing", "revealed"]),
      statementEndsAt: isoDate.nullable(),
      autoAdvanceSeconds: z.number().nullable(),
      showing: z.number().nullable(),
      cases: z.array(caseViewSchema),
      /** Control room only: ballots cast so far (all cases together, never per person). */
      ballots: z.number().optional(),
      /** How many people may vote (active and not at risk). */
      electorate: z.number(),
      /** How many of them have voted at all during the hearing (turnout only). */
      voted: z.number(),
    })
    .nullable(),
  tribunal: z
    .object({
      charges: z.array(z.string()),
      penalty: z.number(),
      cap: z.number(),
      reward: z.number(),
      open: z.boolean(),
      total: z.number(),
      feed: z.array(feedItemSchema),
    })
    .nullable(),
  conference: z
    .object({
      menu: z.array(amendmentKind),
      thresholdPercent: z.number().nullable(),
      needed: z.number(),
      active: z.number(),
      decided: z.boolean(),
      proposals: z.array(
        z.object({
          id: z.string(),
          kind: amendmentKind,
          /** English (describeAmendment); screens show menu proposals from `kind` and `value` in their language. */
          text: z.string(),
          /** raise-k: the proposed threshold. */
          value: z.number().nullable(),
          /** Ballots cast; the for/against split only once decided, and only with three or more voters. */
          ballots: z.number(),
          for: z.number().nullable(),
          against: z.number().nullable(),
          status: z.enum(["open", "passed", "failed"]),
          accepted: z.boolean().nullable(),
          /** Withheld by the facilitator: public screens get the placeholder text, no votes. */
          hidden: z.boolean(),
        }),
      ),
    })
    .nullable(),
  /** Rule changes in force, decided by the production conference. */
  amendments: z.array(z.object({ kind: amendmentKind, text: z.string(), value: z.number().nullable(), round: z.number() })),
});
export type RoundPayload = z.infer<typeof roundPayloadSchema>;

// ── the SSE `removed` event ──

export const removedPayloadSchema = z.object({ participantId: z.string(), status: z.enum(["kicked", "banned"]) });
export type RemovedPayload = z.infer<typeof removedPayloadSchema>;

/** The keys of an object schema (the anonymity audit's allowed key sets). */
function keysOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

/** What may sit next to another person's id on a participant-facing screen (board entries, RIF cases, tribunal feed). */
export const PUBLIC_PERSON_KEYS: readonly string[] = ["id", ...keysOf(publicEntrySchema)];
/** What the control room adds about a person. */
export const CONTROL_PERSON_KEYS: readonly string[] = [...PUBLIC_PERSON_KEYS, ...keysOf(controlParticipantSchema)];
/** Public facts about a person in an interactive round. */
export const ROUND_PERSON_KEYS: readonly string[] = [...PUBLIC_PERSON_KEYS, ...keysOf(caseViewSchema), ...keysOf(feedItemSchema).filter((k) => k !== "appealHidden")];
export const ROUND_CONTROL_KEYS: readonly string[] = [...CONTROL_PERSON_KEYS, ...ROUND_PERSON_KEYS, "appealHidden"];

/** The `roster` event: who is in the session, by id and display name (lib/live/roster-view.ts). */
const rosterPersonSchema = z.object({ id: z.string(), displayName: z.string() });
export const rosterPayloadSchema = z.object({
  /** The roster's revision on this server: a `roster-delta` starts from one. */
  rev: z.number(),
  count: z.number(),
  participants: z.array(rosterPersonSchema),
});

/** The `roster-delta` event: what changed since revision `from` (lib/live/roster-delta.ts). Ids and names only. */
export const rosterDeltaSchema = z.object({
  from: z.number(),
  rev: z.number(),
  count: z.number(),
  added: z.array(rosterPersonSchema),
  renamed: z.array(rosterPersonSchema),
  removed: z.array(z.string()),
});
