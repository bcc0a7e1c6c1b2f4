import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Localized } from "@/components/i18n/localized";
import {
  AdmirationSection,
  ChurnSection,
  DEBRIEF_CSS,
  DistributionSection,
  HaloSection,
  LeniencySection,
  RankingSection,
  ReciprocitySection,
  ReflectionSection,
  ReplaySection,
} from "@/components/debrief/debrief-view";
import { PresenterDeck, type PresenterSlide } from "@/components/debrief/presenter-deck";
import { ScenesSections } from "@/components/debrief/scenes";
import { loadFacilitatorDebrief } from "@/lib/debrief/facilitator-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("debrief.presenter");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";


/**
 * Projector type for the debrief's sections: no card frame, the reading large, every chart capped at
 * about half the screen's height (its width follows from its own aspect ratio, --chart-ratio).
 */
const PRESENTER_CSS = `
.presenter-slide .debrief-section { border: 0; box-shadow: none; background: transparent; padding: 0; gap: 1.75rem; }
.presenter-slide .debrief-section h2 { font-size: 4.5rem; line-height: 1; }
.presenter-slide .debrief-section h2 + p { font-size: 1.6rem; color: var(--color-steel); }
.presenter-slide .debrief-section [data-testid^="reading-"] { font-size: 2.6rem; line-height: 1.2; font-weight: 600; max-width: 75ch; }
.presenter-slide .debrief-chart { width: min(100%, calc(46vh * var(--chart-ratio, 2))) !important; margin-inline: auto; }
.presenter-slide .grid:has(> [data-testid="distribution-round"]) { grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); }
/* A column each when there are several rounds; one round alone must not grow past the screen's height. */
.presenter-slide [data-testid="distribution-round"] .debrief-chart { width: min(100%, calc(42vh * var(--chart-ratio, 2))) !important; max-height: none; margin-inline: auto; }
.presenter-slide table { font-size: 1.6rem; }
.presenter-slide #admiration svg[role="img"] { height: 46vh !important; width: auto !important; max-width: 100%; }
/* One chart per screen: the tables that repeat a chart stay on the debrief page. */
.presenter-slide #churn [role="region"], .presenter-slide #replay [role="region"] { display: none; }
`;

export default async function PresenterPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { code: codeParam } = await params;
  const { data, debrief, reveal, heldOn } = await loadFacilitatorDebrief(codeParam, await searchParams, `/sessions/${codeParam}/present`);
  const { session } = debrief;
  const t = await getTranslations("debrief.presenter");
  const v = await getTranslations("debrief.view");

  const slides: PresenterSlide[] = [
    {
      id: "cover",
      title: session.title,
      node: (
        <div className="flex h-full flex-col justify-center gap-6" data-testid="presenter-cover">
          <p className="text-3xl font-semibold uppercase tracking-[0.3em] text-party">{t("kicker")}</p>
          <h1 className="font-[family-name:var(--font-display)] text-8xl font-bold uppercase leading-none break-words hyphens-auto">{session.title}</h1>
          <p className="text-4xl text-steel">
            {heldOn ? v("heldOn", { date: heldOn }) : v("noRound")} · {v("participants", { count: session.participants })} ·{" "}
            {v("rounds", { count: session.rounds })}
          </p>
          {session.ended ? null : (
            <p className="max-w-[60ch] text-2xl text-steel">{t("running")}</p>
          )}
        </div>
      ),
    },
    { id: "distribution", title: v("sections.distribution"), node: <DistributionSection debrief={debrief} /> },
    { id: "churn", title: v("sections.churn"), node: <ChurnSection debrief={debrief} /> },
    { id: "ranking", title: v("sections.ranking"), node: <RankingSection debrief={debrief} size="projector" /> },
    { id: "reciprocity", title: v("sections.reciprocity"), node: <ReciprocitySection debrief={debrief} /> },
    { id: "admiration", title: v("sections.admiration"), node: <AdmirationSection debrief={debrief} /> },
    { id: "halo", title: v("sections.halo"), node: <HaloSection debrief={debrief} /> },
    { id: "leniency", title: v("sections.leniency"), node: <LeniencySection debrief={debrief} scale={data.session.scale} /> },
    { id: "replay", title: v("sections.replay"), node: <ReplaySection debrief={debrief} /> },
    ...debrief.scenes.tribunals.map((x) => ({ id: `tribunal-${x.round}`, title: t("tribunal", { round: x.round }) })),
    ...debrief.scenes.rifs.map((r) => ({ id: `rif-${r.round}`, title: t("rif", { round: r.round }) })),
    ...debrief.scenes.conferences.map((c) => ({ id: `conference-${c.round}`, title: t("conference", { round: c.round }) })),
  ].map((s) => ("node" in s ? s : { ...s, node: <ScenesSections debrief={debrief} only={s.id} /> }));
  // The free answers stay on the debrief page (each one goes on the projector through its spotlight).
  slides.push({ id: "reflection", title: v("sections.reflection"), node: <ReflectionSection debrief={debrief} texts={false} /> });

  const back = `/sessions/${session.code}/debrief${reveal.size ? `?reveal=${[...reveal].join(",")}` : ""}`;
  return (
    <Localized namespaces={["debrief", "live", "content"]}>
      <>
        <style>{DEBRIEF_CSS + PRESENTER_CSS}</style>
        <PresenterDeck title={session.title} backHref={back} slides={slides} />
      </>
    </Localized>
  );
}
