import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DebriefView } from "@/components/debrief/debrief-view";
import { requireFacilitatorPage } from "@/lib/auth/facilitator";
import type { RevealableChart } from "@/lib/debrief/build";
import { serveDebrief } from "@/lib/debrief/serve";
import { loadSessionData } from "@/lib/debrief/data";
import { normalizeJoinCode } from "@/lib/domain/join-code";

export const metadata: Metadata = { title: "Debrief" };
export const dynamic = "force-dynamic";

const REVEALABLE: readonly RevealableChart[] = ["churn"];

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

export default async function DebriefPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code: codeParam } = await params;
  const facilitator = await requireFacilitatorPage(`/sessions/${codeParam}/debrief`);
  const code = normalizeJoinCode(codeParam);
  const data = code ? await loadSessionData(code) : null;
  // Someone else's session looks exactly like a missing one.
  if (!data || data.session.facilitatorId !== facilitator.id) notFound();

  const raw = (await searchParams).reveal;
  const asked = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((s) => s.trim());
  const reveal = new Set(REVEALABLE.filter((c) => asked.includes(c)));
  const debrief = await serveDebrief(data, reveal);
  const firstRound = data.rounds[0];

  return (
    <DebriefView
      debrief={debrief}
      scale={data.session.scale}
      heldOn={firstRound ? dateFormat.format(firstRound.openedAt) : null}
      printedOn={dateFormat.format(new Date())}
    />
  );
}
