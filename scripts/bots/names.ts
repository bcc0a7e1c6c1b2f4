// Display names for bots: satirical corporate job titles with a number, one
// title family per persona (so a facilitator can tell on the projector who is
// who), unique per run and never longer than the app's 40 characters.
import { DISPLAY_NAME_MAX } from "../../lib/domain/names";
import type { Persona } from "./personas";

export const TITLES: Record<Exclude<Persona, "clique">, readonly string[]> = {
  lenient: ["Chief Happiness Officer", "Culture Champion", "Wellbeing Evangelist"],
  harsh: ["Head of Rightsizing", "Efficiency Auditor", "VP of Headcount"],
  random: ["Agile Coach", "Innovation Intern", "Blockchain Consultant"],
  revenge: ["Office Politician", "Grievance Officer", "VP of Optics"],
};

/** 0 → "A", 25 → "Z", 26 → "AA" … */
export function cliqueLabel(clique: number): string {
  let n = Math.max(0, Math.floor(clique));
  let label = "";
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

/**
 * "Chief Happiness Officer #7", "Tiger Team B #12". `number` is unique per run
 * (the bot's position, from 1), `nth` counts bots of the same persona (it
 * rotates the title), `clique` is the clique of a clique bot.
 */
export function botName(persona: Persona, number: number, nth: number, clique = 0): string {
  const suffix = ` #${number}`;
  const title = persona === "clique" ? `Tiger Team ${cliqueLabel(clique)}` : (TITLES[persona][nth % TITLES[persona].length] ?? persona);
  const room = DISPLAY_NAME_MAX - [...suffix].length;
  return `${[...title].slice(0, room).join("").trimEnd()}${suffix}`;
}
