// Every message catalog: one JSON file per language and namespace (messages/<locale>/<namespace>.json).
// English is the reference: the other languages must have exactly its keys (messages/catalogs.test.ts).
import type { Locale } from "@/lib/i18n/locales";
import en_common from "./en/common.json";
import en_site from "./en/site.json";
import en_facilitator from "./en/facilitator.json";
import en_debrief from "./en/debrief.json";
import en_participant from "./en/participant.json";
import en_projector from "./en/projector.json";
import en_content from "./en/content.json";
import en_live from "./en/live.json";
import de_common from "./de/common.json";
import de_site from "./de/site.json";
import de_facilitator from "./de/facilitator.json";
import de_debrief from "./de/debrief.json";
import de_participant from "./de/participant.json";
import de_projector from "./de/projector.json";
import de_content from "./de/content.json";
import de_live from "./de/live.json";
import ru_common from "./ru/common.json";
import ru_site from "./ru/site.json";
import ru_facilitator from "./ru/facilitator.json";
import ru_debrief from "./ru/debrief.json";
import ru_participant from "./ru/participant.json";
import ru_projector from "./ru/projector.json";
import ru_content from "./ru/content.json";
import ru_live from "./ru/live.json";

export const NAMESPACES = ["common", "site", "facilitator", "debrief", "participant", "projector", "content", "live"] as const;
export type Namespace = (typeof NAMESPACES)[number];

const en = { common: en_common, site: en_site, facilitator: en_facilitator, debrief: en_debrief, participant: en_participant, projector: en_projector, content: en_content, live: en_live };
/** The shape every catalog has: English's. */
export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = {
  en,
  de: { common: de_common, site: de_site, facilitator: de_facilitator, debrief: de_debrief, participant: de_participant, projector: de_projector, content: de_content, live: de_live },
  ru: { common: ru_common, site: ru_site, facilitator: ru_facilitator, debrief: ru_debrief, participant: ru_participant, projector: ru_projector, content: ru_content, live: ru_live },
};

/** Only some namespaces, for a client subtree (phones download only what they show). */
export function pickMessages(locale: Locale, namespaces: readonly Namespace[]): Partial<Messages> {
  const all = MESSAGES[locale];
  return Object.fromEntries(namespaces.map((n) => [n, all[n]])) as Partial<Messages>;
}
