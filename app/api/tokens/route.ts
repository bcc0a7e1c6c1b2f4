import { z } from "zod";
import { requireFacilitatorApi } from "@/lib/auth/facilitator";
import { createApiToken, listApiTokens } from "@/lib/db/facilitators";
import { json, readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

const createSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. “rehearsal bots”.").max(60, "Token names must be at most 60 characters."),
});

/** The facilitator's personal API tokens (never the secrets). */
export const GET = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { cookieOnly: true });
  const tokens = await listApiTokens(facilitator.id);
  return json({ tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null })) });
});

/** Creates a token and returns its secret once. */
export const POST = route(async (request) => {
  const { facilitator } = await requireFacilitatorApi(request, { mutating: true, cookieOnly: true });
  const { name } = await readJson(request, createSchema);
  const token = await createApiToken(facilitator.id, name);
  return json({ token: { id: token.id, name: token.name, prefix: token.prefix, createdAt: token.createdAt.toISOString() }, secret: token.token }, 201);
});
