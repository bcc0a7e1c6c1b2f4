// Server-Sent Events, over two transports with one policy: a route handler's
// ReadableStream (eventStream) and, on the custom server's hot path, a plain
// node:http ServerResponse (nodeEventStream; scripts/server.mjs, lib/server/hot.ts).
// An `id` on every event, a keep-alive comment every 15 s, and cleanup when the
// client goes away.
//
// The hot path (issue 12): a frame every connection of a view shares is encoded
// once (sharedFrame) and the same bytes are queued on every connection; and a
// slow socket never builds a backlog: once its queue is full (HIGH_WATER_BYTES
// for a stream; write() returned false and no 'drain' yet for a socket), a
// snapshot event (every event but `removed`/`closed` carries the whole state of
// its kind) replaces the one of the same kind still waiting, so the client gets
// the latest frame when it catches up.
import type { ServerResponse } from "node:http";

export interface SseSender {
  send(event: string, data: string, id?: string | number): void;
  /** Queues bytes made by sharedFrame() (the same object for every connection of a view). */
  sendFrame(event: string, frame: Uint8Array): void;
  /**
   * A frame made when it can be written: at once, or, while the client is behind, when it has caught
   * up (a later call for the same `kind` replaces one still waiting). For frames that depend on what
   * the client already has (a `roster-delta` from the revision it holds): `produce` runs just before
   * its bytes are written, and may return null (nothing to send by then).
   */
  sendWhenReady(kind: string, produce: () => Uint8Array | null): void;
  close(): void;
}

const encoder = new TextEncoder();
const KEEP_ALIVE_MS = 15_000;
/** Bytes a connection may have waiting before snapshots are coalesced (a few full boards). */
export const HIGH_WATER_BYTES = 64 * 1024;
/** Events that carry a whole snapshot of their kind: only the latest of each matters to a client. */
const SNAPSHOT_EVENTS = new Set(["phase", "roster", "leaderboard", "me", "round", "control"]);
/** The first bytes of every stream: EventSource waits 2 s before its first reconnect attempt. */
const PREAMBLE = encoder.encode(`retry: 2000\n: connected\n\n`);

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

type Frame = { id: string; data: string; bytes: Uint8Array };
const MAX_SHARED_FRAMES = 256;
// On globalThis: the route handler's bundle and the custom server's hot handlers share one cache.
const g = globalThis as unknown as { __stakhanovSseFrames?: Map<string, Frame> };
const frames = (g.__stakhanovSseFrames ??= new Map<string, Frame>());

/**
 * The encoded frame for `data` under `key` (e.g. "leaderboard:phone"): encoded once while the
 * data and id stay the same, so every connection of a view gets the very same bytes.
 */
export function sharedFrame(key: string, event: string, data: string, id: string): Uint8Array {
  const hit = frames.get(key);
  // Mostly the same string object (the hub caches one JSON per view and version): a pointer compare.
  if (hit && hit.id === id && hit.data === data) return hit.bytes;
  const bytes = encodeFrame(event, data, id);
  if (!hit && frames.size >= MAX_SHARED_FRAMES) frames.delete(frames.keys().next().value!);
  frames.set(key, { id, data, bytes });
  return bytes;
}

/** One SSE frame's bytes. */
export function encodeFrame(event: string, data: string, id: string): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
}

/** Where a connection's bytes go: the transport's side of the policy. */
interface Sink {
  /** Queues bytes; false when the transport is gone. */
  write(bytes: Uint8Array): boolean;
  /** True while the transport holds as much as it should: snapshots are coalesced then. */
  full(): boolean;
  /** Ends the response (the client may still be there). */
  end(): void;
}

/**
 * One SSE connection over a sink: ids, keep-alives, coalescing while full, cleanup once.
 * Returns `drained` (call when the transport took some: what was held goes out, the latest of
 * each kind) and `gone` (the client left: clean up without ending the response).
 */
function openConnection(sink: Sink, start: (sender: SseSender) => (() => void) | void): { drained: () => void; gone: () => void } {
  let cleanup: (() => void) | void = undefined;
  let closed = false;
  let counter = 0;
  /** Snapshots held back while the client is slow, the latest of each kind, in first-held order (a function: made when written). */
  const held = new Map<string, Uint8Array | (() => Uint8Array | null)>();
  const stop = (end: boolean) => {
    if (closed) return;
    closed = true;
    held.clear();
    clearInterval(keepAlive);
    try {
      cleanup?.();
    } finally {
      if (end) sink.end();
    }
  };
  const finish = () => stop(true);
  const enqueue = (bytes: Uint8Array) => {
    if (!sink.write(bytes)) finish();
  };
  const drained = () => {
    if (closed || held.size === 0) return;
    const waiting = [...held.values()];
    held.clear();
    for (const item of waiting) {
      const bytes = typeof item === "function" ? item() : item;
      if (bytes) enqueue(bytes);
    }
  };
  const write = (event: string, bytes: Uint8Array) => {
    if (closed) return;
    if (SNAPSHOT_EVENTS.has(event) && (held.size > 0 || sink.full())) {
      held.set(event, bytes); // replaces an older one of the same kind, keeps its place
      return;
    }
    drained(); // a final event (removed, closed) comes after what was held
    enqueue(bytes);
  };
  const sender: SseSender = {
    send(event, data, id) {
      if (closed) return;
      counter += 1;
      write(event, encodeFrame(event, data, String(id ?? counter)));
    },
    sendFrame: write,
    sendWhenReady(kind, produce) {
      if (closed) return;
      if (held.size > 0 || sink.full()) {
        held.set(kind, produce);
        return;
      }
      const bytes = produce();
      if (bytes) enqueue(bytes);
    },
    close: finish,
  };
  const keepAlive = setInterval(() => {
    // A keep-alive only matters to an idle connection; a backed-up one is not idle.
    if (closed || sink.full()) return;
    enqueue(encoder.encode(`: keep-alive ${Date.now()}\n\n`));
  }, KEEP_ALIVE_MS);
  enqueue(PREAMBLE);
  cleanup = start(sender);
  if (closed) cleanup?.(); // closed by start() itself, before its cleanup existed
  return { drained, gone: () => stop(false) };
}

/** SSE from a route handler: a Response over a ReadableStream; `signal` aborts when the client leaves. */
export function eventStream(signal: AbortSignal, start: (sender: SseSender) => (() => void) | void): Response {
  let connection: { drained: () => void; gone: () => void } | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let ended = false;
        const sink: Sink = {
          write(bytes) {
            if (ended) return false;
            try {
              controller.enqueue(bytes);
              return true;
            } catch {
              return false;
            }
          },
          full: () => (controller.desiredSize ?? 1) <= 0,
          end() {
            if (ended) return;
            ended = true;
            try {
              controller.close();
            } catch {
              // already closed by the runtime
            }
          },
        };
        const leave = () => {
          connection?.gone();
          sink.end();
        };
        // Registered before anything else so a client that leaves at once is still cleaned up.
        signal.addEventListener("abort", leave, { once: true });
        connection = openConnection(sink, start);
        if (signal.aborted) leave();
      },
      // The consumer (the socket) took some: what was held goes out now.
      pull() {
        connection?.drained();
      },
      cancel() {
        connection?.gone();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );
  return new Response(stream, { headers: SSE_HEADERS });
}

/**
 * SSE straight onto a node:http response (the custom server's hot path). `write()`'s return value
 * is respected: after a false, snapshots are coalesced until 'drain'. `headers` are added to
 * SSE_HEADERS (the API's security headers). Cleans up when the client leaves ('close').
 */
export function nodeEventStream(res: ServerResponse, headers: Record<string, string>, start: (sender: SseSender) => (() => void) | void): void {
  res.writeHead(200, { ...headers, ...SSE_HEADERS });
  let ended = false;
  const sink: Sink = {
    write(bytes) {
      if (ended || res.destroyed) return false;
      res.write(bytes);
      return true;
    },
    full: () => res.writableNeedDrain || res.writableLength >= HIGH_WATER_BYTES,
    end() {
      if (ended) return;
      ended = true;
      res.end();
    },
  };
  const connection = openConnection(sink, start);
  res.on("drain", connection.drained);
  res.once("close", () => {
    ended = true;
    connection.gone();
  });
}
