import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eventStream, HIGH_WATER_BYTES, nodeEventStream, sharedFrame, type SseSender } from "./sse";

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

/** A node:http response whose socket takes `capacity` bytes, then reports back-pressure until drained. */
class SlowResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  written: Uint8Array[] = [];
  writableLength = 0;
  writableNeedDrain = false;
  destroyed = false;
  ended = false;
  constructor(private readonly capacity: number) {
    super();
  }
  writeHead(status: number, headers: Record<string, string>) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  write(bytes: Uint8Array): boolean {
    this.written.push(bytes);
    this.writableLength += bytes.byteLength;
    if (this.writableLength >= this.capacity) this.writableNeedDrain = true;
    return !this.writableNeedDrain;
  }
  end() {
    this.ended = true;
  }
  /** The socket took everything: 'drain'. */
  drain() {
    this.writableLength = 0;
    this.writableNeedDrain = false;
    this.emit("drain");
  }
  text(from = 0) {
    return this.written.slice(from).map((b) => new TextDecoder().decode(b)).join("");
  }
}

describe("nodeEventStream (the custom server's hot path)", () => {
  const board = (n: number) => `{"n":${n},"pad":"${"x".repeat(2_000)}"}`;

  it("writes the SSE and given headers, then frames straight onto the response", () => {
    const res = new SlowResponse(1 << 20);
    nodeEventStream(res as unknown as ServerResponse, { "X-Content-Type-Options": "nosniff" }, (sse) => {
      sse.send("phase", '{"a":1}');
      sse.sendFrame("leaderboard", sharedFrame("t:phone", "leaderboard", "{}", "lb-1"));
    });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no", "X-Content-Type-Options": "nosniff" });
    expect(res.text()).toBe('retry: 2000\n: connected\n\nid: 1\nevent: phase\ndata: {"a":1}\n\nid: lb-1\nevent: leaderboard\ndata: {}\n\n');
    res.emit("close");
  });

  it("respects write()'s false: while the socket has not drained, each snapshot kind keeps only its latest frame", () => {
    const res = new SlowResponse(16 * 1024);
    let sse: SseSender | undefined;
    nodeEventStream(res as unknown as ServerResponse, {}, (s) => {
      sse = s;
    });
    for (let n = 1; n <= 500; n++) {
      sse!.send("leaderboard", board(n), `lb-${n}`);
      if (n % 100 === 0) sse!.send("phase", `{"p":${n}}`);
    }
    // Behind: a frame made when written waits, the latest of its kind, and is made only then.
    const made: number[] = [];
    for (const n of [1, 2, 3]) sse!.sendWhenReady("roster", () => (made.push(n), new TextEncoder().encode(`event: roster\ndata: {"r":${n}}\n\n`)));
    sse!.sendWhenReady("nothing", () => null);
    expect(made).toEqual([]);
    // Written until the first false (about 16 KB), then nothing more: no backlog of 1 MB.
    const before = res.text();
    expect(before.length).toBeLessThan(16 * 1024 + 2_100);
    expect(before).not.toContain("id: lb-500\n");
    const count = res.written.length;
    // 'drain': what was held goes out, the latest of each kind.
    res.drain();
    const after = res.text(count);
    const boards = [...after.matchAll(/id: lb-(\d+)\n/g)].map((m) => Number(m[1]));
    expect(boards).toEqual([500]);
    expect(after).toContain('data: {"p":500}');
    expect(after).not.toContain('data: {"p":400}');
    expect(made).toEqual([3]);
    expect(after).toContain('data: {"r":3}');
    expect(after).not.toContain('data: {"r":2}');
    // Caught up: made and written at once.
    sse!.sendWhenReady("roster", () => (made.push(4), new TextEncoder().encode("event: roster\ndata: {}\n\n")));
    expect(made).toEqual([3, 4]);
    // Full again: a final event is written after what is held, in order.
    for (let n = 501; n <= 520; n++) sse!.send("leaderboard", board(n), `lb-${n}`);
    const held = res.written.length;
    sse!.send("removed", '{"status":"kicked"}');
    const last = res.text(held);
    expect(last.indexOf("event: removed")).toBeGreaterThan(last.indexOf("id: lb-520\n"));
    expect(last.indexOf("id: lb-520\n")).toBeGreaterThanOrEqual(0);
    res.emit("close");
  });

  it("cleans up once when the client leaves, and writes nothing after", () => {
    const res = new SlowResponse(1 << 20);
    const cleanup = vi.fn();
    let sse: SseSender | undefined;
    nodeEventStream(res as unknown as ServerResponse, {}, (s) => {
      sse = s;
      return cleanup;
    });
    res.emit("close");
    res.emit("close");
    expect(cleanup).toHaveBeenCalledTimes(1);
    const count = res.written.length;
    sse!.send("phase", "{}");
    expect(res.written.length).toBe(count);
  });

  it("close() from the server ends the response and cleans up", () => {
    const res = new SlowResponse(1 << 20);
    const cleanup = vi.fn();
    nodeEventStream(res as unknown as ServerResponse, {}, (s) => {
      queueMicrotask(() => s.close());
      return cleanup;
    });
    return Promise.resolve().then(() => {
      expect(res.ended).toBe(true);
      expect(cleanup).toHaveBeenCalledTimes(1);
    });
  });
});
