import fs from "node:fs";
import { serverInfo, stopServer } from "./server";

export default async function globalTeardown() {
  const info = serverInfo();
  await stopServer(info);
  if (process.env.STAKHANOV_E2E_KEEP) {
    console.log(`e2e data kept in ${info.dir}`);
    return;
  }
  fs.rmSync(info.dir, { recursive: true, force: true });
}
