import { openApiDocument } from "@/lib/api/openapi";
import { json, otherMethods } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of every route, generated from the routes' zod schemas (lib/api/openapi.ts). */
export async function GET() {
  return json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=60" } });
}

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
