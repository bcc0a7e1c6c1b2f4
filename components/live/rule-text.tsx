"use client";
// The session's content and rules in the screen's language. Payloads keep their English text for API
// clients; what has a stable id (a round kind, a rule tag, a default charge, tier, preset band or menu
// proposal) is shown from the id here, and what somebody wrote stays as written.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import type { PublicEntry, RoundPayload } from "@/components/live/types";
import { defaultChargeId, type RoundKind } from "@/lib/domain/rounds/kinds";
import { BRIGADE_SIZE, CAPPED_BOTTOM_PERCENT } from "@/lib/domain/rounds/conference";
import { MIN_PUBLISHED_VOTERS } from "@/lib/domain/rounds/electorate";
import { WITHHELD_CHARGE } from "@/lib/domain/rounds/tribunal";
import { defaultTierId } from "@/lib/domain/rules/nosedive";
import { namesItsShare, PRESET_BAND_IDS, type ExplainableRules, type RuleTag } from "@/lib/domain/rules/explain";

type Tier = NonNullable<PublicEntry["tier"]>;
type Amendment = { kind: RoundPayload["amendments"][number]["kind"]; text: string; value: number | null; hidden?: boolean };

/** Translators for the session's content on phones and the projector. */
export function useContentText() {
  const t = useTranslations("content");
  const tl = useTranslations("live");
  const format = useFormatter();
  const kind = useCallback((k: RoundKind) => t(`kinds.${k}`), [t]);
  const charge = useCallback(
    (text: string) => {
      if (text === WITHHELD_CHARGE) return t("chargeWithheld");
      const id = defaultChargeId(text);
      return id ? t(`charges.${id}`) : text;
    },
    [t],
  );
  const tierName = useCallback(
    (tier: Pick<Tier, "name"> & { privilege?: string }) => {
      const id = defaultTierId(tier);
      return id ? t(`tiers.${id}.name`) : tier.name;
    },
    [t],
  );
  const tierPrivilege = useCallback(
    (tier: Pick<Tier, "name" | "privilege">) => {
      const id = defaultTierId(tier);
      return id ? t(`tiers.${id}.privilege`) : tier.privilege;
    },
    [t],
  );
  const band = useCallback(
    (name: string) => {
      const id = PRESET_BAND_IDS[name];
      return id ? t(`bands.${id}` as "bands.vitality-top") : name;
    },
    [t],
  );
  const amendment = useCallback(
    (a: Amendment) => {
      if (a.hidden) return t("proposalWithheld");
      if (a.kind === "free-text") return a.text;
      return t(`amendments.${a.kind}`, { size: BRIGADE_SIZE, percent: CAPPED_BOTTOM_PERCENT, value: a.value ?? 0 });
    },
    [t],
  );
  /** "Wrecking ×2 · Lack of enthusiasm". */
  const charges = useCallback(
    (list: readonly { charge: string; count: number }[]) => list.map((c) => tl("chargeCount", { charge: charge(c.charge), count: c.count })).join(" · "),
    [tl, charge],
  );
  const rule = useCallback(
    (tag: RuleTag) => tl(`rules.${tag.id}`, { preset: tag.preset === "civil-service" ? "civil" : (tag.preset ?? "custom"), percents: (tag.percents ?? []).join("/"), value: tag.value ?? 0 }),
    [tl],
  );
  const rules = useCallback((tags: readonly RuleTag[]) => tags.map(rule).join(" · "), [rule]);
  /** "3 keep / 1 let go", or that the count is not shown below three voters. */
  const split = useCallback(
    (s: { yes: number | null; no: number | null }, kindOfVote: "rif" | "proposal", separator = " / ") =>
      s.yes === null || s.no === null
        ? tl("split.hidden", { min: MIN_PUBLISHED_VOTERS })
        : kindOfVote === "rif"
          ? tl("split.rif", { yes: s.yes, no: s.no, separator })
          : tl("split.proposal", { yes: s.yes, no: s.no, separator }),
    [tl],
  );
  /** A plain number (a percentage of the norm, a weight), as toLocaleString gives it in the screen's language. */
  const percent = useCallback((value: number) => format.number(value, { maximumFractionDigits: 3 }), [format]);
  /** A score with two decimals: "4.50", "4,50". */
  const score = useCallback((value: number) => format.number(value === 0 ? 0 : value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }), [format]);
  return { kind, charge, charges, tierName, tierPrivilege, band, amendment, rule, rules, split, percent, score };
}

/** One plain sentence per rule in force (lib/domain/rules/explain.ts explainRules, in the screen's language). */
export function useRuleExplainers(r: ExplainableRules | null | undefined): { rule: string; text: string }[] {
  const t = useTranslations("live.explain");
  const { tierName, band } = useContentText();
  return useMemo(() => {
    if (!r) return [];
    const out: { rule: string; text: string }[] = [];
    if (r.distribution && r.distribution.bands.length > 0) {
      // A list of items, not a sentence: a comma in every language (Intl's "unit" lists drop it in Russian).
      const bands = r.distribution.bands.map((b) => (namesItsShare(b.name) ? band(b.name) : t("band", { name: band(b.name), percent: b.percent }))).join(", ");
      out.push({ rule: "distribution", text: t("distribution", { bands }) });
    }
    if (r.nosedive && r.nosedive.tiers.length > 0) {
      const tiers = [...r.nosedive.tiers]
        .sort((a, b) => b.weight - a.weight)
        .map((tier) => t("tier", { name: tierName(tier), weight: tier.weight }))
        .join("; ");
      out.push({ rule: "nosedive", text: t("nosedive", { tiers }) });
    }
    if (r.norm) out.push({ rule: "norm", text: t("norm", { percent: r.norm.recordPercent, ratchet: r.norm.ratchet ? "yes" : "no" }) });
    if (r.quotaBallots) out.push({ rule: "quota", text: t("quota", { percent: Math.round(r.quotaBallots.share * 100) }) });
    if (r.teams) out.push({ rule: "teams", text: t("teams", { size: r.teams.size }) });
    return out;
  }, [r, t, tierName, band]);
}
