import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerStamp, peerAddress, PEER_HEADER } from "./peer-stamp";

describe("peer stamp", () => {
  let server: http.Server;
  let seen: Headers | null = null;
  beforeAll(async () => {
    installPeerStamp();
    server = http.createServer((req, res) => {
      seen = new Headers(req.headers as Record<string, string>);
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("carries the socket's address, whatever the client claims", async () => {
    const port = (server.address() as AddressInfo).port;
    await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "forged 6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
    expect(peerAddress(seen!)).toBe("127.0.0.1");
  });

  it("a forged stamp without the process secret is ignored", () => {
    expect(peerAddress(new Headers({ [PEER_HEADER]: "guess 6.6.6.6" }))).toBeNull();
    expect(peerAddress(new Headers())).toBeNull();
  });
});
