// Closing a round and opening the next one at once (a facilitator's double click, a script): the next
// round starts from everything the close released, not from the board of the last snapshot.
import { beforeAll, describe, expect, it } from "vitest";
import type { AgendaItem } from "../domain/rules/ruleset";
import { createTestSession, withTempDatabase } from "./test-session";

withTempDatabase("open-after-close");

const NAMES = ["Ada", "Boris", "Clara", "Dmitri", "Elena"];
const SCORES: Record<string, number> = { Ada: 5, Boris: 4, Clara: 3, Dmitri: 2, Elena: 1 };
const plain = { distribution: null, nosedive: null, norm: null, quotaBallots: null };
const agenda: AgendaItem[] = [
  { title: "Rate", prompt: "", durationSeconds: null, rules: plain },
  { title: "RIF", prompt: "", durationSeconds: null, rules: plain, kind: "rif", rif: { selection: { mode: "count", value: 2 }, statementSeconds: 60, autoAdvanceSeconds: null } },
];
let code = "";

beforeAll(async () => {
  code = (await createTestSession({ title: "Open after close", names: NAMES, k: 2, agenda, releaseSeconds: 10 })).code;
});

describe("opening a round right after closing one", () => {
  it("selects the Reduction in Force from the ratings the close released", async () => {
    const { getHub } = await import("./hub");
    const h = (await getHub(code))!;
    await h.act({ type: "open-round" });
    const active = h.activeParticipants();
    const stored: Promise<unknown>[] = [];
    for (const rater of active) for (const target of active) if (rater.id !== target.id) stored.push(h.rate(rater, target.id, { a: SCORES[target.displayName]! }).then((a) => a.stored));
    await Promise.all(stored);
    // Nothing released yet (a 10 s clock); the close releases all of it, the open follows at once.
    await h.act({ type: "close-round" });
    await h.act({ type: "open-round" });
    const rif = JSON.parse(h.roundFresh("public")).rif as { cases: { displayName: string }[] };
    expect(rif.cases.map((c) => c.displayName)).toEqual(["Elena", "Dmitri"]);
  });
});
