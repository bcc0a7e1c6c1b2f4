import type { Metadata } from "next";
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
import { plural } from "@/components/debrief/format";
import { PresenterDeck, type PresenterSlide } from "@/components/debrief/presenter-deck";
import { ScenesSections } from "@/components/debrief/scenes";
import { loadFacilitatorDebrief } from "@/lib/debrief/facilitator-page";

export const metadata: Metadata = { title: "Debrief · presenter" };
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
.presenter-slide [data-testid="distribution-round"] .debrief-chart { width: 100% !important; max-height: none; }
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

  const slides: PresenterSlide[] = [
    {
      id: "cover",
      title: session.title,
      node: (
        <div className="flex h-full flex-col justify-center gap-6" data-testid="presenter-cover">
          <p className="text-3xl font-semibold uppercase tracking-[0.3em] text-party">Debrief</p>
          <h1 className="font-[family-name:var(--font-display)] text-8xl font-bold uppercase leading-none">{session.title}</h1>
          <p className="text-4xl text-steel">
            {heldOn ? `Held on ${heldOn}` : "No round played yet"} · {plural(session.participants, "participant")} ·{" "}
            {plural(session.rounds, "round")}
          </p>
          {session.ended ? null : (
            <p className="max-w-[60ch] text-2xl text-steel">The session is still running: these screens cover closed rounds only, and who-rated-whom analyses wait for the end.</p>
          )}
        </div>
      ),
    },
    { id: "distribution", title: "Inequality", node: <DistributionSection debrief={debrief} /> },
    { id: "churn", title: "Rank churn", node: <ChurnSection debrief={debrief} /> },
    { id: "ranking", title: "Ranking replay", node: <RankingSection debrief={debrief} size="projector" /> },
    { id: "reciprocity", title: "Reciprocity", node: <ReciprocitySection debrief={debrief} /> },
    { id: "admiration", title: "Admiration network", node: <AdmirationSection debrief={debrief} /> },
    { id: "halo", title: "Halo effect", node: <HaloSection debrief={debrief} /> },
    { id: "leniency", title: "Leniency", node: <LeniencySection debrief={debrief} scale={data.session.scale} /> },
    { id: "replay", title: "Same ratings, other rules", node: <ReplaySection debrief={debrief} /> },
    ...debrief.scenes.tribunals.map((t) => ({ id: `tribunal-${t.round}`, title: `The tribunal · round ${t.round}` })),
    ...debrief.scenes.rifs.map((r) => ({ id: `rif-${r.round}`, title: `Reduction in Force · round ${r.round}` })),
    ...debrief.scenes.conferences.map((c) => ({ id: `conference-${c.round}`, title: `Production conference · round ${c.round}` })),
  ].map((s) => ("node" in s ? s : { ...s, node: <ScenesSections debrief={debrief} only={s.id} /> }));
  // The free answers stay on the debrief page (each one goes on the projector through its spotlight).
  slides.push({ id: "reflection", title: "Reflection", node: <ReflectionSection debrief={debrief} texts={false} /> });

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
