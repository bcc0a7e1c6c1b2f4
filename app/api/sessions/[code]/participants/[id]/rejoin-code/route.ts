import { assertWritable, requireOwnedHub } from "@/lib/api/context";
import { hashToken } from "@/lib/auth/secrets";
import { setRejoinHash } from "@/lib/db/sessions";
import { formatRejoinCode, newRejoinCode } from "@/lib/domain/rejoin-code";
import { AppError } from "@/lib/errors";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string; id: string }> };

/**
 * Facilitator: a fresh rejoin code for someone who lost their phone's identity (an in-app browser,
 * another phone). Answered once, never stored in clear; the previous code stops working. The person
 * types it under "I was here before" on the join screen.
 */
export const POST = route<Ctx>(async (request, { params }) => {
  const { code, id } = await params;
  const { hub } = await requireOwnedHub(request, code, { mutating: true });
  assertWritable(hub);
  const p = hub.participant(id);
  if (!p) throw new AppError("not_found", "No such participant in this session.");
  if (p.status === "banned" || p.status === "kicked") throw new AppError("conflict", `${p.displayName} was removed from the session: a rejoin code would not let them back in.`);
  const rejoinCode = newRejoinCode();
  await setRejoinHash(p.id, hashToken(`${hub.record.id}:${rejoinCode}`));
  return json({ participant: { id: p.id, displayName: p.displayName }, rejoinCode, formatted: formatRejoinCode(rejoinCode) });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
