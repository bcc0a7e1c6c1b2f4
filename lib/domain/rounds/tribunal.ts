// The tribunal: anonymous denunciations and what they cost. Pure functions;
// nothing here ever returns who accused whom.
export const CHARGE_MAX_CHARS = 80;
export const APPEAL_MAX_CHARS = 280;

export interface Denunciation {
  accuserId: string;
  accusedId: string;
  charge: string;
  /** Moderation: the facilitator withheld these words (the charge still counts). */
  hidden?: boolean;
}

/** What every screen and the debrief show instead of a charge the facilitator withheld. */
export const WITHHELD_CHARGE = "Charge withheld by the facilitator";

/**
 * The denunciations as participant-facing screens and the debrief may see them:
 * a withheld charge keeps its place in the counts (it still costs the accused
 * the same) but its words become WITHHELD_CHARGE.
 */
export function withholdHidden<T extends Denunciation>(denunciations: readonly T[]): T[] {
  return denunciations.map((d) => (d.hidden ? { ...d, charge: WITHHELD_CHARGE } : d));
}

/** Whether the facilitator withheld this charge against this person (hiding is per accused and wording). */
export function isChargeHidden(denunciations: readonly Denunciation[], accusedId: string, charge: string): boolean {
  return denunciations.some((d) => d.accusedId === accusedId && d.charge === charge && d.hidden === true);
}

/**
 * Score changes from denunciations: −penalty per distinct accuser, at most
 * −cap; with a reward, +reward per denunciation made, at most +cap. Rewards
 * only count once the round is closed (`includeRewards`), so a live score
 * that jumps never points at someone who just denounced.
 */
export function scoreAdjustments(
  denunciations: Denunciation[],
  config: { penalty: number; cap: number; reward: number },
  includeRewards: boolean,
): Map<string, number> {
  const accusers = new Map<string, Set<string>>();
  const made = new Map<string, number>();
  for (const d of denunciations) {
    if (d.accuserId === d.accusedId) continue;
    let set = accusers.get(d.accusedId);
    if (!set) accusers.set(d.accusedId, (set = new Set()));
    set.add(d.accuserId);
    made.set(d.accuserId, (made.get(d.accuserId) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [accused, set] of accusers) out.set(accused, -Math.min(config.cap, set.size * config.penalty));
  if (includeRewards && config.reward > 0) {
    for (const [accuser, n] of made) out.set(accuser, (out.get(accuser) ?? 0) + Math.min(config.cap, n * config.reward));
  }
  for (const [id, delta] of out) out.set(id, Math.round(delta * 1000) / 1000);
  return out;
}

export interface FeedItem {
  participantId: string;
  displayName: string;
  /** Distinct accusers. */
  accusers: number;
  charges: { charge: string; count: number }[];
  penalty: number;
  appeal: string | null;
}

/**
 * The public feed: per accused, how many accusers and which charges (with
 * counts), most accused first. Charges are grouped and sorted by count, then
 * by text, so their order says nothing about when they were made.
 */
export function feed(
  denunciations: Denunciation[],
  names: ReadonlyMap<string, string>,
  adjustments: ReadonlyMap<string, number>,
  appeals: ReadonlyMap<string, string>,
): FeedItem[] {
  const byAccused = new Map<string, Denunciation[]>();
  for (const d of denunciations) {
    if (!names.has(d.accusedId)) continue;
    const list = byAccused.get(d.accusedId) ?? [];
    list.push(d);
    byAccused.set(d.accusedId, list);
  }
  const items: FeedItem[] = [];
  for (const [accused, list] of byAccused) {
    const counts = new Map<string, number>();
    for (const d of list) counts.set(d.charge, (counts.get(d.charge) ?? 0) + 1);
    items.push({
      participantId: accused,
      displayName: names.get(accused)!,
      accusers: new Set(list.map((d) => d.accuserId)).size,
      charges: [...counts].map(([charge, count]) => ({ charge, count })).sort((a, b) => b.count - a.count || a.charge.localeCompare(b.charge)),
      penalty: Math.min(0, adjustments.get(accused) ?? 0),
      appeal: appeals.get(accused) ?? null,
    });
  }
  return items.sort((a, b) => b.accusers - a.accusers || a.displayName.localeCompare(b.displayName));
}

/** "Wrecking ×2 · Lack of enthusiasm": the charges against one person, in one line for every screen. */
export function describeCharges(charges: readonly { charge: string; count: number }[]): string {
  return charges.map((c) => (c.count > 1 ? `${c.charge} ×${c.count}` : c.charge)).join(" · ");
}

/** Why a denunciation is refused, or null when it may be made. */
export function denunciationProblem(
  accuserId: string,
  accusedId: string,
  existing: readonly Denunciation[],
): string | null {
  if (accuserId === accusedId) return "You cannot denounce yourself.";
  if (existing.some((d) => d.accuserId === accuserId && d.accusedId === accusedId)) {
    return "You have already denounced this colleague in this tribunal: one charge per colleague per round.";
  }
  return null;
}

/** Applies score changes to scores on the scale; unranked people (null) stay unranked. */
export function adjustScore(score: number | null, delta: number | undefined, min: number, max: number): number | null {
  if (score === null || !delta) return score;
  return Math.max(min, Math.min(max, score + delta));
}
