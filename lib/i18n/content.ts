// A session's default content in its language: what a facilitator starts from when creating one.
import { DEFAULT_DIMENSION_KEYS, type Dimension } from "@/lib/domain/session-config";
import type { Locale } from "./locales";
import { translator } from "./server";

/** The essay's seven dimensions, labelled in `locale`, with the same keys in every language. */
export function defaultDimensions(locale: Locale): Dimension[] {
  const t = translator(locale);
  return DEFAULT_DIMENSION_KEYS.map((key) => ({ key, label: t(`content.dimensions.${key}`) }));
}
