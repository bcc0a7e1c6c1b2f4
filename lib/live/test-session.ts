// Test support for the live core's integration tests: a temporary SQLite file
// per test file, and a session with named participants stored in it. Call
// withTempDatabase at the top of a test file, before anything imports lib/db.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { AgendaItem } from "../domain/rules/ruleset";

/** Points the app at a fresh SQLite file for this test file, and removes it afterwards. */
export function withTempDatabase(name: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stakhanov-${name}-`));
  process.env.DATABASE_URL = `file:${path.join(dir, `${name}.db`)}`;
  process.env.DATA_DIR = dir;
  afterAll(async () => {
    const { disconnectDb } = await import("../db/client");
    await disconnectDb();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

export interface TestSessionOptions {
  title: string;
  names: readonly string[];
  k: number;
  dimensions?: { key: string; label: string }[];
  agenda?: AgendaItem[];
  /** The release clock's period; 1 s (the fastest) keeps tests short. */
  releaseSeconds?: number;
}

/** A facilitator, a session and its participants, stored directly; returns the join code and ids by name. */
export async function createTestSession(options: TestSessionOptions): Promise<{ code: string; sessionId: string; ids: Record<string, string> }> {
  const { getDb } = await import("../db/client");
  const { createSession } = await import("../db/sessions");
  const { hashToken } = await import("../auth/secrets");
  const slug = options.title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const facilitator = await getDb().facilitator.create({ data: { email: `${slug}@test`, name: options.title, passwordHash: "x" } });
  const session = await createSession({
    facilitatorId: facilitator.id,
    title: options.title,
    dimensions: options.dimensions ?? [{ key: "a", label: "A" }],
    k: options.k,
    agenda: options.agenda,
  });
  await getDb().session.update({ where: { id: session.id }, data: { releaseSeconds: options.releaseSeconds ?? 1 } });
  const ids: Record<string, string> = {};
  for (const name of options.names) {
    const p = await getDb().participant.create({
      data: { sessionId: session.id, displayName: name, nameKey: name.toLowerCase(), tokenHash: hashToken(name), rejoinHash: hashToken(`r${name}`) },
    });
    ids[name] = p.id;
  }
  return { code: session.code, sessionId: session.id, ids };
}
