import { admitJoin } from "@/lib/api/admission";
import { loadHub, assertWritable } from "@/lib/api/context";
import { assertNotCrossSite, identifyParticipant, newParticipantToken, participantCookie } from "@/lib/auth/participant";
import { hashToken } from "@/lib/auth/secrets";
import { createParticipant, takenNameKeys } from "@/lib/db/sessions";
import { canJoin } from "@/lib/domain/phases";
import { nameKey, suggestFreeName } from "@/lib/domain/names";
import { newRejoinCode } from "@/lib/domain/rejoin-code";
import { AppError } from "@/lib/errors";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { joinBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Join a session: creates a participant, sets the identity cookie and returns the token once. */
export const POST = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code, request);
  assertWritable(hub);
  assertNotCrossSite(request);
  const previous = identifyParticipant(request, hub);
  if (previous?.participant.status === "banned") {
    throw new AppError("forbidden", "You have been removed from this session by the facilitator and cannot rejoin.");
  }
  if (previous?.participant.status === "observer") {
    throw new AppError("forbidden", "You were let go in the Reduction in Force: you stay in the session as an observer and cannot join again under another name.");
  }
  const allowed = canJoin(hub.state());
  if (!allowed.ok) throw new AppError("forbidden", allowed.message);
  // The body first: a slow upload must not hold an admission slot.
  const { displayName } = await readJson(request, joinBody);
  const key = nameKey(displayName);
  // Admission: the participant cap, the address backstop, the session's join rate, the server's ceiling (docs/decisions/0021).
  const admitted = admitJoin(request, hub);
  try {
    const { token, tokenHash } = newParticipantToken();
    const rejoinCode = newRejoinCode();
    const created = await createParticipant({
      sessionId: hub.record.id,
      displayName,
      nameKey: key,
      tokenHash,
      rejoinHash: hashToken(`${hub.record.id}:${rejoinCode}`),
    });
    if (created === "name_taken") {
      const taken = await takenNameKeys(hub.record.id);
      const suggestion = suggestFreeName(displayName, (k) => taken.has(k));
      throw new AppError("conflict", `Someone here is already called "${displayName}". Try "${suggestion}" or another name.`, {
        field: "displayName",
        suggestion,
      });
    }
    await hub.addParticipant({ id: created.id, displayName: created.displayName, status: "active", tokenHash, joinedAt: created.joinedAt });
    const response = json({ participant: { id: created.id, displayName: created.displayName }, token, rejoinCode }, 201);
    response.headers.append("Set-Cookie", participantCookie(hub.record.code, token, request));
    return response;
  } finally {
    admitted();
  }
});

/** Active participants: ids and display names only. */
export const GET = route<Ctx>(async (_request, { params }) => {
  const hub = await loadHub((await params).code);
  return json(hub.activeParticipants().map((p) => ({ id: p.id, displayName: p.displayName })));
});

/** The other methods: a JSON 405 with Allow. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
