// A thin node:http client for the load: keep-alive agents, no WHATWG streams
// on the hot path (the load generator shares the CPUs with the server, so the
// client must be cheap), and long-lived event streams read as raw bytes.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface HttpAnswer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** the request went out on a kept-alive socket that the server may have closed meanwhile */
    readonly reusedSocket: boolean,
  ) {
    super(message);
  }
}

export interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/** One request; resolves with any status, rejects with HttpError on network trouble or timeout. */
export function request(base: URL, agent: http.Agent, spec: RequestSpec): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(spec.headers ?? {}) };
    if (spec.body !== undefined) headers["Content-Length"] = Buffer.byteLength(spec.body);
    const req = http.request(
      { host: base.hostname, port: base.port, method: spec.method, path: spec.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers });
        });
        res.on("error", (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(new HttpError(e.message, e.code ?? "response_error", req.reusedSocket));
        });
      },
    );
    const timer = setTimeout(() => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })), spec.timeoutMs ?? 30_000);
    req.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new HttpError(e.message, e.code ?? "network", req.reusedSocket));
    });
    if (spec.body !== undefined) req.write(spec.body);
    req.end();
  });
}

/**
 * Like request(), but a request that failed on a kept-alive socket before any
 * answer (the server closed an idle socket just as we reused it) is sent once
 * more, as browsers do. `resent` tells the caller.
 */
export async function requestWithResend(base: URL, agent: http.Agent, spec: RequestSpec): Promise<HttpAnswer & { resent: boolean }> {
  try {
    return { ...(await request(base, agent, spec)), resent: false };
  } catch (error) {
    if (error instanceof HttpError && error.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
      return { ...(await request(base, agent, spec)), resent: true };
    }
    throw error;
  }
}

/** Keep-alive agent for request loads; idle sockets are dropped before the server's 5 s keep-alive timeout. */
export function keepAliveAgent(maxSockets = Infinity): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, scheduling: "fifo", timeout: 4_000 });
}

/** Agent for long-lived event streams: one socket each, no idle timeout. */
export function streamAgent(): http.Agent {
  return new http.Agent({ keepAlive: false, maxSockets: Infinity });
}

export interface Stream {
  status: number;
  /** true once the server ended the stream or the socket failed */
  closed: boolean;
  closeReason: string | null;
  close(): void;
}

/**
 * Opens a long-lived GET (an event stream). `onData` gets every raw chunk with
 * its arrival time (performance.now()). Resolves once the response headers
 * arrived; a non-200 answer resolves with its status and the body discarded.
 */
export function openStream(
  base: URL,
  agent: http.Agent,
  path: string,
  headers: Record<string, string>,
  onData: (chunk: Buffer, time: number) => void,
  onClose?: (reason: string) => void,
): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const req = http.get({ host: base.hostname, port: base.port, path, headers: { Accept: "text/event-stream", ...headers }, agent }, (res) => {
      const stream: Stream = {
        status: res.statusCode ?? 0,
        closed: false,
        closeReason: null,
        close: () => {
          stream.closed = true;
          stream.closeReason ??= "closed by the client";
          req.destroy();
        },
      };
      const end = (reason: string) => {
        if (stream.closed) return;
        stream.closed = true;
        stream.closeReason = reason;
        onClose?.(reason);
      };
      if (res.statusCode !== 200) res.resume();
      else res.on("data", (c: Buffer) => onData(c, performance.now()));
      res.on("end", () => end("ended by the server"));
      res.on("error", (e: NodeJS.ErrnoException) => end(e.code ?? e.message));
      res.on("close", () => end("connection closed"));
      settled = true;
      clearTimeout(timer);
      resolve(stream);
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error("no answer within 60 s"), { code: "TIMEOUT" })), 60_000);
    req.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!settled) reject(new HttpError(e.message, e.code ?? "network", false));
    });
  });
}
