// The facilitator's debrief: one section per analysis of this session's own
// data, readable on a projector and printable as an A4 report. Only
// aggregates and pseudonyms, except on the charts the facilitator reveals.
import type { Debrief } from "@/lib/debrief/build";
import { ChurnChart, DistributionChart, LeniencyChart, LikertBar, ReplayChart, RevengeChart } from "./charts";
import { LIKERT_STYLE } from "./colors";
import { fmt, pct, plural, signed, strength } from "./format";
import { HaloTable } from "./halo-table";
import { AdmirationNetwork } from "./network";
import { ReflectionTexts } from "./reflection-texts";
import { ScenesSections } from "./scenes";
import { DebriefSection, LockedSection, Note, Stat } from "./section";
import { DebriefToolbar } from "./toolbar";
import { frameReading } from "@/lib/debrief/ranking";
import { RankingReplay } from "./ranking-replay";

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

const SECTIONS = [
  { id: "distribution", title: "Inequality" },
  { id: "churn", title: "Rank churn" },
  { id: "ranking", title: "Ranking replay" },
  { id: "reciprocity", title: "Reciprocity" },
  { id: "admiration", title: "Admiration network" },
  { id: "halo", title: "Halo effect" },
  { id: "leniency", title: "Leniency" },
  { id: "replay", title: "Same ratings, other rules" },
  { id: "reflection", title: "Reflection" },
] as const;

const ordinal = (n: number) => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${s}`;
};

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
  return (
    <div className="debrief-root flex flex-col gap-8">
      <style>{DEBRIEF_CSS}</style>

      <div className="flex flex-col gap-1 border-b-4 border-ink pb-4 print:pb-2" data-testid="debrief-title">
        <p className="text-sm font-semibold uppercase tracking-[0.2em] text-party">
          Debrief · session <span className="font-mono">{code}</span>
        </p>
        <h1 className="font-[family-name:var(--font-display)] text-5xl font-bold uppercase print:text-3xl">{session.title}</h1>
        <p className="text-lg text-steel print:text-xs">
          {heldOn ? `Held on ${heldOn}` : "No round played yet"} · {plural(session.participants, "participant")} · {plural(session.rounds, "round")} · a
          score needs {session.k} raters
          {session.archived ? " · archived" : ""}
          <span className="hidden print:inline"> · printed {printedOn}</span>
        </p>
        <p className="hidden text-xs text-steel print:block">
          People appear as pseudonyms in no particular order: P01, P02, … with scores and ranks; N01, N02, … in the admiration network; raters as R01, R02, …{debrief.revealed.length ? `, except with names on: ${debrief.revealed.join(", ")}` : ""}.
        </p>
      </div>

      <DebriefToolbar code={code} revealed={debrief.revealed} ended={session.ended} />

      <nav aria-label="Debrief sections" className="flex flex-wrap gap-x-4 gap-y-1 text-base print:hidden">
        {[
          ...SECTIONS,
          ...debrief.scenes.tribunals.map((t) => ({ id: `tribunal-${t.round}`, title: `Tribunal (round ${t.round})` })),
          ...debrief.scenes.rifs.map((r) => ({ id: `rif-${r.round}`, title: `Reduction in Force (round ${r.round})` })),
          ...debrief.scenes.conferences.map((c) => ({ id: `conference-${c.round}`, title: `Conference (round ${c.round})` })),
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
  let reading: string;
  if (rounds.length === 0) reading = "No round has been played yet: there are no scores to compare.";
  else if (!last) reading = `Nobody has a score yet: a score needs ${debrief.session.k} raters.`;
  else if (first && first !== last && first.gini !== null && last.gini !== null) {
    const diff = last.gini - first.gini;
    const trend = Math.abs(diff) < 0.01 ? "stayed about the same" : diff > 0 ? "grew" : "shrank";
    reading = `Inequality ${trend}: Gini ${fmt(first.gini)} in round ${first.round}, ${fmt(last.gini)} in round ${last.round} (mean score ${fmt(first.mean)} → ${fmt(last.mean)}).`;
  } else reading = `Round ${last.round}: Gini ${fmt(last.gini)}, mean score ${fmt(last.mean)}, ${last.scored} of ${last.participants} people scored.`;
  return (
    <DebriefSection
      id="distribution"
      title="Inequality"
      what="How the scores spread out in each round: the histogram counts people per score range, and the Gini coefficient measures inequality (0 = everyone has the same score, 1 = one person has everything)."
      stats={<Stat name="gini" value={fmt(last?.gini)} label={last ? `Gini, round ${last.round}` : "Gini: no scores yet"} />}
      reading={reading}
    >
      {rounds.length ? (
        <div className="grid gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-2">
          {rounds.map((r) => (
            <figure key={r.round} className="debrief-figure flex flex-col gap-2 rounded-md border-2 border-ink/15 p-3 print:p-2" data-testid="distribution-round">
              <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase print:text-base">
                  Round {r.round}
                  {r.title ? ` · ${r.title}` : ""}
                </span>
                <span className="font-mono text-2xl font-bold print:text-base">Gini {fmt(r.gini)}</span>
                <span className="w-full text-base text-steel print:text-[8pt]">
                  {r.rules.join(" · ")} · mean {fmt(r.mean)} · {r.scored} of {r.participants} scored
                  {r.norm !== null ? ` · norm ${fmt(r.norm)}` : ""}
                </span>
              </figcaption>
              {r.scored ? <DistributionChart round={r.round} bins={r.histogram} yMax={yMax} /> : <p className="py-8 text-center text-lg text-steel">Nobody scored in this round.</p>}
            </figure>
          ))}
        </div>
      ) : null}
      {rounds.length ? <Note>Bars: number of people whose round score fell in each range.</Note> : null}
    </DebriefSection>
  );
}

export function ChurnSection({ debrief }: { debrief: Debrief }) {
  const churn = debrief.churn;
  const last = churn.at(-1);
  const names = debrief.revealed.includes("churn");
  let reading: string;
  if (debrief.session.rounds === 0) reading = "No round yet: churn needs two.";
  else if (!last) reading = "Only one round so far: churn needs two.";
  else if (last.spearman === null) reading = `Too few people were ranked in both round ${last.from} and round ${last.to} to compare their order (at least 3 are needed).`;
  else {
    const top = [...last.risers, ...last.fallers].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
    const move = top ? ` Biggest move: ${top.who} from ${ordinal(top.from)} to ${ordinal(top.to)}.` : " Nobody changed rank.";
    const size = last.spearman >= 0.9 ? "barely moved" : last.spearman >= 0.6 ? "shifted somewhat" : last.spearman >= 0.3 ? "reshuffled a lot" : "was close to a lottery";
    reading = `From round ${last.from} to round ${last.to} the ranking ${size} (ρ ${fmt(last.spearman)}, Kendall's τ ${fmt(last.kendall)}).${move}`;
  }
  return (
    <DebriefSection
      id="churn"
      title="Rank churn"
      what="How much the ranking reshuffled from one round to the next: Spearman's ρ compares the two orders (1 = the same order, 0 = unrelated, −1 = reversed)."
      stats={<Stat name="churn" value={fmt(last?.spearman)} label={last ? `Spearman ρ, round ${last.from} → ${last.to}` : "Spearman ρ: needs two rounds"} />}
      reading={reading}
    >
      {churn.length ? (
        <>
          <ChurnChart transitions={churn} />
          {/* Focusable so a keyboard can scroll the table sideways on a phone. */}
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Rank churn table">
            <table className="w-full border-collapse text-left text-lg print:text-[9pt]" data-testid="churn-table">
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 print:p-1">Rounds</th>
                  <th scope="col" className="p-2 print:p-1">Spearman ρ</th>
                  <th scope="col" className="p-2 print:p-1">Kendall τ</th>
                  <th scope="col" className="p-2 print:p-1">Biggest climbs</th>
                  <th scope="col" className="p-2 print:p-1">Biggest falls</th>
                </tr>
              </thead>
              <tbody>
                {churn.map((t) => (
                  <tr key={`${t.from}-${t.to}`} className="border-b border-ink/15 align-top">
                    <th scope="row" className="whitespace-nowrap p-2 font-semibold print:p-1">
                      {t.from} → {t.to}
                    </th>
                    <td className="p-2 font-mono font-bold print:p-1">{fmt(t.spearman)}</td>
                    <td className="p-2 font-mono print:p-1">{fmt(t.kendall)}</td>
                    <td className="p-2 print:p-1">
                      <MoveList moves={t.risers} empty="nobody climbed" />
                    </td>
                    <td className="p-2 print:p-1">
                      <MoveList moves={t.fallers} empty="nobody fell" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Note>{names ? "Names shown on this chart." : "People appear as pseudonyms in no particular order: P01, P02, … with scores and ranks; N01, N02, … in the admiration network; raters as R01, R02, …."} Only people ranked in both rounds count.</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function RankingSection({ debrief, size = "page" }: { debrief: Debrief; size?: "page" | "projector" }) {
  const frames = debrief.ranking;
  const names = debrief.revealed.includes("churn");
  const reading =
    frames.length === 0
      ? "No closed round with ratings yet: nothing to replay."
      : frames.length === 1
        ? `${frameReading(frames[0]!, true)} The replay needs a second round to show who rises and who falls.`
        : `${frames.length} rounds, everyone against everyone: play the board round by round and watch who rises, who falls, and when the rules changed.`;
  return (
    <DebriefSection
      id="ranking"
      title="Ranking replay"
      what="The board of every closed round, one round at a time: each person's place, how far they climbed or fell since the round before, and where the rules changed."
      stats={<Stat name="ranking" value={String(frames.length)} label={frames.length === 1 ? "round with a ranking" : "rounds with a ranking"} />}
      reading={reading}
    >
      {frames.length ? (
        <>
          <RankingReplay frames={frames} size={size} />
          <Note>{names ? "Names shown (they follow the rank-churn switch: the same ranks)." : "People appear as pseudonyms (P01, P02, …, the same as on the other charts); ticking names on churn shows names here too."}</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

function MoveList({ moves, empty }: { moves: { who: string; from: number; to: number; delta: number }[]; empty: string }) {
  if (moves.length === 0) return <span className="text-steel">{empty}</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {moves.map((m) => (
        <li key={m.who}>
          <span aria-hidden="true" className={m.delta > 0 ? "text-ink" : "text-party"}>
            {m.delta > 0 ? "▲" : "▼"}
          </span>{" "}
          <strong>{m.who}</strong> {ordinal(m.from)} → {ordinal(m.to)}{" "}
          <span className="font-mono">({m.delta > 0 ? `up ${m.delta}` : `down ${-m.delta}`})</span>
        </li>
      ))}
    </ul>
  );
}

export function ReciprocitySection({ debrief }: { debrief: Debrief }) {
  if (debrief.reciprocity.locked) return <LockedSection id="reciprocity" title="Reciprocity" message={debrief.reciprocity.message} />;
  const { pairs, correlation, revenge } = debrief.reciprocity;
  const first =
    correlation === null
      ? pairs === 0
        ? "No two people have rated each other yet: reciprocity needs pairs."
        : `Only ${plural(pairs, "pair")} rated each other: at least 3 are needed to measure reciprocity.`
      : `${strength(correlation)[0]!.toUpperCase()}${strength(correlation).slice(1)} relation over ${plural(pairs, "pair")}: ${
          correlation >= 0.4 ? "people largely gave back what they got." : correlation >= 0.2 ? "some tit-for-tat." : "little sign of tit-for-tat."
        }`;
  const second =
    revenge.share === null
      ? "No one lowered a score they had given, so there is no revenge to count."
      : `${revenge.revengeDrops} of ${plural(revenge.drops, "score drop")} came within two minutes of a low score (2 or less) from the person being marked down.`;
  return (
    <DebriefSection
      id="reciprocity"
      title="Reciprocity"
      what="Whether ratings came back in kind: the correlation between what A gave B and what B gave A, and how many lowered scores followed a low score from that same person."
      stats={
        <>
          <Stat name="reciprocity" value={fmt(correlation)} label={correlation === null ? "r: not enough pairs" : `r over ${plural(pairs, "mutual pair")}`} />
          <Stat name="revenge" value={pct(revenge.share)} label={revenge.share === null ? "no score drops" : "of score drops look like revenge"} />
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
      <Note>Never shows names: who rated whom must stay anonymous.</Note>
    </DebriefSection>
  );
}

export function AdmirationSection({ debrief }: { debrief: Debrief }) {
  if (debrief.admiration.locked) return <LockedSection id="admiration" title="Admiration network" message={debrief.admiration.message} />;
  const { nodes, edges, cliques, pairs } = debrief.admiration;
  let reading: string;
  if (nodes.length === 0) reading = "No ratings yet: no network to draw.";
  else if (pairs === 0) reading = "No pair rated each other a full point above their own habit: no mutual-admiration pairs in this group.";
  else
    reading = `${plural(pairs, "mutual-admiration pair")} and ${plural(cliques.length, "clique")} of three or more${
      cliques[0] ? ` (the largest has ${cliques[0].members.length} members)` : ""
    }.`;
  return (
    <DebriefSection
      id="admiration"
      title="Admiration network"
      what="Who rates whom at least one point above their own usual rating, both ways: a line joins such a pair, and a clique is a group in which every pair does it."
      stats={<Stat name="cliques" value={nodes.length ? String(cliques.length) : "—"} label={`cliques of 3+ · ${plural(pairs, "pair")}`} />}
      reading={reading}
    >
      {nodes.length ? (
        <div className="grid items-start gap-6 lg:grid-cols-[3fr_2fr] print:grid-cols-[3fr_2fr] print:gap-3">
          <AdmirationNetwork nodes={nodes} edges={edges} cliques={cliques} />
          <div className="flex flex-col gap-4 text-lg print:gap-2 print:text-[9pt]">
            <div>
              <h3 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase print:text-base">Cliques</h3>
              {cliques.length ? (
                <ul className="mt-1 flex flex-col gap-1" data-testid="clique-list">
                  {cliques.map((c) => (
                    <li key={c.members.join("-")}>
                      <strong className="font-mono">{c.members.join(" · ")}</strong>: {fmt(c.meanInside)} to each other,{" "}
                      {c.meanOutside === null ? "nobody else rated" : `${fmt(c.meanOutside)} to everyone else`}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-steel">None.</p>
              )}
            </div>
            {edges.length ? (
              <div>
                <h3 className="font-[family-name:var(--font-display)] text-2xl font-bold uppercase print:text-base">Pairs</h3>
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
              <p>Line: the two rate each other above their own habit; thicker = further above (the pair&apos;s number: mean points above habit).</p>
              <p>Double ring and gold disc: in a clique. Dashed circle: no mutual pair.</p>
              <p>Never shows names: pseudonyms only.</p>
            </div>
          </div>
        </div>
      ) : null}
    </DebriefSection>
  );
}

export function HaloSection({ debrief }: { debrief: Debrief }) {
  if (debrief.halo.locked) return <LockedSection id="halo" title="Halo effect" message={debrief.halo.message} />;
  const { dimensions, matrix, meanOffDiagonal: m } = debrief.halo;
  const reading =
    m === null
      ? "Too few rating sheets to correlate the dimensions: it needs at least 3 sheets whose scores vary."
      : m >= 0.7
        ? `The dimensions move together (mean r ${fmt(m)}): people gave one overall impression, ${dimensions.length} times over.`
        : m >= 0.4
          ? `The dimensions are clearly linked (mean r ${fmt(m)}): a good impression on one quality spilled over into the others.`
          : `The dimensions were rated fairly independently (mean r ${fmt(m)}).`;
  return (
    <DebriefSection
      id="halo"
      title="Halo effect"
      what={`Whether people judged ${dimensions.length} separate qualities or one overall impression: the correlation between the scores each rater gave one person on every two dimensions.`}
      stats={<Stat name="halo" value={fmt(m)} label="mean correlation between two dimensions" />}
      reading={reading}
    >
      {matrix.some((row) => row.some((r) => r !== null)) ? (
        <>
          <HaloTable dimensions={dimensions} matrix={matrix} />
          <Note>Each cell is Pearson&apos;s r (−1 to 1); darker red = stronger positive, grey = negative; n/a = not enough data.</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function LeniencySection({ debrief, scale }: { debrief: Debrief; scale: { min: number; max: number } }) {
  if (debrief.leniency.locked) return <LockedSection id="leniency" title="Leniency" message={debrief.leniency.message} />;
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
        ? "No ratings yet: no raters to compare."
        : "Only one rater so far: leniency needs two to compare."
      : `Raters' averages run from ${fmt(bottom.meanGiven)} to ${fmt(top.meanGiven)} around a group mean of ${fmt(groupMean)} (SD ${fmt(sd)}): ${plural(
          lenient,
          "lenient rater",
        )} and ${plural(severe, "severe rater")} (more than one SD from the mean).`;
  return (
    <DebriefSection
      id="leniency"
      title="Leniency"
      what="Each rater's average given score: the same person gets a different number depending on who happens to rate them."
      stats={<Stat name="leniency" value={fmt(spread)} label="points between the most lenient and the most severe rater" />}
      reading={reading}
    >
      {raters.length ? (
        <>
          <LeniencyChart raters={raters} groupMean={groupMean} max={scale.max} />
          <Note>
            ▲ lenient (gold) / ▼ severe (red): more than one SD above / below the group mean; dashed line: group mean.{" "}
            {names ? "Names shown on this chart." : "Raters appear as R01, R02, … (never named: with their averages they would unlock the ratings export)."}
          </Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function ReplaySection({ debrief }: { debrief: Debrief }) {
  const k = debrief.session.k;
  // "Plain mean, k = 2" repeats "Plain mean (k = 2)" when the session's own k is 2 (or 5): show it once.
  const replay = debrief.replay && {
    ...debrief.replay,
    rules: debrief.replay.rules.filter((r) => !(r.rule === `Plain mean, k = ${k}` && debrief.replay!.rules.some((o) => o.rule === `Plain mean (k = ${k})`))),
  };
  const people = debrief.session.participants;
  const best = replay?.rules.reduce<(typeof replay.rules)[number] | null>((a, r) => (!a || r.rankChanges > a.rankChanges ? r : a), null) ?? null;
  const maxBand = replay ? Math.max(0, ...replay.rules.map((r) => r.bandChanges)) : 0;
  let reading: string;
  if (!replay) reading = "No round yet: nothing to replay.";
  else if (!best || best.rankChanges === 0) reading = `Round ${replay.round}'s ranking holds under every rule tried: no one would change rank.`;
  else
    reading = `Same ratings, different arithmetic: up to ${best.rankChanges} of ${people} people land on a different rank, and up to ${maxBand} in a different band of a 20/70/10 curve.`;
  return (
    <DebriefSection
      id="replay"
      title="Same ratings, other rules"
      what="The last round's own ratings scored again under other rules: how many people would have got a different rank, or a different band of a 20/70/10 forced distribution."
      stats={
        <Stat
          name="replay"
          value={best ? String(best.rankChanges) : "—"}
          label={best ? `of ${people} people change rank under “${best.rule}”` : "no round to replay"}
        />
      }
      reading={
        <>
          <p>{reading}</p>
          {replay ? <p className="mt-1 text-lg text-steel print:text-xs">Round {replay.round} was played under: {replay.actual.join(" · ")}.</p> : null}
        </>
      }
    >
      {replay && replay.rules.length ? (
        <>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Replay under other rules table">
            <table className="w-full border-collapse text-left text-xl print:text-[9pt]" data-testid="replay-table">
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 print:p-1">Rule</th>
                  <th scope="col" className="p-2 text-right print:p-1">People changing rank</th>
                  <th scope="col" className="p-2 text-right print:p-1">People changing band (20/70/10)</th>
                </tr>
              </thead>
              <tbody>
                {replay.rules.map((r, i) => (
                  <tr key={i} className="border-b border-ink/15">
                    <th scope="row" className="p-2 font-semibold print:p-1">
                      {r.rule}
                    </th>
                    <td className="p-2 text-right font-mono font-bold print:p-1">
                      {r.rankChanges} <span className="font-normal text-steel">of {people}</span>
                    </td>
                    <td className="p-2 text-right font-mono font-bold print:p-1">
                      {r.bandChanges} <span className="font-normal text-steel">of {people}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ReplayChart rules={replay.rules} people={people} />
          <Note>Compared with the ranking the round actually showed; a person without a score (fewer raters than needed) counts as a change if the rule gives them one.</Note>
        </>
      ) : null}
    </DebriefSection>
  );
}

export function ReflectionSection({ debrief, texts: showTexts = true }: { debrief: Debrief; texts?: boolean }) {
  const { answered, open, items, texts, spotlight } = debrief.reflection;
  const people = debrief.session.participants;
  const most = items.filter((i) => i.agreeShare !== null).sort((a, b) => (b.agreeShare ?? 0) - (a.agreeShare ?? 0))[0];
  const reading =
    answered === 0
      ? open
        ? "The reflection is open, but no one has answered yet."
        : "No one has answered the reflection yet."
      : `${answered} of ${people} answered${most ? `; most agreed with “${most.label}” (${pct(most.agreeShare)} agree or strongly agree)` : ""}.`;
  return (
    <DebriefSection
      id="reflection"
      title="Reflection"
      what="How being rated felt, from the anonymous reflection: agreement with five statements, and what people wrote in their own words."
      stats={<Stat name="reflection" value={String(answered)} label={`of ${plural(people, "participant")} answered`} />}
      reading={reading}
    >
      {answered > 0 ? (
        <div className="flex flex-col gap-4 print:gap-2">
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-base print:text-[8pt]" aria-label="Legend">
            {LIKERT_STYLE.map((s) => (
              <li key={s.short} className="flex items-center gap-2">
                <span aria-hidden="true" className="inline-block h-5 w-8 rounded-sm border border-ink/30 print:h-3 print:w-5" style={{ background: s.fill }} />
                <strong className="font-mono">{s.short}</strong> {s.label}
              </li>
            ))}
          </ul>
          {items.map((i) => (
            <div key={i.key} className="debrief-figure flex flex-col gap-1" data-testid="reflection-item">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                <span className="text-xl font-semibold print:text-[9pt]">{i.label}</span>
                <span className="font-mono text-lg text-steel print:text-[8pt]">
                  agree {pct(i.agreeShare)} · mean {fmt(i.mean, 1)} · n = {i.count}
                </span>
              </div>
              <LikertBar label={i.label} counts={i.counts} />
            </div>
          ))}
        </div>
      ) : null}
      {showTexts ? <ReflectionTexts code={debrief.session.code} texts={texts} spotlight={spotlight} /> : null}
    </DebriefSection>
  );
}
