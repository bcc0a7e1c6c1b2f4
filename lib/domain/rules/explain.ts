// One plain sentence per rule in force, for the room (phones and projector), not for us (issue 15).
// Built from the public rules summary every screen already receives with the leaderboard.

export interface ExplainableRules {
  distribution: { bands: { name: string; percent: number }[] } | null;
  nosedive: { tiers: { name: string; weight: number }[] } | null;
  norm: { recordPercent: number; ratchet: boolean } | null;
  quotaBallots: { share: number } | null;
  teams: { size: number } | null;
  k: number;
}

export interface RuleExplainer {
  rule: "distribution" | "nosedive" | "norm" | "quota" | "teams";
  text: string;
}

const times = (w: number) => `×${w}`;

/** A band named with its share already ("Top 20%", "Vital 70 %") is not followed by it again. */
export function namesItsShare(name: string): boolean {
  return /\d\s*%/.test(name);
}

export function explainRules(r: ExplainableRules): RuleExplainer[] {
  const out: RuleExplainer[] = [];
  if (r.distribution && r.distribution.bands.length > 0) {
    const bands = r.distribution.bands;
    out.push({
      rule: "distribution",
      text: `Curve: ${bands.map((b) => (namesItsShare(b.name) ? b.name : `${b.name} ${b.percent}%`)).join(", ")} — fixed shares of the room, however good everyone's scores are.`,
    });
  }
  if (r.nosedive && r.nosedive.tiers.length > 0) {
    const tiers = [...r.nosedive.tiers].sort((a, b) => b.weight - a.weight);
    out.push({
      rule: "nosedive",
      text: `Nosedive: the better you are rated, the more your stars count — ${tiers.map((t) => `${t.name}: your ratings count ${times(t.weight)}`).join("; ")}.`,
    });
  }
  if (r.norm) {
    out.push({
      rule: "norm",
      text: `Norm: the bar is set from last round's scores; reach ${r.norm.recordPercent}% of it and you are a Stakhanovite${r.norm.ratchet ? ". It only ever goes up" : ""}.`,
    });
  }
  if (r.quotaBallots) {
    out.push({
      rule: "quota",
      text: `Quota: on each quality you may give top marks to at most ${Math.round(r.quotaBallots.share * 100)}% of your colleagues.`,
    });
  }
  if (r.teams) out.push({ rule: "teams", text: `Brigades: you are scored as a team of ${r.teams.size}; your brigade's average is your score.` });
  return out;
}

// ── Stable ids for screens in every language ──
// describeRules (lib/domain/rules/ruleset.ts) gives the English labels API clients and the control room
// read; ruleTags gives the same labels as ids with their figures, one tag per label in the same order,
// so a phone or projector shows them in its own language (components/live/rule-text.tsx).

export const RULE_TAG_IDS = ["curve", "nosedive", "norm", "norm-ratchet", "quota", "teams", "min-raters", "abolished", "paused", "plain"] as const;
export type RuleTagId = (typeof RULE_TAG_IDS)[number];
export const CURVE_PRESETS = ["vitality", "civil-service", "custom"] as const;

export interface RuleTag {
  id: RuleTagId;
  /** curve: which preset ("custom": the percents are the label). */
  preset?: (typeof CURVE_PRESETS)[number];
  /** curve: the bands' percents, top first. */
  percents?: number[];
  /** quota: the top-score share in percent; min-raters: the threshold. */
  value?: number;
}

export interface TaggableRules {
  distribution: { preset: string; bands: { percent: number }[] } | null;
  nosedive: unknown;
  norm: { ratchet: boolean } | null;
  quotaBallots: { share: number } | null;
  teams?: unknown;
  minRaters?: number | null;
  leaderboardAbolished?: boolean;
  ratingsPaused?: boolean;
}

export function ruleTags(rules: TaggableRules): RuleTag[] {
  const out: RuleTag[] = [];
  if (rules.distribution) {
    const preset = (CURVE_PRESETS as readonly string[]).includes(rules.distribution.preset) ? (rules.distribution.preset as RuleTag["preset"]) : "custom";
    out.push({ id: "curve", preset, percents: rules.distribution.bands.map((b) => b.percent) });
  }
  if (rules.nosedive) out.push({ id: "nosedive" });
  if (rules.norm) out.push({ id: rules.norm.ratchet ? "norm-ratchet" : "norm" });
  if (rules.quotaBallots) out.push({ id: "quota", value: Math.round(rules.quotaBallots.share * 100) });
  if (rules.teams) out.push({ id: "teams" });
  if (rules.minRaters) out.push({ id: "min-raters", value: rules.minRaters });
  if (rules.leaderboardAbolished) out.push({ id: "abolished" });
  if (rules.ratingsPaused) out.push({ id: "paused" });
  if (out.length === 0) out.push({ id: "plain" });
  return out;
}

/**
 * The bands of the preset curves (lib/domain/rules/forced-distribution.ts) by their English names:
 * screens show a preset band in their language by id; a band the facilitator named stays as written.
 */
export const PRESET_BAND_IDS: Readonly<Record<string, string>> = {
  "Top 20%": "vitality-top",
  "Vital 70%": "vitality-vital",
  "Bottom 10%": "vitality-bottom",
  "Top performers 25%": "civil-top",
  "Achieving 65%": "civil-achieving",
  "Improvement needed 10%": "civil-improvement",
};

const FIXED_LABELS: Readonly<Record<string, RuleTag>> = {
  "Vitality curve 20/70/10": { id: "curve", preset: "vitality", percents: [20, 70, 10] },
  "Civil service 25/65/10": { id: "curve", preset: "civil-service", percents: [25, 65, 10] },
  "Nosedive weighting": { id: "nosedive" },
  "Stakhanovite norm": { id: "norm" },
  "Stakhanovite norm (ratchet)": { id: "norm-ratchet" },
  "Team scores (brigades)": { id: "teams" },
  "Leaderboard abolished": { id: "abolished" },
  "Ratings paused": { id: "paused" },
  "Plain 360°": { id: "plain" },
};

/**
 * The tag of one of describeRules' English labels, or null for text it does not make: for payloads
 * that carry only the labels (the participant's report, built by the debrief), so a screen can still
 * show them in its language. The unit test checks it inverts ruleTags for every kind of rule.
 */
export function tagOfLabel(label: string): RuleTag | null {
  const fixed = FIXED_LABELS[label];
  if (fixed) return fixed;
  const curve = /^Forced distribution (\d+(?:\/\d+)*)$/.exec(label);
  if (curve) return { id: "curve", preset: "custom", percents: curve[1]!.split("/").map(Number) };
  const quota = /^Quota ballots \((\d+)% top scores\)$/.exec(label);
  if (quota) return { id: "quota", value: Number(quota[1]) };
  const k = /^Anonymity threshold (\d+)$/.exec(label);
  if (k) return { id: "min-raters", value: Number(k[1]) };
  return null;
}
