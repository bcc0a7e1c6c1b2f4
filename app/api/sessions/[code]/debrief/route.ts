import { requireOwnedSessionData } from "@/lib/debrief/access";
import type { RevealableChart } from "@/lib/debrief/build";
import { serveDebrief } from "@/lib/debrief/serve";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const REVEALABLE: RevealableChart[] = ["churn"];

/**
 * Facilitator: the debrief statistics. `?reveal=churn` shows names on the rank-churn chart only. While the
 * session runs: closed rounds only, and the pairwise sections are `{ locked: true, message }`; once it has
 * ended, what the end computed (the snapshot), with the reflection read live.
 */
export const GET = route<Ctx>(async (request, { params }) => {
  const data = await requireOwnedSessionData(request, (await params).code);
  const asked = (new URL(request.url).searchParams.get("reveal") ?? "").split(",");
  const reveal = new Set(REVEALABLE.filter((c) => asked.includes(c)));
  return json(await serveDebrief(data, reveal));
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
