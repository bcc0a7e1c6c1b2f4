import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { json, readJson, route } from "@/lib/http";
import { spotlightBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: put one anonymous reflection text on the projector, or clear it with null. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const { reflectionId } = await readJson(request, spotlightBody);
  await hub.setSpotlight(reflectionId);
  return json(hub.publicSession());
});
