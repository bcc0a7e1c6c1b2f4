// The facilitator's access to a session's debrief data (own sessions only).
import { requireFacilitatorApi } from "../auth/facilitator";
import { normalizeJoinCode } from "../domain/join-code";
import { AppError } from "../errors";
import { loadSessionData, type SessionData } from "./data";

export async function requireOwnedSessionData(request: Request, codeParam: string, opts: { mutating?: boolean } = {}): Promise<SessionData> {
  const { facilitator } = await requireFacilitatorApi(request, opts);
  const code = normalizeJoinCode(codeParam);
  const data = code ? await loadSessionData(code) : null;
  if (!data) throw new AppError("not_found", "No session uses this code.");
  if (data.session.facilitatorId !== facilitator.id) throw new AppError("forbidden", "This session belongs to another facilitator.");
  return data;
}
