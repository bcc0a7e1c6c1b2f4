import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { ParticipantReportView } from "@/components/report/participant-report";
import { Alert } from "@/components/ui/alert";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { participantCookieName } from "@/lib/auth/participant";
import { hashToken } from "@/lib/auth/secrets";
import { loadSessionData } from "@/lib/debrief/data";
import { serveReport } from "@/lib/debrief/serve";
import { Localized } from "@/components/i18n/localized";

export const metadata: Metadata = { title: "My report" };
export const dynamic = "force-dynamic";

export default async function ReportPage({ params }: { params: Promise<{ code: string }> }) {
  const hub = await loadHub((await params).code).catch(() => null);
  if (!hub) notFound();
  const code = hub.record.code;
  const token = (await cookies()).get(participantCookieName(code))?.value;
  const me = token ? hub.participantByToken(hashToken(token)) : null;
  const wrap = (children: React.ReactNode) => <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-5 px-4 py-6">{children}</main>;
  if (!me) return wrap(<Alert>This report belongs to a participant of session {code}. Open it on the device you took part with.</Alert>);
  if (hub.record.archivedAt) return wrap(<Alert tone="info">This session has been archived; personal reports are closed.</Alert>);
  // Removed people lose their report with their seat (the API refuses it too).
  if (me.status === "kicked" || me.status === "banned") return wrap(<Alert>You were removed from session {code} by the facilitator; its report is not available to you.</Alert>);
  try {
    enforceLimit("reportPerParticipant", me.id, "");
  } catch {
    return wrap(<Alert tone="info">Your report was just loaded several times. Wait a minute and reload the page.</Alert>);
  }
  const data = await loadSessionData(code);
  const report = data ? await serveReport(data, me.id) : null;
  if (!report) notFound();
  return (
    <Localized namespaces={["participant", "content"]}>
      <ParticipantReportView report={report} />
    </Localized>
  );
}
