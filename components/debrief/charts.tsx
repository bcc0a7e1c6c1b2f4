"use client";

// The recharts charts of the debrief. Every chart is drawn at a fixed size and
// scaled with CSS (see PRINT_AND_CHART_CSS in debrief-view) so it fills the
// screen on a projector and the page width in print without re-measuring.
// Fonts are large for the back of the room; bars carry their numbers as text
// so colour is never the only signal. No animation: print must not catch a
// chart mid-way.
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";
import { COLORS, LIKERT_STYLE } from "./colors";
import { edge, numbers, short } from "./format";
import { useDebriefText } from "./use-debrief-text";


const AXIS_FONT = 18;
const LABEL_FONT = 20;

/** A fixed-size chart that the stylesheet scales to its container's width; role="img" with a text summary. */
function ChartBox({ label, width, height, children }: { label: string; width: number; height: number; children: ReactNode }) {
  return (
    <div className="debrief-chart w-full" role="img" aria-label={label} style={{ aspectRatio: `${width} / ${height}`, ["--chart-ratio" as string]: width / height }}>
      {children}
    </div>
  );
}


/** A white outline behind label text, so a grid or reference line running through it never hides it. */
const HALO = { paintOrder: "stroke", stroke: "#ffffff", strokeWidth: 8, strokeLinejoin: "round" } as const;

/** Whole-number ticks from 0 up to max or just past it, at most about 10 of them; the last one is the axis end. */
function integerTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(Math.ceil(max) / 10));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

/** One round's score histogram: people per score range, the count written on each bar; yMax is shared by all rounds so they compare. */
export function DistributionChart({ round, bins, yMax }: { round: number; bins: { from: number; to: number; count: number }[]; yMax: number }) {
  const data = bins.map((b) => ({ bin: `${edge(b.from)}–${edge(b.to)}`, count: b.count }));
  const width = 500;
  const height = 290;
  const yTicks = integerTicks(Math.max(1, yMax));
  const t = useTranslations("debrief.charts");
  const summary = t("roundScores", { round, list: data.map((d) => `${d.bin}: ${d.count}`).join(", ") });
  return (
    <ChartBox label={summary} width={width} height={height}>
      <BarChart width={width} height={height} data={data} margin={{ top: 32, right: 6, bottom: 2, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={COLORS.grid} />
        <XAxis dataKey="bin" interval={0} tick={{ fontSize: 16, fill: COLORS.ink }} tickLine={false} />
        <YAxis allowDecimals={false} domain={[0, yTicks.at(-1) ?? yMax]} ticks={yTicks} width={36} tick={{ fontSize: AXIS_FONT + 2, fill: COLORS.ink }} />
        <Bar dataKey="count" fill={COLORS.ink} isAnimationActive={false}>
          <LabelList dataKey="count" position="top" style={{ fontSize: LABEL_FONT + 2, fontWeight: 700, fill: COLORS.ink, ...HALO }} formatter={(v) => (v ? String(v) : "")} />
        </Bar>
      </BarChart>
    </ChartBox>
  );
}

/** Spearman's ρ per round transition, −1…1, the value written on each bar (the axis runs a little past ±1 so a −1 bar's label clears the round names). */
export function ChurnChart({ transitions }: { transitions: { from: number; to: number; spearman: number | null }[] }) {
  const t = useTranslations("debrief.charts");
  const { fmt } = numbers(useLocale());
  const data = transitions.map((x) => ({ label: t("transition", { from: x.from, to: x.to }), rho: x.spearman }));
  const width = 1000;
  const height = 280;
  const summary = t("churnSummary", { list: data.map((d) => `${d.label}: ${fmt(d.rho)}`).join(", ") });
  return (
    <ChartBox label={summary} width={width} height={height}>
      <BarChart width={width} height={height} data={data} margin={{ top: 34, right: 16, bottom: 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={COLORS.grid} />
        <XAxis dataKey="label" interval={0} tick={{ fontSize: AXIS_FONT, fill: COLORS.ink }} tickLine={false} />
        <YAxis domain={[-1.3, 1.3]} ticks={[-1, -0.5, 0, 0.5, 1]} width={56} tick={{ fontSize: AXIS_FONT, fill: COLORS.ink }} tickFormatter={(v: number) => fmt(v, 1)} />
        <ReferenceLine y={0} stroke={COLORS.ink} strokeWidth={2} />
        <Bar dataKey="rho" fill={COLORS.party} maxBarSize={160} isAnimationActive={false}>
          <LabelList dataKey="rho" position="top" style={{ fontSize: LABEL_FONT + 4, fontWeight: 700, fill: COLORS.ink, ...HALO }} formatter={(v: unknown) => (typeof v === "number" ? fmt(v) : "n/a")} />
        </Bar>
      </BarChart>
    </ChartBox>
  );
}

/** Horizontal bars with the category names on the left and a text label at the end of each bar. */
function HorizontalBars({
  rows,
  max,
  summary,
  nameWidth,
  rowHeight = 52,
  reference,
}: {
  rows: { name: string; value: number; label: string; fill: string }[];
  max: number;
  summary: string;
  nameWidth: number;
  rowHeight?: number;
  reference?: { x: number; label: string };
}) {
  const width = 1000;
  const height = 40 + rows.length * rowHeight + (reference ? 30 : 0);
  const ticks = integerTicks(max);
  return (
    <ChartBox label={summary} width={width} height={height}>
      <BarChart
        width={width}
        height={height}
        data={rows}
        layout="vertical"
        margin={{ top: reference ? 34 : 4, right: 190, bottom: 4, left: 8 }}
        barCategoryGap="22%"
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={COLORS.grid} />
        <XAxis type="number" domain={[0, ticks.at(-1) ?? max]} ticks={ticks} tick={{ fontSize: AXIS_FONT, fill: COLORS.ink }} />
        <YAxis type="category" dataKey="name" width={nameWidth} interval={0} tick={{ fontSize: AXIS_FONT, fill: COLORS.ink }} tickLine={false} />
        {reference ? (
          <ReferenceLine
            x={reference.x}
            zIndex={250}
            stroke={COLORS.ink}
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{ value: reference.label, position: "top", fontSize: AXIS_FONT, fill: COLORS.ink, fontWeight: 700, style: HALO }}
          />
        ) : null}
        <Bar dataKey="value" minPointSize={3} isAnimationActive={false}>
          {rows.map((r, i) => (
            <Cell key={i} fill={r.fill} />
          ))}
          <LabelList dataKey="label" position="right" style={{ fontSize: LABEL_FONT, fontWeight: 700, fill: COLORS.ink, ...HALO }} />
        </Bar>
      </BarChart>
    </ChartBox>
  );
}

const nameAxisWidth = (names: string[], min = 90, max = 330) => Math.min(max, Math.max(min, 24 + Math.max(0, ...names.map((n) => n.length)) * 10.5));

/** Score drops that followed a low score from the person now being marked down, against all drops. */
export function RevengeChart({ drops, revengeDrops }: { drops: number; revengeDrops: number }) {
  const t = useTranslations("debrief.charts");
  const rows = [
    { name: t("allDrops"), value: drops, label: String(drops), fill: COLORS.steel },
    { name: t("revengeDrops"), value: revengeDrops, label: String(revengeDrops), fill: COLORS.party },
  ];
  return (
    <HorizontalBars
      rows={rows}
      max={Math.max(1, drops)}
      nameWidth={320}
      rowHeight={60}
      summary={t("revengeSummary", { drops, revenge: revengeDrops })}
    />
  );
}

export type RaterKind = "lenient" | "severe" | "typical";
const KIND_FILL: Record<RaterKind, string> = { lenient: COLORS.gold, severe: COLORS.party, typical: COLORS.steel };

/** Each rater's mean given score, most lenient first, with the group mean as a dashed line. */
export function LeniencyChart({
  raters,
  groupMean,
  max,
}: {
  raters: { who: string; meanGiven: number; count: number; kind: RaterKind }[];
  groupMean: number | null;
  max: number;
}) {
  const t = useTranslations("debrief.charts");
  const { fmt } = numbers(useLocale());
  const rows = raters.map((r) => ({
    name: short(r.who),
    value: r.meanGiven,
    label: r.kind === "typical" ? fmt(r.meanGiven) : `${fmt(r.meanGiven)} · ${r.kind === "lenient" ? t("lenient") : t("severe")}`,
    fill: KIND_FILL[r.kind],
  }));
  return (
    <HorizontalBars
      rows={rows}
      max={max}
      nameWidth={nameAxisWidth(rows.map((r) => r.name))}
      rowHeight={raters.length > 24 ? 34 : 48}
      reference={groupMean === null ? undefined : { x: groupMean, label: t("groupMean", { mean: fmt(groupMean) }) }}
      summary={t("leniencySummary", { list: rows.map((r) => `${r.name} ${r.label}`).join(", ") })}
    />
  );
}

/** How many people would change rank if the last round had been scored under each other rule. */
export function ReplayChart({ rules, people }: { rules: { rule: string; rankChanges: number }[]; people: number }) {
  const t = useTranslations("debrief.charts");
  const { ruleName } = useDebriefText();
  const rows = rules.map((r) => ({ name: short(ruleName(r.rule), 26), value: r.rankChanges, label: t("of", { n: r.rankChanges, people }), fill: COLORS.ink }));
  return (
    <HorizontalBars
      rows={rows}
      max={Math.max(1, people)}
      nameWidth={nameAxisWidth(rows.map((r) => r.name), 120, 300)}
      summary={t("replaySummary", { list: rows.map((r) => `${r.name}: ${r.label}`).join(", ") })}
    />
  );
}


/** One statement's answers as a 100% stacked bar, disagree on the left; each segment shows its count. */
export function LikertBar({ label, counts }: { label: string; counts: number[] }) {
  const total = counts.reduce((a, b) => a + b, 0);
  const row: Record<string, number | string> = { name: label };
  LIKERT_STYLE.forEach((_, i) => (row[`c${i}`] = counts[i] ?? 0));
  const width = 1000;
  const height = 64;
  const t = useTranslations("debrief.charts");
  const summary = `${label}: ${LIKERT_STYLE.map((s, i) => `${t(`likert.${s.key}`)} ${counts[i] ?? 0}`).join(", ")}.`;
  return (
    <ChartBox label={summary} width={width} height={height}>
      <BarChart width={width} height={height} data={[row]} layout="vertical" margin={{ top: 0, right: 0, bottom: 0, left: 0 }} barCategoryGap={0} accessibilityLayer={false}>
        <XAxis type="number" hide domain={[0, Math.max(1, total)]} />
        <YAxis type="category" dataKey="name" hide />
        {LIKERT_STYLE.map((s, i) => (
          <Bar key={s.short} dataKey={`c${i}`} stackId="likert" fill={s.fill} stroke="#ffffff" strokeWidth={2} isAnimationActive={false}>
            <LabelList
              dataKey={`c${i}`}
              position="center"
              style={{ fontSize: 26, fontWeight: 700, fill: s.text }}
              formatter={(v) => {
                if (typeof v !== "number" || v <= 0) return "";
                const px = (v / Math.max(1, total)) * width;
                return px >= 90 ? `${t(`likertShort.${s.key}`)} ${v}` : px >= 30 ? String(v) : "";
              }}
            />
          </Bar>
        ))}
      </BarChart>
    </ChartBox>
  );
}
