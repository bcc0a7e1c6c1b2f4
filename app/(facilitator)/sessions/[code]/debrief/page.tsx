import type { Metadata } from "next";
import { DebriefView } from "@/components/debrief/debrief-view";
import { debriefDateFormat, loadFacilitatorDebrief } from "@/lib/debrief/facilitator-page";
import { Localized } from "@/components/i18n/localized";

export const metadata: Metadata = { title: "Debrief" };
export const dynamic = "force-dynamic";

export default async function DebriefPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code } = await params;
  const { data, debrief, heldOn } = await loadFacilitatorDebrief(code, await searchParams, `/sessions/${code}/debrief`);
  return (
    <Localized namespaces={["debrief", "live", "content"]}>
      <DebriefView debrief={debrief} scale={data.session.scale} heldOn={heldOn} printedOn={debriefDateFormat.format(new Date())} />
    </Localized>
  );
}
