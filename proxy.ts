// Next.js Proxy (formerly middleware): a fresh CSP nonce for every page
// request. Next reads the policy from the request header and puts the nonce on
// its own scripts; the layout reads x-nonce, which also keeps every page
// dynamically rendered (a static page could not carry a per-request nonce).
// API routes get their (static) policy from next.config.js instead.
import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "./lib/i18n/locales";
import { HSTS, isHttps, newNonce, pageCsp } from "./lib/security/headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = isHttps(request.url, request.headers.get("x-forwarded-proto"));
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The page's language depends on its path (lib/i18n/locales.ts pageScope); a client's own value is replaced.
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    // Prefetches too: they render the page's language, which comes from the path header set here.
    { source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)" },
  ],
};
