import { loadPublicHub, requireOwnedHub } from "@/lib/api/context";
import { deleteSession } from "@/lib/db/sessions";
import { dropHub } from "@/lib/live/hub";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { sessionSettingsBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Public session state: phase, round and timer, dimensions and scale. */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadPublicHub(request, (await params).code);
  return json(hub.publicSession());
});

/** Facilitator: delete the session and every participant's data with it. */
export const DELETE = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  const code = hub.record.code;
  await deleteSession(hub.record.id);
  await dropHub(code);
  return json({ deleted: code });
});

/** Facilitator: the release clock (how often scores move on screens, and after how many new raters), the participant cap and the room's language. */
export const PATCH = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  const { release, maxParticipants, language } = await readJson(request, sessionSettingsBody);
  if (release) await hub.setRelease(release);
  if (maxParticipants !== undefined) await hub.setParticipantCap(maxParticipants);
  if (language !== undefined) await hub.setLanguage(language);
  return json({ release: hub.record.release, maxParticipants: hub.record.maxParticipants, language: hub.record.language });
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
