import { loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** The scores the calling participant gave this round, by colleague: only their own. */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub);
  return json({ round: hub.state().round, given: hub.givenBy(me.id) });
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
