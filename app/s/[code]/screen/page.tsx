import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ProjectorView } from "@/components/projector/projector-view";
import { loadPublicHub } from "@/lib/api/context";
import { joinUrl } from "@/lib/api/public-url";
import { isAppError } from "@/lib/errors";
import type { SessionHub } from "@/lib/live/hub";
import { Localized } from "@/components/i18n/localized";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projector.meta");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

/** The full-screen leaderboard for the room's projector: public, no site header. */
export default async function ProjectorPage({ params }: Props) {
  const { code } = await params;
  const requestHeaders = new Headers();
  for (const [name, value] of (await headers()).entries()) requestHeaders.set(name, value);
  let hub: SessionHub;
  try {
    // A read by join code alone: closed some hours after the end (lib/domain/public-screens.ts).
    hub = await loadPublicHub(new Request("http://projector.invalid/", { headers: requestHeaders }), code);
  } catch (error) {
    // A scan of codes (rate-limited) sees the same page as a wrong code.
    if (isAppError(error) && (error.code === "not_found" || error.code === "rate_limited")) notFound();
    throw error;
  }
  const session = hub.publicSession();
  const board = hub.boardPayload("full");
  return (
    <Localized namespaces={["projector", "live", "content"]}>
      <ProjectorView code={session.code} initialSession={session} initialBoard={board} joinUrl={joinUrl(requestHeaders, session.code)} />
    </Localized>
  );
}
