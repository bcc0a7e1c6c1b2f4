// Runs once when the server starts: apply pending database migrations before
// the first request, so a bad database fails loudly at boot, not mid-session.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before anything else: every request carries the socket's peer address (rate limits key on it).
  const { installPeerStamp } = await import("./lib/net/peer-stamp");
  installPeerStamp();
  const { ensureDatabaseReady } = await import("./lib/db/client");
  await ensureDatabaseReady();
  // With PostgreSQL, LISTEN for the other instances' changes from the start.
  const { publisher } = await import("./lib/live/hub");
  publisher();
  // Last: the custom server (scripts/server.mjs) hands the live hot path to these handlers from now on.
  const { registerHotPath } = await import("./lib/server/hot");
  registerHotPath();
}
