import { z } from "zod";
import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { ROUND_MAX_SECONDS, ROUND_MIN_SECONDS, SESSION_ACTIONS, sessionActionSchema } from "@/lib/domain/phases";
import { sealSession } from "@/lib/db/forget";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const bodySchema = z
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

/**
 * Facilitator: drive the session (rounds, timer, joining, leaderboard visibility). 409 when the phase does not allow it.
 * After `end`, the link between ratings and raters is cut (the debrief is computed first and kept).
 */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const action = await readJson(request, bodySchema);
  await hub.act(action);
  // Forgetting (lib/db/forget.ts): snapshot the debrief, then cut ratings from raters. To move into the live core's end command.
  if (action.type === "end") await sealSession(hub.record.id).catch((error: unknown) => console.error("Sealing the ended session failed; the debrief retries.", error));
  return json(hub.publicSession());
});
