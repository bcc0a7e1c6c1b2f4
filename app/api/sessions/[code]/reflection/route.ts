import { z } from "zod";
import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: open or close the reflection questions on the phones. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const { open } = await readJson(request, z.object({ open: z.boolean({ error: "Send { \"open\": true } or { \"open\": false }." }) }));
  await hub.setReflectionOpen(open);
  return json(hub.publicSession());
});
