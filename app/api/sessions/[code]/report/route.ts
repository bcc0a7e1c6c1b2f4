import { enforceLimit, loadHub } from "@/lib/api/context";
import { requireParticipant } from "@/lib/auth/participant";
import { loadSessionData } from "@/lib/debrief/data";
import { serveReport } from "@/lib/debrief/serve";
import { AppError } from "@/lib/errors";
import { json, otherMethods, route } from "@/lib/http";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ code: string }> };

/** Participant: my private report (own data only; every figure behind k). Closed once the session is archived. */
export const GET = route<Ctx>(async (request, { params }) => {
  const hub = await loadHub((await params).code);
  const me = requireParticipant(request, hub);
  if (hub.record.archivedAt) throw new AppError("forbidden", "This session has been archived; reports are closed.");
  enforceLimit("reportPerParticipant", me.id, "Your report was just loaded several times. Wait a minute and reload.");
  const data = await loadSessionData(hub.record.code);
  const report = data ? await serveReport(data, me.id) : null;
  if (!report) throw new AppError("not_found", "No report for you in this session.");
  return json(report);
});

/** The other methods: a JSON 405 with Allow. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
