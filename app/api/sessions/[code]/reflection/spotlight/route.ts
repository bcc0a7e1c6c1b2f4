import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { spotlightBody } from "@/lib/api/schemas";
import { loadSessionData } from "@/lib/debrief/data";
import { AppError } from "@/lib/errors";
import { json, otherMethods, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/**
 * Facilitator: put one anonymous reflection text on the projector, or clear it with null. The text is
 * named by the opaque handle the debrief gives it (reflection ids are time-ordered, so they stay server-side).
 */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const { handle } = await readJson(request, spotlightBody);
  let reflectionId: string | null = null;
  if (handle !== null) {
    const data = await loadSessionData(hub.record.code);
    const found = data?.reflections.find((r) => r.handle === handle);
    if (!found) throw new AppError("not_found", "No reflection in this session has this handle; reload the debrief.");
    reflectionId = found.id;
  }
  await hub.setSpotlight(reflectionId);
  return json(hub.publicSession());
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
