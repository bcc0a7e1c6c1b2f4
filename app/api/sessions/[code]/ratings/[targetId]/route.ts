import { addressOf, enforceLimit, loadHub } from "@/lib/api/context";
import { IdempotencyStore, idempotencyKey } from "@/lib/api/idempotency";
import { requireParticipant } from "@/lib/auth/participant";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { ratingBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

const repeats = new IdempotencyStore<{ ok: true; targetId: string; scores: Record<string, number>; version: number }>();

type Ctx = { params: Promise<{ code: string; targetId: string }> };

/** Rate a colleague on some or all dimensions; the latest score per dimension counts. */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { code, targetId } = await params;
  const hub = await loadHub(code);
  const rater = requireParticipant(request, hub, { mutating: true });
  enforceLimit("ratePerParticipant", rater.id, "You are rating very fast. Wait a few seconds and try again.");
  enforceLimit("ratePerAddress", addressOf(request), "Too many ratings from this network. Wait a few seconds and try again.");
  const { scores } = await readJson(request, ratingBody);
  // A phone that lost its connection sends a tap again with the same key: it is applied once.
  const body = await repeats.run(`${code}:${rater.id}`, idempotencyKey(request), async () => {
    const { version } = await (await hub.rate(rater, targetId, scores)).stored;
    return { ok: true, targetId, scores, version };
  });
  return json(body);
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
