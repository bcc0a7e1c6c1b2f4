// The release rule inside the session hub, over a real SQLite file: what the
// board shows moves only at a release with enough new raters, or at the
// round's close; reopening, removing a rater and raising k keep the rule.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestSession, withTempDatabase } from "./test-session";

withTempDatabase("release");

type HubModule = typeof import("./hub");
let hubs: HubModule;
let code: string;
const ids: Record<string, string> = {};
const NAMES = ["Ana", "Boris", "Chen", "Dmitri", "Elena", "Fyodor"];

beforeAll(async () => {
  hubs = await import("./hub");
  const session = await createTestSession({ title: "Release", names: NAMES, k: 3 });
  code = session.code;
  Object.assign(ids, session.ids);
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function hub() {
  return (await hubs.getHub(code))!;
}
const scoreOf = async (name: string) => (await hub()).boardPayload("full").entries.find((e) => e.participantId === ids[name])?.score ?? null;
async function rate(rater: string, target: string, a: number) {
  const h = await hub();
  await (await h.rate(h.participant(ids[rater]!)!, ids[target]!, { a })).stored;
}
/** Longer than one release period (1 s + up to 0.5 s jitter) plus a snapshot. */
const AFTER_A_RELEASE = 1_900;

describe("the release rule in the hub", { timeout: 30_000 }, () => {
  it("shows three raters together, holds a fourth alone, and releases it with a fifth", async () => {
    const h = await hub();
    await h.act({ type: "open-round" });
    await rate("Boris", "Ana", 2);
    await rate("Chen", "Ana", 2);
    await rate("Dmitri", "Ana", 2);
    await vi.waitFor(async () => expect(await scoreOf("Ana")).toBe(2), { timeout: 4_000, interval: 100 });
    await rate("Elena", "Ana", 5);
    await sleep(AFTER_A_RELEASE * 2);
    expect(await scoreOf("Ana")).toBe(2);
    // Ana's own phone too.
    expect(h.mePayload(ids.Ana!)!.score).toBe(2);
    await rate("Fyodor", "Ana", 5);
    await vi.waitFor(async () => expect(await scoreOf("Ana")).toBe(3.2), { timeout: 4_000, interval: 100 });
    expect(h.mePayload(ids.Ana!)!.score).toBe(3.2);
  });

  it("counts a changed rating as a new contribution: one rater changing their mind moves nothing", async () => {
    await rate("Elena", "Ana", 1);
    await sleep(AFTER_A_RELEASE);
    expect(await scoreOf("Ana")).toBe(3.2);
  });

  it("releases everything at the round's close, and holds again after a reopen", async () => {
    const h = await hub();
    await h.act({ type: "close-round" });
    // Elena's change (5 → 1) is released with the close: (2·3 + 1 + 5) / 5.
    await vi.waitFor(async () => expect(await scoreOf("Ana")).toBe(2.4), { timeout: 2_000, interval: 50 });
    await h.act({ type: "reopen-round" });
    await rate("Elena", "Ana", 5);
    await sleep(AFTER_A_RELEASE);
    expect(await scoreOf("Ana")).toBe(2.4);
    await h.act({ type: "close-round" });
    await vi.waitFor(async () => expect(await scoreOf("Ana")).toBe(3.2), { timeout: 2_000, interval: 50 });
  });

  it("holds the control room's per-person counts from the moment ratings reopen, not on the slow schedule", async () => {
    // The round is closed (previous test): its counts are out.
    const h = await hub();
    await vi.waitFor(() => expect(h.controlSnapshot().participants.find((p) => p.id === ids.Elena)!.ratedCount).toBe(1), { timeout: 7_000, interval: 50 });
    await h.act({ type: "reopen-round" });
    // At once: the closed round's counts never sit under an open round.
    expect(h.controlSnapshot().participants.map((p) => p.ratedCount)).toEqual(NAMES.map(() => null));
    await h.act({ type: "close-round" });
  });

  it("releases a removed rater's pending rating only in a batch, and keeps it counting", async () => {
    const h = await hub();
    await h.act({ type: "open-round" });
    for (const rater of ["Ana", "Boris", "Chen"]) await rate(rater, "Dmitri", 4);
    await vi.waitFor(async () => expect(await scoreOf("Dmitri")).toBe(4), { timeout: 4_000, interval: 100 });
    await rate("Fyodor", "Dmitri", 1);
    await h.removeParticipant(ids.Fyodor!, "kicked");
    await sleep(AFTER_A_RELEASE);
    // Neither the kick nor the clock shows Fyodor's lone rating.
    expect(await scoreOf("Dmitri")).toBe(4);
    await rate("Elena", "Dmitri", 4);
    await vi.waitFor(async () => expect(await scoreOf("Dmitri")).toBe(3.4), { timeout: 4_000, interval: 100 });
  });

  it("follows a facilitator's higher batch size up to k, and refuses one above k", async () => {
    const h = await hub();
    await expect(h.setRelease({ seconds: 1, batch: 4 })).rejects.toMatchObject({ code: "validation_failed" });
    await h.setRelease({ seconds: 1, batch: 3 });
    for (const rater of ["Ana", "Boris"]) await rate(rater, "Chen", 3);
    await rate("Dmitri", "Chen", 3);
    await vi.waitFor(async () => expect(await scoreOf("Chen")).toBe(3), { timeout: 4_000, interval: 100 });
    await rate("Ana", "Chen", 5);
    await rate("Boris", "Chen", 5);
    await sleep(AFTER_A_RELEASE);
    // Two new raters are not enough any more.
    expect(await scoreOf("Chen")).toBe(3);
    await rate("Elena", "Chen", 5);
    await vi.waitFor(async () => expect(await scoreOf("Chen")).toBe(4.5), { timeout: 4_000, interval: 100 });
  });

  it("follows k raised mid-session (the conference's higher threshold): batches up to the raised k, scores hidden below it", async () => {
    const h = await hub();
    await h.act({ type: "close-round" });
    // The next round runs with an anonymity threshold of 4 (k is 3), as a passed "raise k" amendment makes it.
    // (The session was created without an agenda, so round 3 is the agenda's third item.)
    const plain = { distribution: null, nosedive: null, norm: null, quotaBallots: null };
    const item = (title: string, rules: typeof plain & { minRaters?: number }) => ({ title, prompt: "", durationSeconds: null, rules });
    await h.setUpcomingAgenda([item("One", plain), item("Two", plain), item("Raised k", { ...plain, minRaters: 4 })]);
    await h.act({ type: "open-round" });
    await h.setRelease({ seconds: 1, batch: 4 });
    await expect(h.setRelease({ seconds: 1, batch: 5 })).rejects.toMatchObject({ code: "validation_failed" });
    await h.setRelease({ seconds: 1, batch: 2 });
    for (const rater of ["Boris", "Chen", "Dmitri"]) await rate(rater, "Ana", 4);
    await sleep(AFTER_A_RELEASE);
    // Released (three new raters), but three is below the raised k of 4: no score.
    expect(await scoreOf("Ana")).toBeNull();
    await rate("Elena", "Ana", 2);
    await sleep(AFTER_A_RELEASE);
    // A lone fourth rater is held back, whatever k is.
    expect(await scoreOf("Ana")).toBeNull();
    await h.act({ type: "close-round" });
    // The close releases it: four raters reach the raised k, (3 × 4 + 2) / 4.
    await vi.waitFor(async () => expect(await scoreOf("Ana")).toBe(3.5), { timeout: 2_000, interval: 50 });
  });
});
