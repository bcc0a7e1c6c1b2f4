// The debrief's messages and numbers in the page's language (the session's: lib/i18n/locales.ts).
// A hook for server and client components alike (next-intl's hooks work in both).
import { useLocale, useTranslations } from "next-intl";
import { numbers } from "./format";

export function useDebriefText() {
  const t = useTranslations("debrief.view");
  const n = numbers(useLocale());
  /** "3rd", "3.", "3-е". */
  const place = (rank: number) => t("place", { n: rank });
  /**
   * Rule names are stored in English (describeRules, the replay's rules in lib/debrief/build.ts, and the
   * end-of-session snapshot keeps them so); shown in the page's language. Unknown ones stay as stored.
   */
  const ruleName = (rule: string): string => {
    const fixed: Record<string, string> = {
      "Nosedive weighting": t("rules.nosedive"),
      "Plain 360°": t("rules.plain"),
      "Vitality curve 20/70/10": t("rules.vitality"),
      "Civil service 25/65/10": t("rules.civilService"),
      "Stakhanovite norm": t("rules.norm"),
      "Stakhanovite norm (ratchet)": t("rules.normRatchet"),
      "Team scores (brigades)": t("rules.teams"),
      "Leaderboard abolished": t("rules.abolished"),
      "Ratings paused": t("rules.paused"),
    };
    if (fixed[rule]) return fixed[rule];
    let m = /^Plain mean \(k = (\d+)\)$/.exec(rule);
    if (m) return t("rules.plainMeanOwn", { k: Number(m[1]) });
    m = /^Plain mean, k = (\d+)$/.exec(rule);
    if (m) return t("rules.plainMean", { k: Number(m[1]) });
    m = /^Forced distribution ([\d/]+)$/.exec(rule);
    if (m) return t("rules.distribution", { bands: m[1]! });
    m = /^Quota ballots \((\d+)% top scores\)$/.exec(rule);
    if (m) return t("rules.quota", { share: Number(m[1]) });
    m = /^Anonymity threshold (\d+)$/.exec(rule);
    if (m) return t("rules.minRaters", { k: Number(m[1]) });
    return rule;
  };
  return { t, ...n, place, ruleName };
}
