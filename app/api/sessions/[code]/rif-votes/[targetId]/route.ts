import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { rifVoteBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; targetId: string }> };

/** Reduction in Force: an anonymous keep/let-go vote on someone at risk (changeable until the reveal). */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { code, targetId } = await params;
  const hub = await loadHub(code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are voting very fast. Wait a few seconds and try again.");
  const { vote } = await readJson(request, rifVoteBody);
  await hub.voteRif(me, targetId, vote);
  return json({ ok: true, targetId, vote });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
