// The control room's one primary button: the facilitator's next step, named (issue 15, decision 0019).
// Close the open round → open the agenda's next round by number and title → open the reflection →
// open the debrief.

export type NextStep =
  | { kind: "close-round"; label: string; round: number }
  | { kind: "open-round"; label: string; round: number; title: string | null }
  | { kind: "open-reflection"; label: string }
  | { kind: "open-debrief"; label: string };

export interface NextStepInput {
  phase: "lobby" | "round_open" | "round_closed" | "ended";
  round: number;
  /** Titles of the agenda's rounds, in order (round 1 first). */
  agenda: readonly (string | null)[];
  reflectionOpen: boolean;
}

export function nextStep({ phase, round, agenda, reflectionOpen }: NextStepInput): NextStep {
  if (phase === "ended") return { kind: "open-debrief", label: "Open debrief" };
  if (phase === "round_open") return { kind: "close-round", label: `Close round ${round}`, round };
  const next = round + 1;
  if (next <= agenda.length) {
    const title = agenda[next - 1]?.trim() || null;
    return { kind: "open-round", label: title ? `Open round ${next} “${title}”` : `Open round ${next}`, round: next, title };
  }
  if (round === 0) return { kind: "open-round", label: "Start round 1", round: 1, title: null };
  if (!reflectionOpen) return { kind: "open-reflection", label: "Open reflection" };
  return { kind: "open-debrief", label: "Open debrief" };
}

/** k at least the number of people: nobody can have k raters (one never rates oneself). */
export function kTooHigh(k: number, people: number): boolean {
  return people > 0 && k >= people;
}
