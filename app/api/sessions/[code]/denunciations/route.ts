import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { denunciationBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Tribunal: an anonymous denunciation. The answer names nobody; the feed never shows the accuser. */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("denouncePerParticipant", me.id, "Denouncing this fast looks like wrecking. Wait a moment and try again.");
  const { accusedId, charge } = await readJson(request, denunciationBody);
  await hub.denounce(me, accusedId, charge);
  return json({ ok: true, accusedId }, 201);
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
