// The facilitator's debrief: one section per analysis of this session's own
// data, readable on a projector and printable as an A4 report. Only
// aggregates and pseudonyms, except on the charts the facilitator reveals.
import { useTranslations } from "next-intl";
import { REFLECTION_ITEMS } from "@/lib/domain/reflection";
import type { Debrief } from "@/lib/debrief/build";
import { ChurnChart, DistributionChart, LeniencyChart, LikertBar, ReplayChart, RevengeChart } from "./charts";
import { LIKERT_STYLE } from "./colors";
import { strengthKey } from "./format";
import { useDebriefText } from "./use-debrief-text";
import { HaloTable } from "./halo-table";
import { AdmirationNetwork } from "./network";
import { ReflectionTexts } from "./reflection-texts";
import { ScenesSections } from "./scenes";
import { DebriefSection, LockedSection, Note, Stat } from "./section";
import { DebriefToolbar } from "./toolbar";
import { frameReading } from "@/lib/debrief/ranking";
import { RankingReplay } from "./ranking-replay";

type ReflectionKey = (typeof REFLECTION_ITEMS)[number]["key"];
const REFLECTION_KEYS = new Set<string>(REFLECTION_ITEMS.map((i) => i.key));

/**
 * Print: no site header or toolbar, A4 portrait, sections kept whole where
 * they fit, colours kept. Charts are drawn at a fixed size and scaled to the
 * width they get, on screen and on paper alike.
 */
export const DEBRIEF_CSS = `
.debrief-chart .recharts-wrapper { width: 100% !important; height: auto !important; }
.debrief-chart .recharts-surface { display: block; width: 100% !important; height: auto !important; overflow: visible; }
@page { size: A4 portrait; margin: 12mm 12mm 14mm; }
@media print {
  html, body { background: #ffffff !important; }
  body > header, header.border-b-4, nav[aria-label="Main"] { display: none !important; }
  main#main { max-width: none !important; margin: 0 !important; padding: 0 !important; }
  .debrief-root { gap: 5mm !important; }
  .debrief-section { break-inside: avoid; page-break-inside: avoid; border-width: 1px !important; }
  .debrief-chart, .debrief-quote, .debrief-figure, tr { break-inside: avoid; page-break-inside: avoid; }
  .debrief-root * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const SECTIONS = ["distribution", "churn", "ranking", "reciprocity", "admiration", "halo", "leniency", "replay", "reflection"] as const;


export function DebriefView({
  debrief,
  scale,
  heldOn,
  printedOn,
}: {
  debrief: Debrief;
  scale: { min: number; max: number };
  /** When the first round opened, already formatted; null before any round. */
  heldOn: string | null;
  printedOn: string;
}) {
  const { session } = debrief;
  const code = session.code;
  const t = useTranslations("debrief.view");
  return (
    <div className="debrief-root flex flex-col gap-8">
      <style>{DEBRIEF_CSS}</style>

      <div className="flex flex-col gap-1 border-b-4 border-ink pb-4 print:pb-2" data-testid="debrief-title">
        <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">
          {t.rich("kicker", { code, mono: (chunks) => <span className="font-mono">{chunks}</span> })}
        </p>
        <h1 className="font-[family-name:var(--font-display)] text-3xl font-bold uppercase break-words hyphens-auto sm:text-5xl print:text-3xl">{session.title}</h1>
        <p className="text-lg text-steel print:text-xs">
          {heldOn ? t("heldOn", { date: heldOn }) : t("noRound")} · {t("participants", { count: session.participants })} · {t("rounds", { count: session.rounds })} ·{" "}
          {t("needsRaters", { k: session.k })}
          {session.archived ? t("archived") : ""}
          <span className="hidden print:inline">{t("printed", { date: printedOn })}</span>
        </p>
        <p className="hidden text-xs text-steel print:block">
          {t("printLegend", { revealed: debrief.revealed.length ? debrief.revealed.map((id) => t(`sections.${id}`)).join(", ") : "none" })}
        </p>
      </div>

      <DebriefToolbar code={code} revealed={debrief.revealed} ended={session.ended} />

      <nav aria-label={t("sectionsNav")} className="flex flex-wrap gap-x-4 gap-y-1 text-base print:hidden">
        {[
          ...SECTIONS.map((id) => ({ id, title: t(`sections.${id}`) })),
          ...debrief.scenes.tribunals.map((x) => ({ id: `tribunal-${x.round}`, title: t("sceneNav.tribunal", { round: x.round }) })),
          ...debrief.scenes.rifs.map((r) => ({ id: `rif-${r.round}`, title: t("sceneNav.rif", { round: r.round }) })),
          ...debrief.scenes.conferences.map((c) => ({ id: `conference-${c.round}`, title: t("sceneNav.conference", { round: c.round }) })),
        ].map((s) => (
          <a key={s.id} href={`#${s.id}`} className="font-semibold underline underline-offset-4 hover:text-party">
            {s.title}
          </a>
        ))}
      </nav>

      <DistributionSection debrief={debrief} />
      <ChurnSection debrief={debrief} />
      <RankingSection debrief={debrief} />
      <ReciprocitySection debrief={debrief} />
      <AdmirationSection debrief={debrief} />
      <HaloSection debrief={debrief} />
      <LeniencySection debrief={debrief} scale={scale} />
      <ReplaySection debrief={debrief} />
      <ScenesSections debrief={debrief} />
      <ReflectionSection debrief={debrief} />
    </div>
  );
}

export function DistributionSection({ debrief }: { debrief: Debrief }) {
  const rounds = debrief.distribution;
  const yMax = Math.max(1, ...rounds.flatMap((r) => r.histogram.map((b) => b.count)));
  const withGini = rounds.filter((r) => r.gini !== null);
  const last = withGini.at(-1);
  const first = withGini[0];
  const t = useTranslations("debrief.view");
  const { fmt, ruleName } = useDebriefText();
  let reading: string;
  if (rounds.length === 0) reading = t("distribution.noRound");
  else if (!last) reading = t("distribution.noScore", { k: debrief.session.k });
  else if (first && first !== last && first.gini !== null && last.gini !== null) {
    const diff = last.gini - first.gini;
    const trend = Math.abs(diff) < 0.01 ? "same" : diff > 0 ? "grew" : "shrank";
    reading = t("distribution.trend", {
      trend,
      first: fmt(first.gini),
      firstRound: first.round,
      last: fmt(last.gini),
      lastRound: last.round,
      firstMean: fmt(first.mean),
      lastMean: fmt(last.mean),
    });
  } else reading = t("distribution.single", { round: last.round, gini: fmt(last.gini), mean: fmt(last.mean), scored: last.scored, participants: last.participants });
  return (
    <DebriefSection
      id="distribution"
      title={t("sections.distribution")}
      what={t("distribution.what")}
      stats={<Stat name="gini" value={fmt(last?.gini)} label={last ? t("distribution.statLabel", { round: last.round }) : t("distribution.statNone")} />}
      reading={reading}
    >
      {rounds.length ? (
        <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-2">
          {rounds.map((r) => (
            <figure key={r.round} className="debrief-figure flex flex-col gap-2 rounded-md border-2 border-ink/15 p-3 print:p-2" data-testid="distribution-round">
              <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase print:text-base">
                  {t("distribution.round", { round: r.round })}
                  {r.title ? ` · ${r.title}` : ""}
                </span>
                <span className="font-mono text-2xl font-bold print:text-base">Gini {fmt(r.gini)}</span>
                <span className="w-full text-base text-steel print:text-[8pt]">
                  {r.rules.map(ruleName).join(" · ")} · {t("distribution.meta", { mean: fmt(r.mean), scored: r.scored, participants: r.participants })}
                  {r.norm !== null ? t("distribution.norm", { norm: fmt(r.norm) }) : ""}
                </span>
              </figcaption>
              {r.scored ? <DistributionChart round={r.round} bins={r.histogram} yMax={yMax} /> : <p className="py-8 text-center text-lg text-steel">{t("distribution.nobody")}</p>}
            </figure>
          ))}
        </div>
      ) : null}
      {rounds.length ? <Note>{t("distribution.note")}</Note> : null}
    </DebriefSection>
  );
}

export function ChurnSection({ debrief }: { debrief: Debrief }) {
  const churn = debrief.churn;
  const last = churn.at(-1);
  const names = debrief.revealed.includes("churn");
  const t = useTranslations("debrief.view");
  const { fmt, place } = useDebriefText();
  let reading: string;
  if (debrief.session.rounds === 0) reading = t("churn.noRound");
  else if (!last) reading = t("churn.oneRound");
  else if (last.spearman === null) reading = t("churn.tooFew", { from: last.from, to: last.to });
  else {
    const top = [...last.risers, ...last.fallers].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
    const move = top ? t("churn.biggest", { who: top.who, from: place(top.from), to: place(top.to) }) : t("churn.nobodyMoved");
    const size = last.spearman >= 0.9 ? "barely" : last.spearman >= 0.6 ? "somewhat" : last.spearman >= 0.3 ? "lot" : "lottery";
    reading = `${t("churn.reading", { from: last.from, to: last.to, size, spearman: fmt(last.spearman), kendall: fmt(last.kendall) })}${move}`;
  }
  return (
    <DebriefSection
      id="churn"
      title={t("sections.churn")}
      what={t("churn.what")}
      stats={<Stat name="churn" value={fmt(last?.spearman)} label={last ? t("churn.statLabel", { from: last.from, to: last.to }) : t("churn.statNone")} />}
      reading={reading}
    >
      {churn.length ? (
        <>
          <ChurnChart transitions={churn} />
          {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("churn.table")}>
            <table className="w-full border-collapse text-left text-lg print:text-[9pt]" data-testid="churn-table">
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 print:p-1">{t("churn.rounds")}</th>
                  <th scope="col" className="p-2 print:p-1">Spearman ρ</th>
                  <th scope="col" className="p-2 print:p-1">Kendall τ</th>
                  <th scope="col" className="p-2 print:p-1">{t("churn.climbs")}</th>
                  <th scope="col" className="p-2 print:p-1">{t("churn.falls")}</th>
                </tr>
              </thead>
              <tbody>
                {churn.map((c) => (
                  <tr key={`${c.from}-${c.to}`} className="border-b border-ink/15 align-top">
                    <th scope="row" className="whitespace-nowrap p-2 font-semibold print:p-1">
                      {c.from} → {c.to}
                    </th>
                    <td className="p-2 font-mono font-bold print:p-1">{fmt(c.spearman)}</td>
                    <td className="p-2 font-mono print:p-1">{fmt(c.kendall)}</td>
                    <td className="p-2 print:p-1">
                      <MoveList moves={c.risers} empty={t("churn.nobodyClimbed")} />
                    </td>
                    <td className="p-2 print:p-1">
                      <MoveList moves={c.fallers} empty={t("churn.nobodyFell")} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Note>
            {names ? t("churn.namesShown") : t("pseudonyms")}
            {t("churn.bothRounds")}
          </Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function RankingSection({ debrief, size = "page" }: { debrief: Debrief; size?: "page" | "projector" }) {
  const frames = debrief.ranking;
  const names = debrief.revealed.includes("churn");
  const t = useTranslations("debrief.view");
  const frameText = useTranslations("debrief.frame");
  const reading =
    frames.length === 0
      ? t("ranking.none")
      : frames.length === 1
        ? `${frameReading(frames[0]!, true, frameText)}${t("ranking.one")}`
        : t("ranking.many", { count: frames.length });
  return (
    <DebriefSection
      id="ranking"
      title={t("sections.ranking")}
      what={t("ranking.what")}
      stats={<Stat name="ranking" value={String(frames.length)} label={t("ranking.statLabel", { count: frames.length })} />}
      reading={reading}
    >
      {frames.length ? (
        <>
          <RankingReplay frames={frames} size={size} />
          <Note>{names ? t("ranking.namesShown") : t("ranking.pseudonyms")}</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

function MoveList({ moves, empty }: { moves: { who: string; from: number; to: number; delta: number }[]; empty: string }) {
  const t = useTranslations("debrief.view");
  const { place } = useDebriefText();
  if (moves.length === 0) return <span className="text-steel">{empty}</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {moves.map((m) => (
        <li key={m.who}>
          <span aria-hidden="true" className={m.delta > 0 ? "text-ink" : "text-party"}>
            {m.delta > 0 ? "▲" : "▼"}
          </span>{" "}
          <strong>{m.who}</strong> {place(m.from)} → {place(m.to)}{" "}
          <span className="font-mono">({m.delta > 0 ? t("churn.up", { n: m.delta }) : t("churn.down", { n: -m.delta })})</span>
        </li>
      ))}
    </ul>
  );
}

export function ReciprocitySection({ debrief }: { debrief: Debrief }) {
  const t = useTranslations("debrief.view");
  const { fmt, pct } = useDebriefText();
  if (debrief.reciprocity.locked) return <LockedSection id="reciprocity" title={t("sections.reciprocity")} />;
  const { pairs, correlation, revenge } = debrief.reciprocity;
  const first =
    correlation === null
      ? pairs === 0
        ? t("reciprocity.noPairs")
        : t("reciprocity.fewPairs", { pairs })
      : t("reciprocity.relation", {
          strength: strengthKey(correlation),
          pairs,
          gist: correlation >= 0.4 ? "back" : correlation >= 0.2 ? "some" : "little",
        });
  const second = revenge.share === null ? t("reciprocity.noDrops") : t("reciprocity.revenge", { revenge: revenge.revengeDrops, drops: revenge.drops });
  return (
    <DebriefSection
      id="reciprocity"
      title={t("sections.reciprocity")}
      what={t("reciprocity.what")}
      stats={
        <>
          <Stat name="reciprocity" value={fmt(correlation)} label={correlation === null ? t("reciprocity.rNone") : t("reciprocity.rLabel", { pairs })} />
          <Stat name="revenge" value={pct(revenge.share)} label={revenge.share === null ? t("reciprocity.noDropsLabel") : t("reciprocity.revengeLabel")} />
        </>
      }
      reading={
        <>
          <p>{first}</p>
          <p className="mt-1">{second}</p>
        </>
      }
    >
      {revenge.drops > 0 ? <RevengeChart drops={revenge.drops} revengeDrops={revenge.revengeDrops} /> : null}
      <Note>{t("reciprocity.note")}</Note>
    </DebriefSection>
  );
}

export function AdmirationSection({ debrief }: { debrief: Debrief }) {
  const t = useTranslations("debrief.view");
  const { fmt, signed } = useDebriefText();
  if (debrief.admiration.locked) return <LockedSection id="admiration" title={t("sections.admiration")} />;
  const { nodes, edges, cliques, pairs } = debrief.admiration;
  let reading: string;
  if (nodes.length === 0) reading = t("admiration.none");
  else if (pairs === 0) reading = t("admiration.noPairs");
  else reading = t("admiration.reading", { pairs, cliques: cliques.length, largest: cliques[0] ? String(cliques[0].members.length) : "none" });
  return (
    <DebriefSection
      id="admiration"
      title={t("sections.admiration")}
      what={t("admiration.what")}
      stats={<Stat name="cliques" value={nodes.length ? String(cliques.length) : "—"} label={t("admiration.statLabel", { pairs })} />}
      reading={reading}
    >
      {nodes.length ? (
        <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr] print:grid-cols-[3fr_2fr] print:gap-3">
          <AdmirationNetwork nodes={nodes} edges={edges} cliques={cliques} />
          <div className="flex flex-col gap-4 text-lg print:gap-2 print:text-[9pt]">
            <div>
              <h3 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase print:text-base">{t("admiration.cliques")}</h3>
              {cliques.length ? (
                <ul className="mt-1 flex flex-col gap-1" data-testid="clique-list">
                  {cliques.map((c) => (
                    <li key={c.members.join("-")}>
                      <strong className="font-mono">{c.members.join(" · ")}</strong>:{" "}
                      {t("admiration.clique", { inside: fmt(c.meanInside), outside: c.meanOutside === null ? "none" : fmt(c.meanOutside) })}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-steel">{t("admiration.noneFound")}</p>
              )}
            </div>
            {edges.length ? (
              <div>
                <h3 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase print:text-base">{t("admiration.pairs")}</h3>
                <ul className="flex flex-wrap gap-x-4 gap-y-1 font-mono" data-testid="pair-list">
                  {edges.map((e) => (
                    <li key={`${e.a}-${e.b}`} className="whitespace-nowrap">
                      {e.a}–{e.b} <strong>{signed(e.weight, 1)}</strong>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="text-base text-steel print:text-[8pt]">
              <p>{t("admiration.legendLine")}</p>
              <p>{t("admiration.legendRing")}</p>
              <p>{t("admiration.legendNames")}</p>
            </div>
          </div>
        </div>
      ) : null}
    </DebriefSection>
  );
}

export function HaloSection({ debrief }: { debrief: Debrief }) {
  const t = useTranslations("debrief.view");
  const { fmt } = useDebriefText();
  if (debrief.halo.locked) return <LockedSection id="halo" title={t("sections.halo")} />;
  const { dimensions, matrix, meanOffDiagonal: m } = debrief.halo;
  const reading =
    m === null
      ? t("halo.tooFew")
      : m >= 0.7
        ? t("halo.together", { r: fmt(m), count: dimensions.length })
        : m >= 0.4
          ? t("halo.linked", { r: fmt(m) })
          : t("halo.independent", { r: fmt(m) });
  return (
    <DebriefSection
      id="halo"
      title={t("sections.halo")}
      what={t("halo.what", { count: dimensions.length })}
      stats={<Stat name="halo" value={fmt(m)} label={t("halo.statLabel")} />}
      reading={reading}
    >
      {matrix.some((row) => row.some((r) => r !== null)) ? (
        <>
          <HaloTable dimensions={dimensions} matrix={matrix} />
          <Note>{t("halo.note")}</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function LeniencySection({ debrief, scale }: { debrief: Debrief; scale: { min: number; max: number } }) {
  const t = useTranslations("debrief.view");
  const { fmt } = useDebriefText();
  if (debrief.leniency.locked) return <LockedSection id="leniency" title={t("sections.leniency")} />;
  const { raters, spread, sd, groupMean } = debrief.leniency;
  // Rater pseudonyms (R01…) only: names with their mean given would unlock the ratings export.
  const names = false;
  const lenient = raters.filter((r) => r.kind === "lenient").length;
  const severe = raters.filter((r) => r.kind === "severe").length;
  const top = raters[0];
  const bottom = raters.at(-1);
  const reading =
    spread === null || !top || !bottom
      ? raters.length === 0
        ? t("leniency.none")
        : t("leniency.one")
      : t("leniency.reading", { low: fmt(bottom.meanGiven), high: fmt(top.meanGiven), mean: fmt(groupMean), sd: fmt(sd), lenient, severe });
  return (
    <DebriefSection
      id="leniency"
      title={t("sections.leniency")}
      what={t("leniency.what")}
      stats={<Stat name="leniency" value={fmt(spread)} label={t("leniency.statLabel")} />}
      reading={reading}
    >
      {raters.length ? (
        <>
          <LeniencyChart raters={raters} groupMean={groupMean} max={scale.max} />
          <Note>
            {t("leniency.legend")} {names ? t("churn.namesShown") : t("leniency.raters")}
          </Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function ReplaySection({ debrief }: { debrief: Debrief }) {
  const k = debrief.session.k;
  const t = useTranslations("debrief.view");
  const { ruleName } = useDebriefText();
  // "Plain mean, k = 2" repeats "Plain mean (k = 2)" when the session's own k is 2 (or 5): show it once.
  const replay = debrief.replay && {
    ...debrief.replay,
    rules: debrief.replay.rules.filter((r) => !(r.rule === `Plain mean, k = ${k}` && debrief.replay!.rules.some((o) => o.rule === `Plain mean (k = ${k})`))),
  };
  const people = debrief.session.participants;
  const best = replay?.rules.reduce<(typeof replay.rules)[number] | null>((a, r) => (!a || r.rankChanges > a.rankChanges ? r : a), null) ?? null;
  const maxBand = replay ? Math.max(0, ...replay.rules.map((r) => r.bandChanges)) : 0;
  let reading: string;
  if (!replay) reading = t("replay.none");
  else if (!best || best.rankChanges === 0) reading = t("replay.holds", { round: replay.round });
  else reading = t("replay.reading", { changes: best.rankChanges, people, bands: maxBand });
  return (
    <DebriefSection
      id="replay"
      title={t("sections.replay")}
      what={t("replay.what")}
      stats={
        <Stat
          name="replay"
          value={best ? String(best.rankChanges) : "—"}
          label={best ? t("replay.statLabel", { people, rule: ruleName(best.rule) }) : t("replay.statNone")}
        />
      }
      reading={
        <>
          <p>{reading}</p>
          {replay ? <p className="mt-1 text-lg text-steel print:text-xs">{t("replay.playedUnder", { round: replay.round, rules: replay.actual.map(ruleName).join(" · ") })}</p> : null}
        </>
      }
    >
      {replay && replay.rules.length ? (
        <>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("replay.table")}>
            <table className="w-full border-collapse text-left text-xl print:text-[9pt]" data-testid="replay-table">
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 print:p-1">{t("replay.rule")}</th>
                  <th scope="col" className="p-2 text-right print:p-1">{t("replay.rankChanges")}</th>
                  <th scope="col" className="p-2 text-right print:p-1">{t("replay.bandChanges")}</th>
                </tr>
              </thead>
              <tbody>
                {replay.rules.map((r, i) => (
                  <tr key={i} className="border-b border-ink/15">
                    <th scope="row" className="p-2 font-semibold print:p-1">
                      {ruleName(r.rule)}
                    </th>
                    <td className="p-2 text-right font-mono font-bold print:p-1">
                      {r.rankChanges} <span className="font-normal text-steel">{t("replay.of", { people })}</span>
                    </td>
                    <td className="p-2 text-right font-mono font-bold print:p-1">
                      {r.bandChanges} <span className="font-normal text-steel">{t("replay.of", { people })}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ReplayChart rules={replay.rules} people={people} />
          <Note>{t("replay.note")}</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function ReflectionSection({ debrief, texts: showTexts = true }: { debrief: Debrief; texts?: boolean }) {
  const { answered, open, items, texts, spotlight } = debrief.reflection;
  const charts = useTranslations("debrief.charts");
  const people = debrief.session.participants;
  const t = useTranslations("debrief.view");
  const statements = useTranslations("content.reflection");
  // The five statements in the debrief's language (their key is the same in every language).
  const statement = (i: { key: string; label: string }) => (REFLECTION_KEYS.has(i.key) ? statements(i.key as ReflectionKey) : i.label);
  const { fmt, pct } = useDebriefText();
  const most = items.filter((i) => i.agreeShare !== null).sort((a, b) => (b.agreeShare ?? 0) - (a.agreeShare ?? 0))[0];
  const reading =
    answered === 0
      ? open
        ? t("reflection.openNoAnswers")
        : t("reflection.noAnswers")
      : most
        ? t("reflection.answeredMost", { answered, people, label: statement(most), share: pct(most.agreeShare) })
        : t("reflection.answered", { answered, people });
  return (
    <DebriefSection
      id="reflection"
      title={t("sections.reflection")}
      what={t("reflection.what")}
      stats={<Stat name="reflection" value={String(answered)} label={t("reflection.statLabel", { people })} />}
      reading={reading}
    >
      {answered > 0 ? (
        <div className="flex flex-col gap-4 print:gap-2">
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-base print:text-[8pt]" aria-label={t("reflection.legend")}>
            {LIKERT_STYLE.map((s) => (
              <li key={s.short} className="flex items-center gap-2">
                <span aria-hidden="true" className="inline-block h-5 w-8 rounded-sm border border-ink/30 print:h-3 print:w-5" style={{ background: s.fill }} />
                <strong className="font-mono">{charts(`likertShort.${s.key}`)}</strong> {charts(`likert.${s.key}`)}
              </li>
            ))}
          </ul>
          {items.map((i) => (
            <div key={i.key} className="debrief-figure flex flex-col gap-1" data-testid="reflection-item">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                <span className="text-xl font-semibold print:text-[9pt]">{statement(i)}</span>
                <span className="font-mono text-lg text-steel print:text-[8pt]">
                  {t("reflection.itemMeta", { share: pct(i.agreeShare), mean: fmt(i.mean, 1), count: i.count })}
                </span>
              </div>
              <LikertBar label={statement(i)} counts={i.counts} />
            </div>
          ))}
        </div>
      ) : null}
      {showTexts ? <ReflectionTexts code={debrief.session.code} texts={texts} spotlight={spotlight} /> : null}
    </DebriefSection>
  );
}
