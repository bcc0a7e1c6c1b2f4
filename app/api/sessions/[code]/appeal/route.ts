import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { appealBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Tribunal: the accused's one appeal, shown on the projector under their name. */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are sending very fast. Wait a few seconds and try again.");
  const { text } = await readJson(request, appealBody);
  await hub.appeal(me, text);
  return json({ ok: true }, 201);
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
