import { describe, expect, it } from "vitest";
import { decodeFanout, encodeFanout, MAX_IDS_PER_NOTIFY } from "./pg-bus";

describe("fan-out payloads", () => {
  it("round-trip between instances and are ignored by their sender", () => {
    const [payload] = encodeFanout("a", { code: "ABC234", kind: "state" });
    expect(decodeFanout("b", payload)).toEqual({ code: "ABC234", kind: "state" });
    expect(decodeFanout("a", payload)).toBeNull();
    const [joined] = encodeFanout("a", { code: "ABC234", kind: "participant", id: "p1" });
    expect(decodeFanout("b", joined)).toEqual({ code: "ABC234", kind: "participant", id: "p1" });
  });

  it("split a large flush into NOTIFY-sized chunks without losing an id", () => {
    const ids = Array.from({ length: MAX_IDS_PER_NOTIFY * 2 + 7 }, (_, i) => 2_000_000_000 + i);
    const payloads = encodeFanout("a", { code: "ABC234", kind: "ratings", ids });
    expect(payloads).toHaveLength(3);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8_000);
    const back = payloads.flatMap((p) => {
      const m = decodeFanout("b", p);
      return m?.kind === "ratings" ? m.ids : [];
    });
    expect(back).toEqual(ids);
  });

  it("ignore malformed payloads", () => {
    expect(decodeFanout("b", undefined)).toBeNull();
    expect(decodeFanout("b", "not json")).toBeNull();
    expect(decodeFanout("b", JSON.stringify({ o: "a", m: { code: "X", kind: "ratings", ids: ["1"] } }))).toBeNull();
    expect(decodeFanout("b", JSON.stringify({ o: "a", m: { code: "X", kind: "drop tables" } }))).toBeNull();
    expect(decodeFanout("b", JSON.stringify({ o: "a", m: { code: "X", kind: "participant" } }))).toBeNull();
  });
});
