// What a facilitator configures when creating a session: title, rating
// dimensions (the essay's seven by default), scale and anonymity threshold.
import { z } from "zod";
import { LOCALES } from "../i18n/locales";
import { MAX_MAX_PARTICIPANTS, MIN_MAX_PARTICIPANTS } from "./admission";

/** The essay's seven, by their stable keys (labels per language: messages/<locale>/content.json). */
export const DEFAULT_DIMENSION_KEYS = ["potential", "talent", "creativity", "innovation", "passion-commitment", "continuous-learning", "personal-growth"] as const;

/** The seven in English (the labels of messages/en/content.json). */
export const DEFAULT_DIMENSIONS = [
  "Potential",
  "Talent",
  "Creativity",
  "Innovation",
  "Passion & commitment",
  "Continuous learning",
  "Personal growth",
] as const;

export const MAX_DIMENSIONS = 12;
export const DIMENSION_LABEL_MAX = 40;
export const SCALE = { min: 1, max: 5 } as const;
export const DEFAULT_K = 3;
export const MIN_K = 2;
export const MAX_K = 50;
/** The release clock's bounds (lib/live/release.ts, docs/decisions/0011). */
export const RELEASE_SECONDS_MIN = 1;
export const RELEASE_SECONDS_MAX = 10;

export interface Dimension {
  key: string;
  label: string;
}

/** "Passion & commitment" → "passion-commitment"; keys are stable ids for API clients. */
export function slugify(label: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
  return slug || "dimension";
}

/**
 * Labels in display order → dimensions with unique keys ("talent", "talent-2", …). A label that is one
 * of `known` (the essay's seven in the session's language) keeps that one's stable key: "Potenzial" and
 * "Потенциал" are both `potential` for API clients.
 */
export function dimensionsFromLabels(labels: readonly string[], known: readonly Dimension[] = []): Dimension[] {
  const used = new Set<string>();
  return labels.map((label) => {
    const base = known.find((d) => d.label.toLowerCase() === label.toLowerCase())?.key ?? slugify(label);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return { key, label };
  });
}

const labelSchema = z
  .string()
  .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Every dimension needs a name.")
      .max(DIMENSION_LABEL_MAX, `Dimension names must be at most ${DIMENSION_LABEL_MAX} characters.`)
      .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), "Dimension names cannot contain control characters."),
  );

export const createSessionSchema = z.object({
  title: z
    .string({ error: "A session needs a title." })
    .transform((s) => s.normalize("NFKC").trim().replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .min(1, "A session needs a title.")
        .max(80, "Titles must be at most 80 characters.")
        .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), "Titles cannot contain control characters."),
    ),
  dimensions: z
    .array(labelSchema)
    .min(1, "Keep at least one rating dimension.")
    .max(MAX_DIMENSIONS, `At most ${MAX_DIMENSIONS} rating dimensions.`)
    .refine((labels) => new Set(labels.map((l) => l.toLowerCase())).size === labels.length, "Dimension names must be different from each other.")
    .optional(),
  language: z.enum(LOCALES, { error: `language must be one of ${LOCALES.join(", ")}.` }).optional(),
  k: z
    .number({ error: "The anonymity threshold must be a whole number." })
    .int("The anonymity threshold must be a whole number.")
    .min(MIN_K, `The anonymity threshold must be at least ${MIN_K}.`)
    .max(MAX_K, `The anonymity threshold must be at most ${MAX_K}.`)
    .optional(),
});
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export function parseDimensions(json: string): Dimension[] {
  return z.array(z.object({ key: z.string(), label: z.string() })).parse(JSON.parse(json));
}

/** PATCH /api/sessions/{code}: the facilitator's release clock and participant cap (either or both). */
export const sessionSettingsSchema = z
  .object({
    release: z.object({
      seconds: z
        .number({ error: "The release period must be a whole number of seconds." })
        .int("The release period must be a whole number of seconds.")
        .min(RELEASE_SECONDS_MIN, `Release at most every ${RELEASE_SECONDS_MIN} second.`)
        .max(RELEASE_SECONDS_MAX, `Release at least every ${RELEASE_SECONDS_MAX} seconds.`),
      batch: z
        .number({ error: "New raters per release must be a whole number." })
        .int("New raters per release must be a whole number.")
        .min(2, "A release needs at least 2 new raters: one alone could be singled out."),
    }).optional(),
    maxParticipants: z
      .number({ error: "The participant limit must be a whole number." })
      .int("The participant limit must be a whole number.")
      .min(MIN_MAX_PARTICIPANTS, `The participant limit must be at least ${MIN_MAX_PARTICIPANTS}.`)
      .max(MAX_MAX_PARTICIPANTS, `The participant limit can be at most ${MAX_MAX_PARTICIPANTS.toLocaleString("en-US")}.`)
      .optional(),
    language: z.enum(LOCALES, { error: `language must be one of ${LOCALES.join(", ")}.` }).optional(),
  })
  .refine(
    (s) => s.release !== undefined || s.maxParticipants !== undefined || s.language !== undefined,
    "Send release, maxParticipants, language or any of them.",
  );

