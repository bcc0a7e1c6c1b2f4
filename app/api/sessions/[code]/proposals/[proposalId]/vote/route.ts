import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { proposalVoteBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; proposalId: string }> };

/** Production conference: an anonymous vote on a proposal (changeable until the conference closes). */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { code, proposalId } = await params;
  const hub = await loadHub(code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are voting very fast. Wait a few seconds and try again.");
  const { vote } = await readJson(request, proposalVoteBody);
  await hub.voteProposal(me, proposalId, vote);
  return json({ ok: true, proposalId, vote });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
