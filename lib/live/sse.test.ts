import { afterEach, describe, expect, it, vi } from "vitest";
import { eventStream } from "./sse";

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
