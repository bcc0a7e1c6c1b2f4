import { submitRating } from "@/lib/api/rating";
import { ratingBody } from "@/lib/api/schemas";
import { json, otherMethods, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; targetId: string }> };

/**
 * Rate a colleague (lib/api/rating.ts). `npm start` serves this path from the custom server's hot
 * handler (lib/server/hot.ts) with the same implementation; this route answers under `next dev` and
 * with STAKHANOV_HOT_PATH=off.
 */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { code, targetId } = await params;
  return json(await submitRating(request, code, targetId, () => readJson(request, ratingBody)));
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
