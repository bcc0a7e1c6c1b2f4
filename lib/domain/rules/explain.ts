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

export function explainRules(r: ExplainableRules): RuleExplainer[] {
  const out: RuleExplainer[] = [];
  if (r.distribution && r.distribution.bands.length > 0) {
    const bands = r.distribution.bands;
    out.push({
      rule: "distribution",
      text: `Curve: ${bands.map((b) => `${b.name} ${b.percent}%`).join(", ")} — fixed shares of the room, however good everyone's scores are.`,
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
