import { z } from "zod";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { APPEAL_MAX_CHARS } from "@/lib/domain/rounds/tribunal";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const schema = z.object({ text: z.string({ error: "text must be a string." }).max(APPEAL_MAX_CHARS * 2, `An appeal has at most ${APPEAL_MAX_CHARS} characters.`) });

/** Tribunal: the accused's one appeal, shown on the projector under their name. */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  enforceLimit("interactPerParticipant", me.id, "You are sending very fast. Wait a few seconds and try again.");
  const { text } = await readJson(request, schema);
  await hub.appeal(me, text);
  return json({ ok: true }, 201);
});
