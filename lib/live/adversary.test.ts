// The strongest observer in the room, played against the real session hub
// over a real SQLite file (docs/decisions/0011-release-clock.md).
//
// The observer knows the exact time and target of every honest tap — and,
// for the differencing attack, who tapped — and reads every screen: the
// projector's board, every phone's `me`, and the facilitator's control
// stream, as published. It tries to attribute ratings to raters:
//   1. by differencing released means: a score that moves with exactly one new
//      rater since it last moved gives away that rater's exact rating;
//   2. by the control room's per-person counts: whoever's count rose next to a
//      tap is that tap's rater;
//   3. by Nosedive tier flips: when X's tier flips mid-round, the scores X gave
//      move with it.
// Each attack must do no better than chance under the release rule, and each
// must succeed against a planted leak, so the test can fail.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestSession, withTempDatabase } from "./test-session";
import type { AgendaItem } from "../domain/rules/ruleset";
import { DEFAULT_TIERS } from "../domain/rules/nosedive";

withTempDatabase("adversary");

type HubModule = typeof import("./hub");
type Hub = NonNullable<Awaited<ReturnType<HubModule["getHub"]>>>;
let hubs: HubModule;
const N = 8;
const K = 3;

const plain = { distribution: null, nosedive: null, norm: null, quotaBallots: null };
const nosedive = { ...plain, nosedive: { tiers: DEFAULT_TIERS } };

async function makeSession(title: string, agenda: AgendaItem[]): Promise<{ code: string; ids: string[] }> {
  const names = Array.from({ length: N }, (_, i) => `${title}-${i}`);
  const session = await createTestSession({ title, names, k: K, agenda });
  return { code: session.code, ids: names.map((n) => session.ids[n]!) };
}

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Tap {
  at: number;
  raterId: string;
  targetId: string;
  value: number;
}
interface Snapshot {
  at: number;
  scores: Map<string, number | null>;
  tiers: Map<string, string | undefined>;
  me: Map<string, number | null>;
  /** Per-person counts as the control room shows them (null = held). */
  counts: Map<string, number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A quiet room: honest raters tap one at a time, 100–700 ms apart, each rating each colleague once;
 * the observer records every published board, every phone's `me` and every control update.
 */
async function playRound(hub: Hub, ids: string[], seed: number, taps: number, controlView: (hub: Hub) => { participants: { id: string; ratedCount: number | null }[] }) {
  const random = rng(seed);
  const snapshots: Snapshot[] = [];
  const record = () =>
    snapshots.push({
      at: Date.now(),
      scores: new Map(hub.boardPayload("full").entries.map((e) => [e.participantId, e.score])),
      tiers: new Map(hub.boardPayload("full").entries.map((e) => [e.participantId, e.tier?.name])),
      me: new Map(ids.map((id) => [id, hub.mePayload(id)?.score ?? null])),
      counts: new Map(controlView(hub).participants.map((p) => [p.id, p.ratedCount])),
    });
  const off = hubs.publisher().subscribe(hub.channel, (e) => {
    if (e.kind === "board" || e.kind === "control") record();
  });
  // The round's first snapshot (the board is recomputed on the 250 ms cadence).
  await sleep(400);
  record();
  const pairs: [string, string][] = [];
  for (const r of ids) for (const t of ids) if (r !== t) pairs.push([r, t]);
  // Shuffle (Fisher–Yates) and play the first `taps` pairs.
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  const played: Tap[] = [];
  for (const [raterId, targetId] of pairs.slice(0, taps)) {
    const value = 1 + Math.floor(random() * 5);
    const answer = await hub.rate(hub.participant(raterId)!, targetId, { a: value });
    await answer.stored;
    played.push({ at: Date.now(), raterId, targetId, value });
    // Sampled between taps too, as a phone polling `me` would.
    record();
    await sleep(100 + random() * 600);
  }
  await sleep(1700);
  record();
  off();
  return { taps: played, snapshots };
}

/** Attack 1: a released mean that moved with exactly one new rater gives that rating away. */
function differencing(taps: Tap[], snapshots: Snapshot[]) {
  let singledOut = 0;
  let exact = 0;
  const targets = new Set(taps.map((t) => t.targetId));
  for (const target of targets) {
    let previous: { score: number | null; raters: number; at: number } = { score: null, raters: 0, at: 0 };
    for (const snap of snapshots) {
      // Every screen that carries the target's score: the board and the target's own phone.
      for (const score of [snap.scores.get(target) ?? null, snap.me.get(target) ?? null]) {
        if (score === previous.score) continue;
        const raters = new Set(taps.filter((t) => t.targetId === target && t.at <= snap.at).map((t) => t.raterId)).size;
        if (previous.score !== null && score !== null && raters - previous.raters === 1) {
          singledOut += 1;
          const guess = Math.round(score * raters - previous.score * previous.raters);
          const newest = taps.filter((t) => t.targetId === target && t.at <= snap.at && t.at > previous.at);
          if (newest.length === 1 && newest[0]!.value === guess) exact += 1;
        }
        previous = { score, raters, at: snap.at };
      }
    }
  }
  return { singledOut, exact };
}

/**
 * Attack 2: for each tap, the candidates are the people whose control-room count rose between the last
 * update before the tap and the first after it (everyone but the target when nothing rose). Expected
 * accuracy: 1/|candidates| when the true rater is among them.
 */
function countAttribution(taps: Tap[], snapshots: Snapshot[], ids: string[]) {
  let accuracy = 0;
  for (const tap of taps) {
    const before = [...snapshots].reverse().find((s) => s.at < tap.at);
    const after = snapshots.find((s) => s.at >= tap.at && [...s.counts.values()].some((c, i) => c !== [...(before?.counts.values() ?? [])][i]));
    let candidates = ids.filter((id) => id !== tap.targetId);
    if (before && after) {
      const rose = candidates.filter((id) => (after.counts.get(id) ?? -1) > (before.counts.get(id) ?? -1) && after.counts.get(id) !== null);
      if (rose.length > 0) candidates = rose;
    }
    if (candidates.includes(tap.raterId)) accuracy += 1 / candidates.length;
  }
  return accuracy / taps.length;
}

beforeAll(async () => {
  hubs = await import("./hub");
}, 60_000);


describe("the strongest observer in the room", () => {
  it(
    "cannot single out a rating by differencing or timing, cannot attribute taps through the control room, and sees no tier flip — while a planted leak gives each attack away",
    async () => {
      const chance = 1 / (N - 1);
      // An honest round: the release rule as shipped.
      const honest = await makeSession("honest", [{ title: "R1", prompt: "", durationSeconds: null, rules: plain }]);
      const hub = (await hubs.getHub(honest.code))!;
      await hub.act({ type: "open-round" });
      // A planted leak in the same run: the control view with live per-person counts.
      const leakyControl = (h: Hub) => ({
        participants: h.controlSnapshot().participants.map((p) => ({ id: p.id, ratedCount: Object.keys(h.givenBy(p.id)).length })),
      });
      const honestRun = await playRound(hub, honest.ids, 11, 26, (h) => h.controlSnapshot());
      const honestDiff = differencing(honestRun.taps, honestRun.snapshots);
      expect(honestDiff.singledOut).toBe(0);
      expect(countAttribution(honestRun.taps, honestRun.snapshots, honest.ids)).toBeLessThanOrEqual(chance + 1e-9);

      // The same room replayed against the leaky control view: attribution far above chance.
      const leaky = await makeSession("leaky-counts", [{ title: "R1", prompt: "", durationSeconds: null, rules: plain }]);
      const leakyHub = (await hubs.getHub(leaky.code))!;
      await leakyHub.act({ type: "open-round" });
      const leakyRun = await playRound(leakyHub, leaky.ids, 11, 26, leakyControl);
      expect(countAttribution(leakyRun.taps, leakyRun.snapshots, leaky.ids)).toBeGreaterThan(3 * chance);

      // A planted leak of the release rule itself: one new rater is enough (release per rating).
      const perRating = await makeSession("per-rating", [{ title: "R1", prompt: "", durationSeconds: null, rules: plain }]);
      const perRatingHub = (await hubs.getHub(perRating.code))!;
      await perRatingHub.setRelease({ seconds: 1, batch: 1 });
      await perRatingHub.act({ type: "open-round" });
      const perRatingRun = await playRound(perRatingHub, perRating.ids, 11, 26, (h) => h.controlSnapshot());
      const leakedDiff = differencing(perRatingRun.taps, perRatingRun.snapshots);
      expect(leakedDiff.singledOut).toBeGreaterThan(0);
      expect(leakedDiff.exact).toBeGreaterThan(0);
    },
    120_000,
  );

  it(
    "sees no Nosedive tier change during a round: weights are frozen when the round opens",
    async () => {
      const agenda: AgendaItem[] = [
        { title: "R1", prompt: "", durationSeconds: null, rules: nosedive },
        { title: "R2", prompt: "", durationSeconds: null, rules: nosedive },
      ];
      const s = await makeSession("tiers", agenda);
      const hub = (await hubs.getHub(s.code))!;
      await hub.act({ type: "open-round" });
      const first = await playRound(hub, s.ids, 5, 30, (h) => h.controlSnapshot());
      // Round 1: everyone in the middle tier, throughout.
      for (const snap of first.snapshots) for (const id of s.ids) expect(snap.tiers.get(id)).toBe("Standard");
      await hub.act({ type: "close-round" });
      await hub.act({ type: "open-round" });
      const second = await playRound(hub, s.ids, 6, 30, (h) => h.controlSnapshot());
      for (const id of s.ids) {
        const seen = new Set(second.snapshots.map((snap) => snap.tiers.get(id)));
        expect(seen.size, `tier of ${id} changed mid-round`).toBe(1);
      }
    },
    120_000,
  );
});
