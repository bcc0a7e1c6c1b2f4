// @ts-check
// next-intl reads each request's language and messages from i18n/request.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config
const createNextIntlPlugin = require("next-intl/plugin");
// Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts.
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"; // = lib/security/headers.ts
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WebAssembly-backed packages stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "bcryptjs", "qrcode"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      {
        // Over HTTPS (a TLS-terminating proxy says so): browsers remember to use HTTPS only. Ignored over http.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};

module.exports = createNextIntlPlugin("./i18n/request.ts")(nextConfig);
