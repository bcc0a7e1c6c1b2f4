// The reflection at the end of a session: how being rated felt.
import { z } from "zod";

export const REFLECTION_ITEMS = [
  { key: "never-good-enough", label: "I felt I was never good enough." },
  { key: "rated-strategically", label: "I rated strategically rather than honestly." },
  { key: "trusted-others", label: "I trusted the others to rate me fairly." },
  { key: "watched-board", label: "I kept checking where I stood on the leaderboard." },
  { key: "score-reflects-me", label: "My score reflects my actual qualities." },
] as const;

export const LIKERT = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"] as const;

export const REFLECTION_TEXT_MAX = 500;

export const reflectionSchema = z.object({
  answers: z
    .record(z.string(), z.number().int("Answers are whole numbers from 1 to 5.").min(1, "Answers go from 1 to 5.").max(5, "Answers go from 1 to 5."))
    .refine((a) => Object.keys(a).every((k) => REFLECTION_ITEMS.some((i) => i.key === k)), "Unknown reflection question.")
    .refine((a) => REFLECTION_ITEMS.every((i) => a[i.key] !== undefined), "Answer every statement (or choose “Neither”)."),
  text: z
    .string()
    .max(REFLECTION_TEXT_MAX, `Keep the free answer to ${REFLECTION_TEXT_MAX} characters.`)
    .transform((s) => s.normalize("NFKC").trim())
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "The answer contains characters that are not allowed.")
    .default(""),
});

export function summarizeReflections(answers: Record<string, number>[]) {
  return REFLECTION_ITEMS.map((item) => {
    const values = answers.map((a) => a[item.key]).filter((v): v is number => typeof v === "number");
    const counts = [1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length);
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    const agree = values.length ? values.filter((v) => v >= 4).length / values.length : null;
    return { key: item.key, label: item.label, count: values.length, counts, mean, agreeShare: agree };
  });
}
