import { loadPublicHub } from "@/lib/api/context";
import { currentFacilitator } from "@/lib/auth/facilitator";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** The current round's ranking. Hidden from everyone but the session's facilitator while the facilitator hides it. */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadPublicHub(request, (await params).code);
  const facilitator = await currentFacilitator();
  const isOwner = facilitator?.id === hub.record.facilitatorId;
  return json(hub.boardPayload(isOwner ? "facilitator" : "full"));
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
