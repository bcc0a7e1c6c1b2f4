import { requireFacilitatorApi } from "@/lib/auth/facilitator";
import { createApiToken, listApiTokens } from "@/lib/db/facilitators";
import { json, otherMethods, readJson, route } from "@/lib/http";
import { createTokenBody } from "@/lib/api/schemas";
import { tokenView } from "@/lib/api/token-view";

export const dynamic = "force-dynamic";

/** The facilitator's personal API tokens (never the secrets). */
export const GET = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { cookieOnly: true });
  const tokens = await listApiTokens(facilitator.id);
  return json({ tokens: tokens.map((t) => tokenView(t)) });
});

/** Creates a token and returns its secret once. */
export const POST = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { mutating: true, cookieOnly: true });
  const { name, expiresInDays } = await readJson(request, createTokenBody);
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000) : null;
  const token = await createApiToken(facilitator.id, name, expiresAt);
  return json({ token: tokenView({ ...token, lastUsedAt: null }), secret: token.token }, 201);
});

/** The other methods: a JSON 405 with Allow. */
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
