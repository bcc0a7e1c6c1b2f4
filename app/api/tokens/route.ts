import { requireFacilitatorApi } from "@/lib/auth/facilitator";
import { createApiToken, listApiTokens } from "@/lib/db/facilitators";
import { json, readJson, route } from "@/lib/http";
import { createTokenBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** The facilitator's personal API tokens (never the secrets). */
export const GET = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request);
  const tokens = await listApiTokens(facilitator.id);
  return json({ tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null })) });
});

/** Creates a token and returns its secret once. */
export const POST = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { mutating: true });
  const { name } = await readJson(request, createTokenBody);
  const token = await createApiToken(facilitator.id, name);
  return json({ token: { id: token.id, name: token.name, prefix: token.prefix, createdAt: token.createdAt.toISOString() }, secret: token.token }, 201);
});
