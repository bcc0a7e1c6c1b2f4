import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DebriefView } from "@/components/debrief/debrief-view";
import { debriefDate, loadFacilitatorDebrief } from "@/lib/debrief/facilitator-page";
import { Localized } from "@/components/i18n/localized";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("debrief.view");
  return { title: t("metaTitle") };
}
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
      <DebriefView debrief={debrief} scale={data.session.scale} heldOn={heldOn} printedOn={await debriefDate(new Date())} />
    </Localized>
  );
}
