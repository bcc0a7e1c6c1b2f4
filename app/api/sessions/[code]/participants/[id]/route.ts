import { assertWritable, requireOwnedHub } from "@/lib/api/context";
import { nameKey } from "@/lib/domain/names";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { renameBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; id: string }> };

/** Facilitator: remove a participant. `?ban=true` bans (cannot rejoin); otherwise a kick (may rejoin). */
export const DELETE = route<Ctx>(async (request, { params }) => {
  const { code, id } = await params;
  const { hub } = await requireOwnedHub(request, code, { mutating: true });
  assertWritable(hub);
  const ban = new URL(request.url).searchParams.get("ban") === "true";
  await hub.removeParticipant(id, ban ? "banned" : "kicked");
  return json({ participant: { id, status: ban ? "banned" : "kicked" } });
});

/** Facilitator: rename an inappropriate display name. */
export const PATCH = route<Ctx>(async (request, { params }) => {
  const { code, id } = await params;
  const { hub } = await requireOwnedHub(request, code, { mutating: true });
  assertWritable(hub);
  const { displayName } = await readJson(request, renameBody);
  const p = await hub.rename(id, displayName, nameKey(displayName));
  return json({ participant: { id: p.id, displayName: p.displayName } });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
