import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverInfo, startServer } from "./server";

export default async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakhanov-e2e-"));
  process.env.STAKHANOV_E2E_DIR = dir;
  process.env.STAKHANOV_E2E_PORT ??= "3100";
  await startServer(serverInfo());
}
