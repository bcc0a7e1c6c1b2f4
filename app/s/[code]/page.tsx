import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ParticipantApp } from "@/components/participant/participant-app";
import { loadHub } from "@/lib/api/context";
import { participantCookieName } from "@/lib/auth/participant";
import { hashToken } from "@/lib/auth/secrets";
import type { SessionHub } from "@/lib/live/hub";
import { Localized } from "@/components/i18n/localized";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

async function hubOrNull(code: string): Promise<SessionHub | null> {
  try {
    return await loadHub(code);
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const hub = await hubOrNull((await params).code);
  if (hub) return { title: hub.record.title };
  const t = await getTranslations("participant.meta");
  return { title: t("notFound") };
}

export default async function ParticipantPage({ params }: Props) {
  const hub = await hubOrNull((await params).code);
  if (!hub) notFound();
  const code = hub.record.code;
  const token = (await cookies()).get(participantCookieName(code))?.value;
  const participant = token ? hub.participantByToken(hashToken(token)) : null;
  return (
    <Localized namespaces={["participant", "live", "content"]}>
      <ParticipantApp
        code={code}
        initialSession={hub.publicSession()}
        initialParticipant={participant ? { id: participant.id, displayName: participant.displayName, status: participant.status } : null}
      />
    </Localized>
  );
}
