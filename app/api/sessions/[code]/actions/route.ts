import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { json, readJson, route } from "@/lib/http";
import { sessionActionBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: drive the session (rounds, timer, joining, leaderboard visibility). 409 when the phase does not allow it. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const action = await readJson(request, sessionActionBody);
  await hub.act(action);
  return json(hub.publicSession());
});
