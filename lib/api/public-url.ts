// The base URL phones should use to reach this server. A facilitator often
// opens the app at http://localhost:3000 on the laptop; a QR code of
// "localhost" is useless to a phone, so loopback hosts are replaced by the
// laptop's LAN address. PUBLIC_URL overrides everything.
import os from "node:os";
import { getEnv } from "../env";

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

export function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return null;
}

export function publicBaseUrl(headers: Headers): string {
  const configured = getEnv().publicUrl;
  if (configured) return configured;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  const url = new URL(`${proto}://${host}`);
  if (LOOPBACK.test(url.hostname)) {
    const lan = lanAddress();
    if (lan) url.hostname = lan;
  }
  return url.origin;
}

export function joinUrl(headers: Headers, code: string): string {
  return `${publicBaseUrl(headers)}/s/${code}`;
}
