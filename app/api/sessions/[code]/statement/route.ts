import { z } from "zod";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { STATEMENT_MAX_CHARS } from "@/lib/domain/rounds/rif";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const schema = z.object({
  text: z.string({ error: "text must be a string." }).max(STATEMENT_MAX_CHARS * 2, `A statement has at most ${STATEMENT_MAX_CHARS} characters.`),
});

/** Reduction in Force: someone at risk writes (or rewrites) the public statement shown under their name. */
export const PUT = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are sending very fast. Wait a few seconds and try again.");
  const { text } = await readJson(request, schema);
  await hub.submitStatement(me, text);
  return json({ ok: true, text: text.trim() });
});
