#!/usr/bin/env node
// The production server (`npm start` runs it after building; the e2e suite and the benchmark run it
// as it is): Next.js as a custom server (next({ dev, hostname, port }), app.prepare(),
// http.createServer, app.getRequestHandler()) on one port, with plain node:http handlers for the
// live hot path in front of it (docs/decisions/0023).
//
// The hot handlers are TypeScript bundled by Next: instrumentation.ts registers them on globalThis
// (lib/server/hot.ts) after the database migrations ran, and from then on this server hands them
// every request first; they answer GET /api/sessions/{code}/events and
// PUT /api/sessions/{code}/ratings/{targetId} and pass everything else to Next. Until they are
// registered (or with STAKHANOV_HOT_PATH=off) Next answers everything, with the same route code.
//
// Usage: node scripts/server.mjs [-p PORT] [-H HOSTNAME]   (defaults: $PORT or 3000, all interfaces)
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Relative paths (DATA_DIR, a file: DATABASE_URL) and the rating writer thread's module resolve from the project folder.
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.NODE_ENV ??= "production";

function option(short, long) {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === short || a === long);
  return at >= 0 ? args[at + 1] : undefined;
}
const port = Number(option("-p", "--port") ?? process.env.PORT ?? "3000");
const hostname = option("-H", "--hostname"); // undefined: every interface, like `next start`
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${port}`);
  process.exit(1);
}

const HOT_PATH_KEY = Symbol.for("stakhanov.hotPath");
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const toNext = (req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) {
      res.writeHead(500, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on the server." } }));
    } else res.destroy();
  });
};

const server = http.createServer((req, res) => {
  const hot = globalThis[HOT_PATH_KEY];
  if (hot) hot.handle(req, res, () => toNext(req, res));
  else toNext(req, res);
});

// Like `next start`: exit on SIGINT/SIGTERM (process.exit also writes a --cpu-prof profile).
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `Port ${port} is already in use.` : error);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`▲ Stakhanov (Next.js custom server) ready on http://${hostname ?? "localhost"}:${port}`);
});
