import { afterEach, describe, expect, it, vi } from "vitest";
import { eventStream, HIGH_WATER_BYTES, sharedFrame, type SseSender } from "./sse";

afterEach(() => vi.useRealTimers());

async function readSome(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> {
  const { value } = await reader.read();
  return new TextDecoder().decode(value);
}

describe("eventStream", () => {
  it("sends the SSE headers, ids on events, keep-alives every 15 s, and cleans up on abort", async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    const cleanup = vi.fn();
    let send: ((event: string, data: string, id?: string) => void) | undefined;
    const response = eventStream(abort.signal, (sse) => {
      send = sse.send;
      return cleanup;
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const reader = response.body!.getReader();
    expect(await readSome(reader)).toBe("retry: 2000\n: connected\n\n");

    send!("phase", '{"a":1}');
    expect(await readSome(reader)).toBe('id: 1\nevent: phase\ndata: {"a":1}\n\n');
    send!("leaderboard", "{}", "lb-7");
    expect(await readSome(reader)).toBe("id: lb-7\nevent: leaderboard\ndata: {}\n\n");

    vi.advanceTimersByTime(15_000);
    expect(await readSome(reader)).toMatch(/^: keep-alive \d+\n\n$/);

    abort.abort();
    expect(cleanup).toHaveBeenCalledTimes(1);
    expect((await reader.read()).done).toBe(true);
    send!("phase", "{}"); // after close: ignored, no throw
  });
});

describe("eventStream on a slow socket", () => {
  it("never builds a backlog: over the high-water mark each snapshot kind keeps only its latest frame", async () => {
    const abort = new AbortController();
    let sse: SseSender | undefined;
    const response = eventStream(abort.signal, (s) => {
      sse = s;
    });
    const board = (n: number) => `{"n":${n},"pad":"${"x".repeat(2_000)}"}`;
    // Nobody reads: 500 boards of 2 KB (1 MB) and a few phase changes pile up behind a slow client.
    for (let n = 1; n <= 500; n++) {
      sse!.send("leaderboard", board(n), `lb-${n}`);
      if (n % 100 === 0) sse!.send("phase", `{"p":${n}}`);
    }
    sse!.send("removed", '{"status":"kicked"}');
    const reader = response.body!.getReader();
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      if (text.includes("event: removed")) break;
    }
    const boards = [...text.matchAll(/id: lb-(\d+)\n/g)].map((m) => Number(m[1]));
    // What fit under the mark went out in order, then only the latest board: the client catches up.
    expect(text.length).toBeLessThan(HIGH_WATER_BYTES + 3 * 2_100);
    expect(boards.at(-1)).toBe(500);
    expect(boards.length).toBeLessThan(40);
    expect(boards).toEqual([...boards].sort((a, b) => a - b));
    expect(text).toContain('data: {"p":500}');
    expect(text).not.toContain('data: {"p":400}');
    // The final event comes after the held snapshots.
    expect(text.indexOf("event: removed")).toBeGreaterThan(text.lastIndexOf("id: lb-500"));
    abort.abort();
  });

  it("a reader that keeps up gets every frame", async () => {
    const abort = new AbortController();
    let sse: SseSender | undefined;
    const response = eventStream(abort.signal, (s) => {
      sse = s;
    });
    const reader = response.body!.getReader();
    await reader.read(); // retry + connected
    for (let n = 1; n <= 50; n++) {
      sse!.send("leaderboard", `{"n":${n}}`, `lb-${n}`);
      expect(new TextDecoder().decode((await reader.read()).value)).toBe(`id: lb-${n}\nevent: leaderboard\ndata: {"n":${n}}\n\n`);
    }
    abort.abort();
  });
});

describe("sharedFrame", () => {
  it("encodes a view's frame once: every connection gets the same bytes until the data or id changes", () => {
    const data = JSON.stringify({ rows: [1, 2, 3] });
    const a = sharedFrame("leaderboard:phone", "leaderboard", data, "lb-1");
    const b = sharedFrame("leaderboard:phone", "leaderboard", data, "lb-1");
    expect(b).toBe(a);
    expect(new TextDecoder().decode(a)).toBe(`id: lb-1\nevent: leaderboard\ndata: ${data}\n\n`);
    expect(sharedFrame("leaderboard:full", "leaderboard", "{}", "lb-1")).not.toBe(a);
    expect(sharedFrame("leaderboard:phone", "leaderboard", data, "lb-2")).not.toBe(a);
    const c = sharedFrame("leaderboard:phone", "leaderboard", "{}", "lb-2");
    expect(new TextDecoder().decode(c)).toBe("id: lb-2\nevent: leaderboard\ndata: {}\n\n");
  });
});
