import { describe, expect, it } from "vitest";
import { kTooHigh, nextStep, type NextStepInput } from "./next-step";

const agenda = ["Warm-up", "Vitality curve", null];

describe("the facilitator's next step", () => {
  it.each<[string, NextStepInput, string, string]>([
    ["lobby, no agenda", { phase: "lobby", round: 0, agenda: [], reflectionOpen: false }, "open-round", "Start round 1"],
    ["lobby, with an agenda", { phase: "lobby", round: 0, agenda, reflectionOpen: false }, "open-round", "Open round 1 “Warm-up”"],
    ["a round is open", { phase: "round_open", round: 2, agenda, reflectionOpen: false }, "close-round", "Close round 2"],
    ["closed, next agenda round", { phase: "round_closed", round: 1, agenda, reflectionOpen: false }, "open-round", "Open round 2 “Vitality curve”"],
    ["closed, next agenda round without a title", { phase: "round_closed", round: 2, agenda, reflectionOpen: false }, "open-round", "Open round 3"],
    ["after the last agenda round", { phase: "round_closed", round: 3, agenda, reflectionOpen: false }, "open-reflection", "Open reflection"],
    ["after a round without an agenda", { phase: "round_closed", round: 1, agenda: [], reflectionOpen: false }, "open-reflection", "Open reflection"],
    ["reflection open", { phase: "round_closed", round: 3, agenda, reflectionOpen: true }, "open-debrief", "Open debrief"],
    ["ended", { phase: "ended", round: 3, agenda, reflectionOpen: false }, "open-debrief", "Open debrief"],
  ])("%s", (_name, input, kind, label) => {
    const step = nextStep(input);
    expect(step.kind).toBe(kind);
    expect(step.label).toBe(label);
  });

  it.each([
    [3, 3, true],
    [3, 4, false],
    [4, 3, true],
    [2, 0, false],
  ])("k = %i with %i people: too high %s", (k, people, expected) => {
    expect(kTooHigh(k, people)).toBe(expected);
  });
});
