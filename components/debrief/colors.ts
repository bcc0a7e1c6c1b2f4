// The theme's colours (app/globals.css) for SVG and chart attributes, which cannot read Tailwind classes.
export const COLORS = {
  ink: "#161412",
  party: "#b3121f",
  partyDark: "#7f0d16",
  gold: "#e2a82b",
  steel: "#4a4f57",
  paper: "#f5f0e6",
  grid: "#d9d2c3",
};

/** The five answers, disagree to agree: a diverging scale whose order and short labels carry the meaning too (shown from messages: debrief.charts.likert / likertShort by key; label and short are the English). */
export const LIKERT_STYLE = [
  { key: "sd", label: "Strongly disagree", short: "SD", fill: COLORS.partyDark, text: "#ffffff" },
  { key: "d", label: "Disagree", short: "D", fill: "#d77a82", text: COLORS.ink },
  { key: "n", label: "Neither", short: "N", fill: "#d6d0c4", text: COLORS.ink },
  { key: "a", label: "Agree", short: "A", fill: "#8e939b", text: COLORS.ink },
  { key: "sa", label: "Strongly agree", short: "SA", fill: COLORS.ink, text: "#ffffff" },
] as const;
