import { z } from "zod";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { PROPOSAL_TEXT_MAX_CHARS } from "@/lib/domain/rounds/conference";
import { AMENDMENT_KINDS, type AmendmentKind } from "@/lib/domain/rounds/kinds";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const schema = z.object({
  kind: z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]], { error: `kind must be one of: ${AMENDMENT_KINDS.join(", ")}.` }),
  text: z.string().max(PROPOSAL_TEXT_MAX_CHARS * 2, `A proposal has at most ${PROPOSAL_TEXT_MAX_CHARS} characters.`).optional(),
});

/** Production conference: propose a change to the next rounds' rules (the proposer's vote counts for it). */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are sending very fast. Wait a few seconds and try again.");
  const { kind, text } = await readJson(request, schema);
  const { proposalId } = await hub.propose(me, kind, text);
  return json({ ok: true, proposalId }, 201);
});
