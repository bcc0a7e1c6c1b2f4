import { loadHub, assertWritable } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { getDb } from "@/lib/db/client";
import { saveReflection } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { reflectionBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Participant: my own reflection answers, if any. */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub);
  const row = await getDb().reflection.findUnique({ where: { participantId: me.id }, select: { answers: true, text: true } });
  return json({ open: hub.record.reflectionOpen, reflection: row ? { answers: JSON.parse(row.answers) as Record<string, number>, text: row.text } : null });
});

/** Participant: answer (or change) the reflection while the facilitator has it open. */
export const PUT = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  assertWritable(hub);
  if (!hub.record.reflectionOpen) throw new AppError("forbidden", "The reflection is not open. The facilitator opens it at the end.");
  const { answers, text } = await readJson(request, reflectionBody);
  await saveReflection(hub.record.id, me.id, answers, text);
  await hub.reflectionSaved();
  return json({ ok: true });
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
