import { addressOf, enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { json, readJson, route } from "@/lib/http";
import { ratingBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; targetId: string }> };

/** Rate a colleague on some or all dimensions; the latest score per dimension counts. */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { code, targetId } = await params;
  const hub = await loadHub(code);
  const rater = requireParticipant(request, hub, { mutating: true });
  enforceLimit("ratePerParticipant", rater.id, "You are rating very fast. Wait a few seconds and try again.");
  enforceLimit("ratePerAddress", addressOf(request), "Too many ratings from this network. Wait a few seconds and try again.");
  const { scores } = await readJson(request, ratingBody);
  const answer = hub.rate(rater, targetId, scores);
  const { version } = (await answer.stored) ?? answer;
  return json({ ok: true, targetId, scores, version });
});
