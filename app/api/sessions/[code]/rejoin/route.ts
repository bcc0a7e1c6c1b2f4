import { admitRejoin } from "@/lib/api/admission";
import { loadHub } from "@/lib/api/context";
import { assertNotCrossSite, newParticipantToken, participantCookie } from "@/lib/auth/participant";
import { hashToken } from "@/lib/auth/secrets";
import { findParticipantByRejoinHash, useRejoinCode } from "@/lib/db/sessions";
import { newRejoinCode, normalizeRejoinCode } from "@/lib/domain/rejoin-code";
import { AppError } from "@/lib/errors";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { rejoinBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/**
 * Continue as an existing participant on another device: the rejoin code
 * shown on the first device moves the identity here (a new token; the old
 * device's token stops working, so one person is one participant on one device).
 * The code rotates on use: the answer carries the next one.
 */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code, request);
  assertNotCrossSite(request);
  // The body first: a slow upload must not hold an admission slot.
  const { rejoinCode } = await readJson(request, rejoinBody);
  // Admission: wrong codes per session and address, rejoins per session and participant (docs/decisions/0021).
  const admission = admitRejoin(request, hub);
  try {
    const normalized = normalizeRejoinCode(rejoinCode);
    const usedHash = normalized ? hashToken(`${hub.record.id}:${normalized}`) : null;
    const found = usedHash ? await findParticipantByRejoinHash(usedHash) : null;
    if (!found || found.sessionId !== hub.record.id) {
      admission.wrongCode();
      throw new AppError("not_found", "That rejoin code does not match anyone in this session. Check it on your other device.", { field: "rejoinCode" });
    }
    admission.matched(found.id);
    const participant = hub.participant(found.id);
    // Observers (let go in a Reduction in Force) keep watching on any device; removed people do not.
    if (!participant || (participant.status !== "active" && participant.status !== "observer")) throw new AppError("forbidden", "You were removed from this session.");
    const { token, tokenHash } = newParticipantToken();
    // The code is single-use: a new one comes back (a code read off a phone's storage works once).
    const nextCode = newRejoinCode();
    if (!(await useRejoinCode(participant.id, usedHash!, { tokenHash, rejoinHash: hashToken(`${hub.record.id}:${nextCode}`) }))) {
      // Used a moment ago by another request: as wrong as any other code now.
      admission.wrongCode();
      throw new AppError("not_found", "That rejoin code does not match anyone in this session. Check it on your other device.", { field: "rejoinCode" });
    }
    await hub.replaceToken(participant.id, tokenHash);
    const response = json({ participant: { id: participant.id, displayName: participant.displayName }, token, rejoinCode: nextCode });
    response.headers.append("Set-Cookie", participantCookie(hub.record.code, token, request));
    return response;
  } finally {
    admission.done();
  }
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
