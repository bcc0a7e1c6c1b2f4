import { requireFacilitatorApi } from "@/lib/auth/facilitator";
import { revokeApiToken } from "@/lib/db/facilitators";
import { AppError } from "@/lib/errors";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Revokes one of the facilitator's own tokens. */
export const DELETE = route<Ctx>(async (request, { params }) => {
  const { facilitator } = await requireFacilitatorApi(request, { mutating: true, cookieOnly: true });
  const { id } = await params;
  if (!(await revokeApiToken(facilitator.id, id))) throw new AppError("not_found", "No such active token.");
  return json({ revoked: id });
});

/** The other methods: a JSON 405 with Allow. */
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
