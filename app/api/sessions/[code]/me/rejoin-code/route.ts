import { loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { hashToken } from "@/lib/auth/secrets";
import { setRejoinHash } from "@/lib/db/sessions";
import { formatRejoinCode, newRejoinCode } from "@/lib/domain/rejoin-code";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Issues a new personal rejoin code (the previous one stops working). */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub, { mutating: true });
  const code = newRejoinCode();
  await setRejoinHash(me.id, hashToken(`${hub.record.id}:${code}`));
  return json({ rejoinCode: code, formatted: formatRejoinCode(code) });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
