// Server-Sent Events from a route handler: a ReadableStream with an `id` on
// every event, a keep-alive comment every 15 s, and cleanup when the client
// goes away (request.signal aborts on disconnect).

export interface SseSender {
  send(event: string, data: string, id?: string | number): void;
  close(): void;
}

const encoder = new TextEncoder();
const KEEP_ALIVE_MS = 15_000;

export function eventStream(
  signal: AbortSignal,
  start: (sender: SseSender) => (() => void) | void,
): Response {
  let cleanup: (() => void) | void;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let counter = 0;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (closed) return;
        closed = true;
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
      // Registered before anything else so a client that leaves at once is still cleaned up.
      signal.addEventListener("abort", finish, { once: true });
      const sender: SseSender = {
        send(event, data, id) {
          if (closed) return;
          counter += 1;
          const frame = `id: ${id ?? counter}\nevent: ${event}\ndata: ${data}\n\n`;
          try {
            controller.enqueue(encoder.encode(frame));
          } catch {
            finish();
          }
        },
        close: finish,
      };
      // Tell EventSource to wait 2 s before its first reconnect attempt.
      controller.enqueue(encoder.encode(`retry: 2000\n: connected\n\n`));
      keepAlive = setInterval(() => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(`: keep-alive ${Date.now()}\n\n`));
        } catch {
          finish();
        }
      }, KEEP_ALIVE_MS);
      cleanup = start(sender);
      if (signal.aborted) finish();
    },
    cancel() {
      closed = true;
      if (keepAlive) clearInterval(keepAlive);
      cleanup?.();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
