import { getDb } from "@/lib/db/client";
import { json, otherMethods } from "@/lib/http";

export const dynamic = "force-dynamic";

/** 200 { ok: true } when the database answers, 503 otherwise. */
export async function GET() {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return json({ ok: true });
  } catch (error) {
    console.error("health check failed:", error);
    return json({ ok: false, error: { code: "unavailable", message: "The database does not answer." } }, 503);
  }
}

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
