import { requireOwnedSessionData } from "@/lib/debrief/access";
import { buildDebrief, type RevealableChart } from "@/lib/debrief/build";
import { json, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

const REVEALABLE: RevealableChart[] = ["churn"];

/** Facilitator: the debrief statistics. `?reveal=churn` shows names on the rank-churn chart only. */
export const GET = route<Ctx>(async (request, { params }) => {
  const data = await requireOwnedSessionData(request, (await params).code);
  const asked = (new URL(request.url).searchParams.get("reveal") ?? "").split(",");
  const reveal = new Set(REVEALABLE.filter((c) => asked.includes(c)));
  return json(buildDebrief(data, reveal));
});
