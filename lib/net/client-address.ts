// Which address is the client's? Rate limits key on it, so a client must not
// be able to choose it. The socket's peer address is stamped on every request
// by the server process (./peer-stamp.ts); X-Forwarded-For is believed only as
// far as TRUST_PROXY says (docs/decisions/0016-trusted-client-address.md).
import { BlockList, isIP } from "node:net";

export type TrustProxy =
  | { kind: "off" }
  /** This many reverse proxies stand in front of the app; each appends the address it saw. */
  | { kind: "hops"; hops: number }
  /** Requests from these addresses are proxies; the first hop from the right outside them is the client. */
  | { kind: "cidrs"; list: BlockList; source: string };

/** Parses TRUST_PROXY: unset/"off"/"0" → off; a positive integer → hop count; else a comma-separated CIDR/IP list. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = (value ?? "").trim();
  if (raw === "" || raw === "0" || /^(off|false|no)$/i.test(raw)) return { kind: "off" };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new Error(`TRUST_PROXY=${raw}: more than 10 proxy hops is surely a mistake.`);
    return { kind: "hops", hops };
  }
  if (/^(true|on|yes)$/i.test(raw)) {
    throw new Error(`TRUST_PROXY=${raw} is ambiguous: give the number of proxies in front of the app (e.g. 1) or their addresses (e.g. 127.0.0.1/32,10.0.0.0/8).`);
  }
  const list = new BlockList();
  for (const entry of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", prefixText] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range.`);
    const type = family === 4 ? "ipv4" : "ipv6";
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      throw new Error(`TRUST_PROXY: "${entry}" has an invalid prefix length.`);
    }
    list.addSubnet(address, prefix, type);
  }
  return { kind: "cidrs", list, source: raw };
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) → `10.0.0.1`; trims brackets and whitespace. */
export function normalizeAddress(address: string): string {
  const a = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return (mapped?.[1] ?? a).slice(0, 64);
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address from the socket's peer address and the X-Forwarded-For
 * chain. Off: the peer, whatever the headers say. Hops: the address `hops`
 * places left of the peer. CIDRs: walk left from the peer over trusted proxies.
 */
export function resolveClientAddress(input: { peer: string; forwardedFor: string | null | undefined; trust: TrustProxy }): string {
  const peer = normalizeAddress(input.peer);
  if (input.trust.kind === "off") return peer;
  const chain = [
    ...(input.forwardedFor ?? "")
      .split(",")
      .map(normalizeAddress)
      .filter((s) => s.length > 0),
    peer,
  ];
  if (input.trust.kind === "hops") return chain[Math.max(0, chain.length - 1 - input.trust.hops)]!;
  let i = chain.length - 1;
  while (i > 0 && isTrusted(input.trust.list, chain[i]!)) i -= 1;
  return chain[i]!;
}
