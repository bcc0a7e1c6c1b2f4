// A small Server-Sent Events parser (the WHATWG event-stream format) for
// streams read with fetch: feed it decoded text chunks as they arrive, get back
// the complete events. Lines may end in \n, \r\n or \r, and may be split
// anywhere across chunks.

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = "";
  private eventType = "";
  private data: string[] = [];
  private hasData = false;
  /** The last `id:` seen (what a client would send back as Last-Event-ID). */
  lastEventId: string | undefined;
  /** The reconnect delay the server asked for with `retry:`, in ms. */
  retryMs: number | undefined;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (match[0] === "\r" && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null; // comment (keep-alive)
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    switch (field) {
      case "event":
        this.eventType = value;
        break;
      case "data":
        this.data.push(value);
        this.hasData = true;
        break;
      case "id":
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return null;
  }

  private dispatch(): SseEvent | null {
    const event: SseEvent | null = this.hasData
      ? { event: this.eventType || "message", data: this.data.join("\n"), ...(this.lastEventId !== undefined ? { id: this.lastEventId } : {}) }
      : null;
    this.eventType = "";
    this.data = [];
    this.hasData = false;
    return event;
  }
}

/** Exponential reconnect delay with jitter: base·2^attempt, capped, times 0.5–1. */
export function backoffMs(attempt: number, random: () => number, baseMs = 1_000, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + 0.5 * Math.min(Math.max(random(), 0), 1)));
}
