import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustProxy, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it.each([
    // [TRUST_PROXY, peer, X-Forwarded-For, expected]
    ["", "203.0.113.9", "1.2.3.4", "203.0.113.9"], // default off: a spoofed header changes nothing
    ["off", "203.0.113.9", null, "203.0.113.9"],
    ["0", "::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", "203.0.113.9"],
    ["1", "127.0.0.1", "198.51.100.7", "198.51.100.7"], // one proxy: its view of the client
    ["1", "127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"], // the client's own prefix is ignored
    ["2", "10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1", "198.51.100.7"],
    ["1", "127.0.0.1", null, "127.0.0.1"], // no header: the proxy itself
    ["3", "127.0.0.1", "198.51.100.7", "198.51.100.7"], // fewer hops than configured: the leftmost
    ["127.0.0.1", "127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"],
    ["127.0.0.0/8,10.0.0.0/8", "10.1.2.3", "6.6.6.6, 198.51.100.7, 127.0.0.1", "198.51.100.7"],
    ["10.0.0.0/8", "203.0.113.9", "1.2.3.4", "203.0.113.9"], // not from a trusted proxy: the header is ignored
    ["::1", "::1", "2001:db8::5", "2001:db8::5"],
    ["10.0.0.0/8", "10.0.0.1", "10.0.0.2", "10.0.0.2"], // all trusted: the leftmost
    ["10.0.0.0/8", "10.0.0.1", "garbage, 10.0.0.2", "garbage"],
  ])("TRUST_PROXY=%j peer=%s XFF=%j → %s", (trust, peer, xff, expected) => {
    expect(resolveClientAddress({ peer, forwardedFor: xff, trust: parseTrustProxy(trust) })).toBe(expected);
  });
});

describe("parseTrustProxy", () => {
  it.each([[undefined], [""], ["off"], ["false"], ["0"]])("%j is off", (value) => {
    expect(parseTrustProxy(value).kind).toBe("off");
  });
  it.each([["true"], ["yes"], ["abc"], ["10.0.0.0/33"], ["10.0.0.0/x"], ["11"], ["::1/129"]])("%j is refused", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
  it("hop counts and lists", () => {
    expect(parseTrustProxy("2")).toEqual({ kind: "hops", hops: 2 });
    expect(parseTrustProxy("127.0.0.1, 10.0.0.0/8, fd00::/8").kind).toBe("cidrs");
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["::ffff:10.0.0.1", "10.0.0.1"],
    [" [::1] ", "::1"],
    ["x".repeat(100), "x".repeat(64)],
  ])("%s → %s", (input, expected) => expect(normalizeAddress(input)).toBe(expected));
});
