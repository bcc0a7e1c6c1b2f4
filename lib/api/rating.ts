// PUT /api/sessions/{code}/ratings/{targetId}, once for both servers: the route
// handler and the custom server's hot path (lib/server/hot.ts) only differ in how
// they read the body and write the answer.
import { addressOf, enforceLimit, loadHub } from "./context";
import { IdempotencyStore, idempotencyKey } from "./idempotency";
import type { RatingBody } from "./schemas";
import { requireParticipant } from "../auth/participant";

export type RatingAnswer = { ok: true; targetId: string; scores: Record<string, number>; version: number };

// On globalThis: a repeat must find the first answer whichever server path took the first request.
const g = globalThis as unknown as { __stakhanovRatingRepeats?: IdempotencyStore<RatingAnswer> };
const repeats = (g.__stakhanovRatingRepeats ??= new IdempotencyStore<RatingAnswer>());

/**
 * Rate a colleague on some or all dimensions; the latest score per dimension counts. `readBody`
 * reads the JSON body and validates it with ratingBody (lib/http.ts readJson, or the hot path's
 * readJsonNode); it is called after the session, the caller and the rate limits are checked.
 */
export async function submitRating(
  request: Pick<Request, "headers">,
  code: string,
  targetId: string,
  readBody: () => Promise<RatingBody>,
): Promise<RatingAnswer> {
  const hub = await loadHub(code);
  const rater = requireParticipant(request, hub, { mutating: true });
  enforceLimit("ratePerParticipant", rater.id, "You are rating very fast. Wait a few seconds and try again.");
  enforceLimit("ratePerAddress", addressOf(request), "Too many ratings from this network. Wait a few seconds and try again.");
  const { scores } = await readBody();
  // A phone that lost its connection sends a tap again with the same key: it is applied once.
  return repeats.run(`${code}:${rater.id}`, idempotencyKey(request), async () => {
    const { version } = await (await hub.rate(rater, targetId, scores)).stored;
    return { ok: true, targetId, scores, version };
  });
}
