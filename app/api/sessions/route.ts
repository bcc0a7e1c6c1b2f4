import { requireFacilitatorApi } from "@/lib/auth/facilitator";
import { joinUrl } from "@/lib/api/public-url";
import { createSession, listSessionsForFacilitator } from "@/lib/db/sessions";
import { DEFAULT_K, dimensionsFromLabels } from "@/lib/domain/session-config";
import { defaultDimensions } from "@/lib/i18n/content";
import { negotiateLocale } from "@/lib/i18n/locales";
import { localizedPresetAgenda } from "@/lib/i18n/presets";
import type { AgendaPresetId } from "@/lib/domain/rules/ruleset";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { createSessionBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** Creates a session for the signed-in facilitator (cookie or API token). */
export const POST = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { mutating: true });
  const input = await readJson(request, createSessionBody);
  // Without a language: the one the request's Accept-Language prefers (the form sends the facilitator's pick).
  const language = input.language ?? negotiateLocale(request.headers.get("accept-language"));
  const defaults = defaultDimensions(language);
  const session = await createSession({
    facilitatorId: facilitator.id,
    title: input.title,
    dimensions: input.dimensions ? dimensionsFromLabels(input.dimensions, defaults) : defaults,
    k: input.k ?? DEFAULT_K,
    // A preset's rounds are titled and prompted in the session's language.
    agenda: input.agenda ?? (input.preset ? localizedPresetAgenda(input.preset as AgendaPresetId, language) : []),
    language,
  });
  return json(
    {
      session: {
        code: session.code,
        title: session.title,
        language: session.language,
        dimensions: session.dimensions,
        scale: session.scale,
        k: session.k,
        phase: session.state.phase,
        agenda: session.agenda,
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

/** The other methods: a JSON 405 with Allow. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
