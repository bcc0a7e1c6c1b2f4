import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { reflectionOpenBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: open or close the reflection questions on the phones. */
export const POST = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const { open } = await readJson(request, reflectionOpenBody);
  await hub.setReflectionOpen(open);
  return json(hub.publicSession());
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
