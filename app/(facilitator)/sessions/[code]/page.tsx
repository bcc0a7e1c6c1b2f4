import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ControlRoom } from "@/components/control/control-room";
import { loadHub } from "@/lib/api/context";
import { joinUrl } from "@/lib/api/public-url";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";
import { Localized } from "@/components/i18n/localized";
import { roomAgendaContent } from "@/lib/i18n/presets";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("facilitator.control");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function ControlRoomPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const facilitator = await requireFacilitatorPage(`/sessions/${code}`);
  const hub = await loadHub(code).catch(() => null);
  // Someone else's session looks exactly like a missing one.
  if (!hub || hub.record.facilitatorId !== facilitator.id) notFound();
  return (
    <Localized namespaces={["facilitator", "live", "content"]}>
      <ControlRoom
        code={hub.record.code}
        joinUrl={joinUrl(await headers(), hub.record.code)}
        initialSession={hub.publicSession()}
        initialBoard={hub.boardPayload("facilitator")}
        initialControl={hub.controlSnapshot()}
        roomContent={roomAgendaContent()}
      />
    </Localized>
  );
}
