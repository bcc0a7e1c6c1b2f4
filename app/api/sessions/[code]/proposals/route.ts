import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { proposalBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Production conference: propose a change to the next rounds' rules (the proposer's vote counts for it). */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are sending very fast. Wait a few seconds and try again.");
  const { kind, text } = await readJson(request, proposalBody);
  const { proposalId } = await hub.propose(me, kind, text);
  return json({ ok: true, proposalId }, 201);
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
