import { loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** The scores the calling participant gave this round, by colleague: only their own. */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub);
  return json({ round: hub.state().round, given: hub.givenBy(me.id) });
});
