import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ParticipantReportView } from "@/components/report/participant-report";
import { Alert } from "@/components/ui/alert";
import { enforceLimit, loadHub } from "@/lib/api/context";
import { participantCookieName } from "@/lib/auth/participant";
import { hashToken } from "@/lib/auth/secrets";
import { loadSessionData } from "@/lib/debrief/data";
import { serveReport } from "@/lib/debrief/serve";
import { Localized } from "@/components/i18n/localized";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("participant.meta");
  return { title: t("report") };
}
export const dynamic = "force-dynamic";

export default async function ReportPage({ params }: { params: Promise<{ code: string }> }) {
  const hub = await loadHub((await params).code).catch(() => null);
  if (!hub) notFound();
  const code = hub.record.code;
  const token = (await cookies()).get(participantCookieName(code))?.value;
  const me = token ? hub.participantByToken(hashToken(token)) : null;
  const t = await getTranslations("participant.report");
  const wrap = (children: React.ReactNode) => <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col gap-5 px-4 py-6">{children}</main>;
  if (!me) return wrap(<Alert>{t("notParticipant", { code })}</Alert>);
  if (hub.record.archivedAt) return wrap(<Alert tone="info">{t("archived")}</Alert>);
  // Removed people lose their report with their seat (the API refuses it too).
  if (me.status === "kicked" || me.status === "banned") return wrap(<Alert>{t("removed", { code })}</Alert>);
  try {
    enforceLimit("reportPerParticipant", me.id, "");
  } catch {
    return wrap(<Alert tone="info">{t("limited")}</Alert>);
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
