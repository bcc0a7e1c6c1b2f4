import { loadHub } from "@/lib/api/context";
import { identifyParticipant } from "@/lib/auth/participant";
import { AppError } from "@/lib/errors";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** The calling participant's own score, rank, neighbours and per-dimension scores (≥ k raters only). */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const found = identifyParticipant(request, hub);
  if (!found) throw new AppError("unauthorized", "Join this session first: you are not a participant of it on this device.");
  return json(hub.mePayload(found.participant.id));
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
