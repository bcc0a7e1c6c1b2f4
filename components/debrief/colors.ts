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
