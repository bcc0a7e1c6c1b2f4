import { describe, expect, it } from "vitest";
import { PhoneStreamScanner, propagation, slowestPropagation, VersionTimeline } from "./propagation";

describe("VersionTimeline", () => {
  it("finds the first snapshot with version ≥ v", () => {
    const tl = new VersionTimeline();
    tl.push(10, 100);
    tl.push(12, 350);
    tl.push(12, 400); // a resend of the same snapshot (e.g. after a phase event): ignored
    tl.push(15, 600);
    expect(tl.firstAtLeast(5)).toBe(100);
    expect(tl.firstAtLeast(10)).toBe(100);
    expect(tl.firstAtLeast(11)).toBe(350);
    expect(tl.firstAtLeast(13)).toBe(600);
    expect(tl.firstAtLeast(16)).toBeNull();
    expect(tl.maxVersion).toBe(15);
    expect(tl.length).toBe(3);
  });
});

describe("propagation", () => {
  const tl = new VersionTimeline();
  tl.push(100, 1_000);
  tl.push(101, 1_250);
  tl.push(102, 1_500);

  it("measures from the 2xx to the first snapshot with the returned version or later", () => {
    const r = propagation(
      [
        { ackTime: 1_100, version: 101 },
        { ackTime: 1_200, version: 101 },
        { ackTime: 1_300, version: 102 },
      ],
      tl,
    );
    expect(r).toEqual({ delays: [150, 50, 200], missing: 0, early: 0 });
  });

  it("counts a snapshot that beat the 2xx as 0 ms, and a version never shown as missing", () => {
    const r = propagation(
      [
        { ackTime: 1_400, version: 101 },
        { ackTime: 1_600, version: 103 },
      ],
      tl,
    );
    expect(r).toEqual({ delays: [0], missing: 1, early: 1 });
  });

  it("takes the slowest of many connections", () => {
    const fast = new VersionTimeline();
    fast.push(5, 10);
    const slow = new VersionTimeline();
    slow.push(5, 90);
    const never = new VersionTimeline();
    never.push(4, 10);
    expect(slowestPropagation([{ ackTime: 0, version: 5 }], [fast, slow])).toEqual({ delays: [90], missing: 0, early: 0 });
    expect(slowestPropagation([{ ackTime: 0, version: 5 }], [fast, slow, never])).toEqual({ delays: [], missing: 1, early: 0 });
    expect(slowestPropagation([{ ackTime: 0, version: 5 }], [])).toEqual({ delays: [], missing: 1, early: 0 });
  });
});

describe("PhoneStreamScanner", () => {
  const frame = (event: string, data: string, id: string) => `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;
  const stream =
    "retry: 2000\n: connected\n\n" +
    frame("phase", JSON.stringify({ phase: "round_open", title: "event: not a field" }), "1") +
    frame("leaderboard", JSON.stringify({ version: 41, entries: Array.from({ length: 30 }, (_, i) => ({ displayName: `id: lb-${i}` })) }), "lb-41") +
    frame("me", JSON.stringify({ version: 41 }), "3") +
    ": keep-alive 123\n\n" +
    frame("leaderboard", "{}", "lb-42");

  it("counts events and reads leaderboard versions from the ids", () => {
    const s = new PhoneStreamScanner();
    s.push(Buffer.from(stream), 7);
    expect(s.count("phase")).toBe(1);
    expect(s.count("leaderboard")).toBe(2);
    expect(s.count("me")).toBe(1);
    expect(s.timeline.maxVersion).toBe(42);
    expect(s.timeline.firstAtLeast(41)).toBe(7);
    expect(s.bytes).toBe(Buffer.byteLength(stream));
  });

  it("gives the same answer however the bytes are split", () => {
    for (const size of [1, 2, 3, 7, 13, 64, 65, 100]) {
      const s = new PhoneStreamScanner();
      for (let i = 0; i < stream.length; i += size) s.push(stream.slice(i, i + size), i);
      expect(s.count("phase")).toBe(1);
      expect(s.count("leaderboard")).toBe(2);
      expect(s.count("me")).toBe(1);
      expect(s.timeline.maxVersion).toBe(42);
      // version 42 is known only once its id line is complete
      const at = stream.indexOf("id: lb-42\n") + "id: lb-42".length;
      expect(s.timeline.firstAtLeast(42)).toBe(Math.floor(at / size) * size);
    }
  });

  it("is not fooled by field-like text inside a long data line split across chunks", () => {
    const s = new PhoneStreamScanner();
    s.push(`data: {"name":"${"x".repeat(100)}`, 0); // a long unfinished data line: skipped to its end
    s.push('event: fake", "more": 1}\n', 1); // the same data line goes on: not a field
    s.push("event: real\n", 2);
    expect(s.count('fake", "more": 1}')).toBe(0);
    expect(s.count("real")).toBe(1);
  });
});
