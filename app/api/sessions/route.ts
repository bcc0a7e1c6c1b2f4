import { requireFacilitatorApi } from "@/lib/auth/facilitator";
import { joinUrl } from "@/lib/api/public-url";
import { createSession, listSessionsForFacilitator } from "@/lib/db/sessions";
import { createSessionSchema, DEFAULT_DIMENSIONS, DEFAULT_K, dimensionsFromLabels } from "@/lib/domain/session-config";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Creates a session for the signed-in facilitator (cookie or API token). */
export const POST = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { mutating: true });
  const input = await readJson(request, createSessionSchema);
  const session = await createSession({
    facilitatorId: facilitator.id,
    title: input.title,
    dimensions: dimensionsFromLabels(input.dimensions ?? DEFAULT_DIMENSIONS),
    k: input.k ?? DEFAULT_K,
  });
  return json(
    {
      session: {
        code: session.code,
        title: session.title,
        dimensions: session.dimensions,
        scale: session.scale,
        k: session.k,
        phase: session.state.phase,
        joinUrl: joinUrl(request.headers, session.code),
        createdAt: session.createdAt.toISOString(),
      },
    },
    201,
  );
});

/** The facilitator's own sessions, newest first. */
export const GET = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request);
  const sessions = await listSessionsForFacilitator(facilitator.id);
  return json({
    sessions: sessions.map((s) => ({
      code: s.code,
      title: s.title,
      phase: s.state.phase,
      round: s.state.round,
      participantCount: s.participantCount,
      createdAt: s.createdAt.toISOString(),
    })),
  });
});
