import { z } from "zod";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { CHARGE_MAX_CHARS } from "@/lib/domain/rounds/tribunal";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const schema = z.object({
  accusedId: z.string({ error: "accusedId must be a participant id." }).min(1).max(64),
  charge: z.string({ error: "charge must be text." }).max(CHARGE_MAX_CHARS * 2, `A charge has at most ${CHARGE_MAX_CHARS} characters.`),
});

/** Tribunal: an anonymous denunciation. The answer names nobody; the feed never shows the accuser. */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("denouncePerParticipant", me.id, "Denouncing this fast looks like wrecking. Wait a moment and try again.");
  const { accusedId, charge } = await readJson(request, schema);
  await hub.denounce(me, accusedId, charge);
  return json({ ok: true, accusedId }, 201);
});
