import { z } from "zod";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; proposalId: string }> };

const schema = z.object({ vote: z.enum(["for", "against"], { error: "vote must be for or against." }) });

/** Production conference: an anonymous vote on a proposal (changeable until the conference closes). */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { code, proposalId } = await params;
  const hub = await loadHub(code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are voting very fast. Wait a few seconds and try again.");
  const { vote } = await readJson(request, schema);
  await hub.voteProposal(me, proposalId, vote);
  return json({ ok: true, proposalId, vote });
});
