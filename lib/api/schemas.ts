// The request-body schemas of the API routes, in one module so that the
// routes, the property-based fuzz (e2e/fuzz.spec.ts) and documentation can
// import the very same objects (route files may only export handlers).
import { z } from "zod";
import { ERROR_CODES } from "../error-codes";
import { publicText } from "../domain/free-text";
import { displayNameSchema } from "../domain/names";
import { ROUND_MAX_SECONDS, ROUND_MIN_SECONDS, SESSION_ACTIONS, sessionActionSchema } from "../domain/phases";
import { APPEAL_MAX_CHARS, CHARGE_MAX_CHARS } from "../domain/rounds/tribunal";
import { PROPOSAL_TEXT_MAX_CHARS } from "../domain/rounds/conference";
import { AMENDMENT_KINDS, type AmendmentKind } from "../domain/rounds/kinds";
import { STATEMENT_MAX_CHARS } from "../domain/rounds/rif";
import { AGENDA_PRESETS, agendaSchema } from "../domain/rules/ruleset";
import { createSessionSchema } from "../domain/session-config";

export { signUpSchema } from "../domain/accounts";
export { reflectionSchema } from "../domain/reflection";

/** POST /api/sessions */
export const createSessionBody = createSessionSchema.extend({
  agenda: agendaSchema.optional(),
  preset: z.enum(AGENDA_PRESETS.map((p) => p.id) as [string, ...string[]], { error: "Unknown agenda preset." }).optional(),
});

/** The longest an expiring API token may live. */
export const TOKEN_MAX_DAYS = 365;

/** POST /api/tokens */
export const createTokenBody = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. “rehearsal bots”.").max(60, "Token names must be at most 60 characters."),
  /** Optional: the token stops working this many days after it is made (omitted or null: until revoked). */
  expiresInDays: z
    .number({ error: `expiresInDays must be a whole number of days from 1 to ${TOKEN_MAX_DAYS}, or null.` })
    .int(`expiresInDays must be a whole number of days from 1 to ${TOKEN_MAX_DAYS}, or null.`)
    .min(1, `expiresInDays must be a whole number of days from 1 to ${TOKEN_MAX_DAYS}, or null.`)
    .max(TOKEN_MAX_DAYS, `expiresInDays must be a whole number of days from 1 to ${TOKEN_MAX_DAYS}, or null.`)
    .nullable()
    .optional(),
});


/** POST /api/sessions/{code}/participants */
export const joinBody = z.object({ displayName: displayNameSchema });

/** PATCH /api/sessions/{code}/participants/{id} */
export const renameBody = z.object({ displayName: displayNameSchema });

/** POST /api/sessions/{code}/rejoin */
export const rejoinBody = z.object({ rejoinCode: z.string().max(32) });

/** POST /api/sessions/{code}/actions */
export const sessionActionBody = z
  .object({
    action: z.enum(SESSION_ACTIONS as [string, ...string[]], { error: `action must be one of: ${SESSION_ACTIONS.join(", ")}.` }),
    durationSeconds: z
      .number({ error: "durationSeconds must be a number of seconds." })
      .int("durationSeconds must be a whole number of seconds.")
      .min(0)
      .max(ROUND_MAX_SECONDS, `A round timer must be at most ${ROUND_MAX_SECONDS / 60} minutes.`)
      .refine((s) => s === 0 || s >= ROUND_MIN_SECONDS, `A round timer must be at least ${ROUND_MIN_SECONDS} seconds (0 for no timer).`)
      .optional(),
  })
  .transform(({ action, durationSeconds }) => sessionActionSchema.parse({ type: action, ...(durationSeconds !== undefined ? { durationSeconds } : {}) }));

/** PUT /api/sessions/{code}/agenda */
export const agendaBody = z.object({ upcoming: agendaSchema });

/** POST /api/sessions/{code}/archive */
export const archiveBody = z.object({ archived: z.boolean() });

/** PUT /api/sessions/{code}/ratings/{targetId} */
export const ratingBody = z.object({
  scores: z.record(z.string().max(64), z.number({ error: "Scores must be numbers." })),
});

export type RatingBody = z.infer<typeof ratingBody>;

/** PUT /api/sessions/{code}/self-rating */
export const selfRatingBody = z.object({ scores: z.record(z.string().max(64), z.number()) });

/** POST /api/sessions/{code}/reflection */
export const reflectionOpenBody = z.object({ open: z.boolean({ error: "Send { \"open\": true } or { \"open\": false }." }) });

/** POST /api/sessions/{code}/reflection/spotlight */
/** POST /api/sessions/{code}/reflection/spotlight: the opaque handle the debrief gives a text (reflection ids are time-ordered). */
export const spotlightBody = z.object({
  handle: z.string({ error: "handle must be a reflection's handle from the debrief, or null." }).max(64).nullable(),
});

/** PUT /api/sessions/{code}/statement */
export const statementBody = z.object({
  text: z.string({ error: "text must be a string." }).max(STATEMENT_MAX_CHARS * 2, `A statement has at most ${STATEMENT_MAX_CHARS} characters.`).pipe(publicText),
});

/** PUT /api/sessions/{code}/rif-votes/{targetId} */
export const rifVoteBody = z.object({ vote: z.enum(["keep", "let_go"], { error: "vote must be keep or let_go." }) });

/** POST /api/sessions/{code}/denunciations */
export const denunciationBody = z.object({
  accusedId: z.string({ error: "accusedId must be a participant id." }).min(1).max(64),
  charge: z.string({ error: "charge must be text." }).max(CHARGE_MAX_CHARS * 2, `A charge has at most ${CHARGE_MAX_CHARS} characters.`).pipe(publicText),
});

/** POST /api/sessions/{code}/appeal */
export const appealBody = z.object({
  text: z.string({ error: "text must be a string." }).max(APPEAL_MAX_CHARS * 2, `An appeal has at most ${APPEAL_MAX_CHARS} characters.`).pipe(publicText),
});

/** POST /api/sessions/{code}/proposals */
export const proposalBody = z.object({
  kind: z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]], { error: `kind must be one of: ${AMENDMENT_KINDS.join(", ")}.` }),
  text: z.string().max(PROPOSAL_TEXT_MAX_CHARS * 2, `A proposal has at most ${PROPOSAL_TEXT_MAX_CHARS} characters.`).pipe(publicText).optional(),
});

/** PUT /api/sessions/{code}/proposals/{proposalId}/vote */
export const proposalVoteBody = z.object({ vote: z.enum(["for", "against"], { error: "vote must be for or against." }) });

const id = z.string().min(1).max(64);
/** POST /api/sessions/{code}/round-control */
export const roundControlBody = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("rif.start-hearing") }),
    z.object({ action: z.literal("rif.next") }),
    z.object({ action: z.literal("rif.previous") }),
    z.object({ action: z.literal("rif.show"), index: z.number().int().min(0) }),
    z.object({ action: z.literal("rif.hide"), participantId: id, hidden: z.boolean() }),
    z.object({ action: z.literal("rif.reveal") }),
    z.object({ action: z.literal("tribunal.hide-appeal"), participantId: id, hidden: z.boolean() }),
    z.object({ action: z.literal("tribunal.hide-charge"), participantId: id, charge: z.string().min(1).max(CHARGE_MAX_CHARS), hidden: z.boolean() }),
    z.object({ action: z.literal("conference.hide"), proposalId: id, hidden: z.boolean() }),
    z.object({ action: z.literal("conference.decide"), proposalId: id, accepted: z.boolean().nullable() }),
    z.object({ action: z.literal("amendments.lift"), index: z.number().int().min(0) }),
  ],
  {
    error:
      "action must be one of: rif.start-hearing, rif.next, rif.previous, rif.show, rif.hide, rif.reveal, tribunal.hide-appeal, tribunal.hide-charge, conference.hide, conference.decide, amendments.lift.",
  },
);

/** PATCH /api/sessions/{code}: the release clock (docs/decisions/0011). */
export { sessionSettingsSchema as sessionSettingsBody } from "../domain/session-config";

/** POST /api/facilitators (the same object as signUpSchema, under the registry's name). */
export { signUpSchema as signUpBody } from "../domain/accounts";
/** PUT /api/sessions/{code}/reflection/mine */
export { reflectionSchema as reflectionBody } from "../domain/reflection";

/** Every error answer: one shape (lib/errors.ts). */
export const errorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
  }),
});
