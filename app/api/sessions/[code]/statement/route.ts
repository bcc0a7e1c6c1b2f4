import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { statementBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Reduction in Force: someone at risk writes (or rewrites) the public statement shown under their name. */
export const PUT = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are sending very fast. Wait a few seconds and try again.");
  const { text } = await readJson(request, statementBody);
  await hub.submitStatement(me, text);
  return json({ ok: true, text: text.trim() });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
