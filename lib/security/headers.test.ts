import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { apiSecurityHeaders } from "./headers";

type Rule = { source: string; has?: { type: string; key: string; value?: string }[]; headers: { key: string; value: string }[] };
const nextConfig = createRequire(import.meta.url)("../../next.config.js") as { headers: () => Promise<Rule[]> };

/** What next.config.js adds to an /api answer (the rules whose source matches /api/…). */
async function configured(https: boolean): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rule of await nextConfig.headers()) {
    if (rule.source !== "/:path*" && rule.source !== "/api/:path*") continue;
    if (rule.has && !(https && rule.has.every((h) => h.key === "x-forwarded-proto" && h.value === "https"))) continue;
    for (const h of rule.headers) out[h.key] = h.value;
  }
  return out;
}

describe("apiSecurityHeaders (the custom server's hot path)", () => {
  it.each([
    [null, false],
    ["http", false],
    ["https", true],
  ] as const)("equals what next.config.js adds to /api answers (X-Forwarded-Proto %s)", async (proto, https) => {
    expect(apiSecurityHeaders(proto)).toEqual(await configured(https));
  });
});
