import { requireOwnedHub } from "@/lib/api/context";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { archiveBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: archive (read-only, reports closed) or unarchive a session. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  const { archived } = await readJson(request, archiveBody);
  await hub.setArchived(archived);
  return json({ code: hub.record.code, archived });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
