import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { sealSession } from "@/lib/db/forget";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { sessionActionBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/**
 * Facilitator: drive the session (rounds, timer, joining, leaderboard visibility). 409 when the phase does not allow it.
 * After `end`, the link between ratings and raters is cut (the debrief is computed first and kept).
 */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const action = await readJson(request, sessionActionBody);
  await hub.act(action);
  // Forgetting (lib/db/forget.ts): snapshot the debrief, then cut ratings from raters; the debrief retries if this fails.
  if (action.type === "end") await sealSession(hub.record.id).catch((error: unknown) => console.error("Sealing the ended session failed; the debrief retries.", error));
  return json(hub.publicSession());
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
