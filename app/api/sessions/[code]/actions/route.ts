import { z } from "zod";
import { requireOwnedHub } from "@/lib/api/context";
import { SESSION_ACTIONS, sessionActionSchema } from "@/lib/domain/phases";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const bodySchema = z
  .object({
    action: z.enum(SESSION_ACTIONS as [string, ...string[]], { error: `action must be one of: ${SESSION_ACTIONS.join(", ")}.` }),
    durationSeconds: z.number({ error: "durationSeconds must be a number of seconds." }).optional(),
  })
  .transform(({ action, durationSeconds }) => sessionActionSchema.parse({ type: action, ...(durationSeconds !== undefined ? { durationSeconds } : {}) }));

/** Facilitator: drive the session (rounds, timer, joining, leaderboard visibility). 409 when the phase does not allow it. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  const action = await readJson(request, bodySchema);
  await hub.act(action);
  return json(hub.publicSession());
});
