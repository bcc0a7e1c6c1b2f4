// Server-Sent Events from a route handler: a ReadableStream with an `id` on
// every event, a keep-alive comment every 15 s, and cleanup when the client
// goes away (request.signal aborts on disconnect).
//
// The hot path (issue 12): a frame every connection of a view shares is encoded
// once (sharedFrame) and the same bytes are queued on every connection; and a
// slow socket never builds a backlog: once its queue holds HIGH_WATER_BYTES, a
// snapshot event (every event but `removed`/`closed` carries the whole state of
// its kind) replaces the one of the same kind still waiting, so the client gets
// the latest frame when it catches up.

export interface SseSender {
  send(event: string, data: string, id?: string | number): void;
  /** Queues bytes made by sharedFrame() (the same object for every connection of a view). */
  sendFrame(event: string, frame: Uint8Array): void;
  close(): void;
}

const encoder = new TextEncoder();
const KEEP_ALIVE_MS = 15_000;
/** Bytes a connection may have waiting before snapshots are coalesced (a few full boards). */
export const HIGH_WATER_BYTES = 64 * 1024;
/** Events that carry a whole snapshot of their kind: only the latest of each matters to a client. */
const SNAPSHOT_EVENTS = new Set(["phase", "roster", "leaderboard", "me", "round", "control"]);

const frames = new Map<string, { id: string; data: string; bytes: Uint8Array }>();
const MAX_SHARED_FRAMES = 256;

/**
 * The encoded frame for `data` under `key` (e.g. "leaderboard:phone"): encoded once while the
 * data and id stay the same, so every connection of a view gets the very same bytes.
 */
export function sharedFrame(key: string, event: string, data: string, id: string): Uint8Array {
  const hit = frames.get(key);
  // Mostly the same string object (the hub caches one JSON per view and version): a pointer compare.
  if (hit && hit.id === id && hit.data === data) return hit.bytes;
  const bytes = encoder.encode(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`);
  if (!hit && frames.size >= MAX_SHARED_FRAMES) frames.delete(frames.keys().next().value!);
  frames.set(key, { id, data, bytes });
  return bytes;
}

export function eventStream(
  signal: AbortSignal,
  start: (sender: SseSender) => (() => void) | void,
): Response {
  let cleanup: (() => void) | void;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let counter = 0;
  /** Snapshots held back while the client is slow, the latest of each kind, in first-held order. */
  const held = new Map<string, Uint8Array>();
  let flushHeld: () => void = () => {};

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const finish = () => {
          if (closed) return;
          closed = true;
          held.clear();
          if (keepAlive) clearInterval(keepAlive);
          try {
            cleanup?.();
          } finally {
            try {
              controller.close();
            } catch {
              // already closed by the runtime
            }
          }
        };
        const enqueue = (bytes: Uint8Array) => {
          try {
            controller.enqueue(bytes);
          } catch {
            finish();
          }
        };
        const full = () => (controller.desiredSize ?? 1) <= 0;
        flushHeld = () => {
          if (closed || held.size === 0) return;
          const frames = [...held.values()];
          held.clear();
          for (const bytes of frames) enqueue(bytes);
        };
        const write = (event: string, bytes: Uint8Array) => {
          if (closed) return;
          if (SNAPSHOT_EVENTS.has(event) && (held.size > 0 || full())) {
            held.set(event, bytes); // replaces an older one of the same kind, keeps its place
            return;
          }
          flushHeld(); // a final event (removed, closed) comes after what was held
          enqueue(bytes);
        };
        // Registered before anything else so a client that leaves at once is still cleaned up.
        signal.addEventListener("abort", finish, { once: true });
        const sender: SseSender = {
          send(event, data, id) {
            if (closed) return;
            counter += 1;
            write(event, encoder.encode(`id: ${id ?? counter}\nevent: ${event}\ndata: ${data}\n\n`));
          },
          sendFrame: write,
          close: finish,
        };
        // Tell EventSource to wait 2 s before its first reconnect attempt.
        controller.enqueue(encoder.encode(`retry: 2000\n: connected\n\n`));
        keepAlive = setInterval(() => {
          // A keep-alive only matters to an idle connection; a backed-up one is not idle.
          if (closed || full()) return;
          enqueue(encoder.encode(`: keep-alive ${Date.now()}\n\n`));
        }, KEEP_ALIVE_MS);
        cleanup = start(sender);
        if (signal.aborted) finish();
      },
      // The consumer (the socket) took some: what was held goes out now, the latest of each kind.
      pull() {
        flushHeld();
      },
      cancel() {
        closed = true;
        held.clear();
        if (keepAlive) clearInterval(keepAlive);
        cleanup?.();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
