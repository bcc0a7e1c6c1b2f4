// Where to go after signing in: only a path of this app. `//evil.example` and
// `/\evil.example` (browsers read a backslash as a slash) leave the site, as
// do schemes, control characters and whitespace tricks; those fall back.

export function safeCallback(url: string | undefined | null, fallback = "/dashboard"): string {
  if (!url || url.length > 2000) return fallback;
  // One leading slash, then not a slash or backslash; no backslashes or control/space characters anywhere.
  if (!/^\/(?![/\\])/.test(url) || /[\\\u0000-\u0020\u007f]/.test(url)) return fallback;
  try {
    // The final word: resolved against a dummy origin, it must stay on that origin.
    const resolved = new URL(url, "http://stakhanov.invalid");
    if (resolved.origin !== "http://stakhanov.invalid") return fallback;
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return fallback;
  }
}
