// The request-body schemas of every route under app/api, in one place: the
// route handlers validate with them (readJson), and lib/api/openapi.ts turns
// the same objects into the OpenAPI document. Route files may only export
// HTTP methods and route config, so the schemas live here.
import { z } from "zod";
import { signUpSchema } from "../domain/accounts";
import { displayNameSchema } from "../domain/names";
import { ROUND_MAX_SECONDS, ROUND_MIN_SECONDS, SESSION_ACTIONS, sessionActionSchema } from "../domain/phases";
import { reflectionSchema } from "../domain/reflection";
import { CHARGE_MAX_CHARS } from "../domain/rounds/tribunal";
import { PROPOSAL_TEXT_MAX_CHARS } from "../domain/rounds/conference";
import { AMENDMENT_KINDS, type AmendmentKind } from "../domain/rounds/kinds";
import { STATEMENT_MAX_CHARS } from "../domain/rounds/rif";
import { APPEAL_MAX_CHARS } from "../domain/rounds/tribunal";
import { AGENDA_PRESETS, agendaSchema } from "../domain/rules/ruleset";
import { createSessionSchema } from "../domain/session-config";

/** POST /api/facilitators */
export const signUpBody = signUpSchema;

/** POST /api/sessions */
export const createSessionBody = createSessionSchema.extend({
  agenda: agendaSchema.optional(),
  preset: z.enum(AGENDA_PRESETS.map((p) => p.id) as [string, ...string[]], { error: "Unknown agenda preset." }).optional(),
});

/** PUT /api/sessions/{code}/agenda */
export const agendaBody = z.object({ upcoming: agendaSchema });

/** POST /api/sessions/{code}/actions (the action is turned into the domain's SessionAction). */
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
    z.object({ action: z.literal("conference.decide"), proposalId: id, accepted: z.boolean().nullable() }),
    z.object({ action: z.literal("amendments.lift"), index: z.number().int().min(0) }),
  ],
  {
    error:
      "action must be one of: rif.start-hearing, rif.next, rif.previous, rif.show, rif.hide, rif.reveal, tribunal.hide-appeal, conference.decide, amendments.lift.",
  },
);

/** POST /api/sessions/{code}/archive */
export const archiveBody = z.object({ archived: z.boolean() });

/** POST /api/sessions/{code}/participants (join) */
export const joinBody = z.object({ displayName: displayNameSchema });

/** PATCH /api/sessions/{code}/participants/{id} (rename) */
export const renameBody = z.object({ displayName: displayNameSchema });

/** POST /api/sessions/{code}/rejoin */
export const rejoinBody = z.object({ rejoinCode: z.string().max(32) });

/** PUT /api/sessions/{code}/ratings/{targetId} */
export const ratingBody = z.object({
  scores: z.record(z.string().max(64), z.number({ error: "Scores must be numbers." })),
});

/** PUT /api/sessions/{code}/self-rating */
export const selfRatingBody = z.object({ scores: z.record(z.string().max(64), z.number()) });

/** POST /api/sessions/{code}/denunciations */
export const denunciationBody = z.object({
  accusedId: z.string({ error: "accusedId must be a participant id." }).min(1).max(64),
  charge: z.string({ error: "charge must be text." }).max(CHARGE_MAX_CHARS * 2, `A charge has at most ${CHARGE_MAX_CHARS} characters.`),
});

/** POST /api/sessions/{code}/appeal */
export const appealBody = z.object({
  text: z.string({ error: "text must be a string." }).max(APPEAL_MAX_CHARS * 2, `An appeal has at most ${APPEAL_MAX_CHARS} characters.`),
});

/** PUT /api/sessions/{code}/statement */
export const statementBody = z.object({
  text: z.string({ error: "text must be a string." }).max(STATEMENT_MAX_CHARS * 2, `A statement has at most ${STATEMENT_MAX_CHARS} characters.`),
});

/** PUT /api/sessions/{code}/rif-votes/{targetId} */
export const rifVoteBody = z.object({ vote: z.enum(["keep", "let_go"], { error: "vote must be keep or let_go." }) });

/** POST /api/sessions/{code}/proposals */
export const proposalBody = z.object({
  kind: z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]], { error: `kind must be one of: ${AMENDMENT_KINDS.join(", ")}.` }),
  text: z.string().max(PROPOSAL_TEXT_MAX_CHARS * 2, `A proposal has at most ${PROPOSAL_TEXT_MAX_CHARS} characters.`).optional(),
});

/** PUT /api/sessions/{code}/proposals/{proposalId}/vote */
export const proposalVoteBody = z.object({ vote: z.enum(["for", "against"], { error: "vote must be for or against." }) });

/** POST /api/sessions/{code}/reflection */
export const reflectionOpenBody = z.object({ open: z.boolean({ error: 'Send { "open": true } or { "open": false }.' }) });

/** PUT /api/sessions/{code}/reflection/mine */
export const reflectionBody = reflectionSchema;

/** POST /api/sessions/{code}/reflection/spotlight */
export const spotlightBody = z.object({ reflectionId: z.string().max(64).nullable() });

/** POST /api/tokens */
export const createTokenBody = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. “rehearsal bots”.").max(60, "Token names must be at most 60 characters."),
});

/** Every error response: { error: { code, message, field? } } (lib/errors.ts). */
export const errorResponse = z.object({
  error: z.object({
    code: z.enum([
      "bad_request",
      "validation_failed",
      "unauthorized",
      "forbidden",
      "not_found",
      "conflict",
      "rate_limited",
      "payload_too_large",
      "unsupported_media_type",
      "unavailable",
      "internal",
    ]),
    message: z.string(),
    field: z.string().optional(),
  }),
});
