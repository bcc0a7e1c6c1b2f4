import { z } from "zod";
import { requireOwnedHub } from "@/lib/api/context";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: archive (read-only, reports closed) or unarchive a session. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  const { archived } = await readJson(request, z.object({ archived: z.boolean() }));
  await hub.setArchived(archived);
  return json({ code: hub.record.code, archived });
});
