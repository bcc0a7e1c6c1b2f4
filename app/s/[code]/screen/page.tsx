import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ProjectorView } from "@/components/projector/projector-view";
import { loadHub } from "@/lib/api/context";
import { joinUrl } from "@/lib/api/public-url";
import { isAppError } from "@/lib/errors";
import type { SessionHub } from "@/lib/live/hub";

export const metadata: Metadata = { title: "Projector" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

/** The full-screen leaderboard for the room's projector: public, no site header. */
export default async function ProjectorPage({ params }: Props) {
  const { code } = await params;
  let hub: SessionHub;
  try {
    hub = await loadHub(code);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const session = hub.publicSession();
  const board = hub.boardPayload("full");
  const requestHeaders = new Headers();
  for (const [name, value] of (await headers()).entries()) requestHeaders.set(name, value);
  return <ProjectorView code={session.code} initialSession={session} initialBoard={board} joinUrl={joinUrl(requestHeaders, session.code)} />;
}
