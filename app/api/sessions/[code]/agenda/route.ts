import { requireOwnedHub, assertWritable } from "@/lib/api/context";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { agendaBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Facilitator: the agenda with prompts, and how far the session has got. */
export const GET = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code);
  return json(hub.agendaPayload());
});

/** Facilitator: replace the rounds not opened yet (opened rounds stay as they were). */
export const PUT = route<Ctx>(async (request, { params }) => {
  const { hub } = await requireOwnedHub(request, (await params).code, { mutating: true });
  assertWritable(hub);
  const { upcoming } = await readJson(request, agendaBody);
  await hub.setUpcomingAgenda(upcoming);
  return json(hub.agendaPayload());
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
