import { describe, expect, it } from "vitest";
import { backoffMs, SseParser } from "./sse";

describe("SseParser", () => {
  it("parses the server's frames, ignoring comments", () => {
    const p = new SseParser();
    const events = p.push('retry: 2000\n: connected\n\nid: 1\nevent: phase\ndata: {"phase":"lobby"}\n\n: keep-alive 123\n\nid: lb-4\nevent: leaderboard\ndata: {"version":4}\n\n');
    expect(events).toEqual([
      { event: "phase", data: '{"phase":"lobby"}', id: "1" },
      { event: "leaderboard", data: '{"version":4}', id: "lb-4" },
    ]);
    expect(p.retryMs).toBe(2000);
    expect(p.lastEventId).toBe("lb-4");
  });

  it("handles frames split anywhere across chunks", () => {
    const text = 'id: 7\nevent: me\ndata: {"rank":3}\n\nevent: phase\ndata: x\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(events.map((e) => e.event)).toEqual(["me", "phase"]);
    }
  });

  it("accepts CRLF and CR line ends, even split between chunks", () => {
    const p = new SseParser();
    expect([...p.push("event: a\r\ndata: 1\r"), ...p.push("\n\r\n")]).toEqual([{ event: "a", data: "1" }]);
    // A CR at the very end may be half of a CRLF, so the blank line is only certain once more text arrives.
    expect(p.push("data: 2\r\r")).toEqual([]);
    expect(p.push(": next")).toEqual([{ event: "message", data: "2" }]);
  });

  it("joins multi-line data and skips events without data", () => {
    const p = new SseParser();
    expect(p.push("event: x\n\ndata: a\ndata:b\ndata\n\n")).toEqual([{ event: "message", data: "a\nb\n" }]);
  });
});

describe("backoffMs", () => {
  it("doubles up to the cap, with jitter between half and all of it", () => {
    expect(backoffMs(0, () => 1)).toBe(1000);
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(8000);
    expect(backoffMs(20, () => 1)).toBe(30_000);
    expect(backoffMs(2, () => 1, 2000)).toBe(8000);
  });
});
