// Route handlers see a Web Request, not the socket: Next.js only sets
// X-Forwarded-For to the peer address when the client did not send one
// (`??=` in next/dist/server/base-server.js), so a client can choose its own.
// At boot (instrumentation.ts) this stamps every incoming request with the
// socket's real peer address in a header of our own, tagged with a per-process
// secret so a client cannot forge it either.
import http from "node:http";
import https from "node:https";
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const PEER_HEADER = "x-stakhanov-peer";
const KEY = Symbol.for("stakhanov.peerStamp");

type Stamp = { secret: string };
const g = globalThis as unknown as Record<symbol, Stamp | undefined>;

/** Installs the stamp once per process (idempotent). */
export function installPeerStamp(): void {
  if (g[KEY]) return;
  const stamp: Stamp = { secret: randomBytes(16).toString("hex") };
  g[KEY] = stamp;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (...args: unknown[]) => boolean }[]) {
    const original = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as IncomingMessage;
        req.headers[PEER_HEADER] = `${stamp.secret} ${req.socket?.remoteAddress ?? ""}`;
      }
      return original.call(this, event, ...args);
    };
  }
}

/** The socket's peer address of a request, or null when the stamp is missing or forged. */
export function peerAddress(headers: Headers): string | null {
  const stamp = g[KEY];
  const value = headers.get(PEER_HEADER);
  if (!stamp || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== stamp.secret) return null;
  return value.slice(space + 1) || null;
}
