// Security headers: the Content-Security-Policy of pages (scripts only by a
// per-request nonce), a strict one for API answers, and HSTS over HTTPS.
// proxy.ts applies the page policy; next.config.js the API one and the rest.

/** The page policy. Scripts: Next's own, by nonce ('strict-dynamic' lets them load their chunks); no inline script without it. */
export function pageCsp(opts: { nonce: string; dev?: boolean; https?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (charts, progress bars) need 'unsafe-inline'; a nonce here would disable it.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over HTTPS: on a laptop's http://192.168.x.y:3000 it would break every asset.
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** API answers are data, never documents: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const HSTS = "max-age=31536000; includeSubDomains";

/** 128 random bits, base64: a fresh nonce per page request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Was this request made over HTTPS (directly, or as a TLS-terminating proxy says)? */
export function isHttps(url: string, forwardedProto: string | null): boolean {
  return url.startsWith("https:") || forwardedProto?.split(",")[0]?.trim() === "https";
}

/**
 * The headers next.config.js adds to every /api answer (security headers), for answers Next does not
 * write: the custom server's hot path (lib/server/hot.ts). A unit test keeps the two equal.
 */
export function apiSecurityHeaders(forwardedProto: string | null | undefined): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Content-Security-Policy": API_CSP,
    ...(forwardedProto === "https" ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
