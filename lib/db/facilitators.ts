// Named queries for facilitator accounts and their API tokens.
import { AppError } from "../errors";
import { hashToken, newApiToken } from "../auth/secrets";
import { getDb } from "./client";
import { isUniqueViolation } from "./errors";

export interface FacilitatorSummary {
  id: string;
  email: string;
  name: string;
}

const summary = { id: true, email: true, name: true } as const;

export async function createFacilitator(input: { email: string; name: string; passwordHash: string }): Promise<FacilitatorSummary> {
  try {
    return await getDb().facilitator.create({ data: input, select: summary });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An account with this email already exists. Sign in instead.", { field: "email" });
    }
    throw error;
  }
}

export function findFacilitatorById(id: string): Promise<FacilitatorSummary | null> {
  return getDb().facilitator.findUnique({ where: { id }, select: summary });
}

export function findFacilitatorByEmail(email: string): Promise<FacilitatorSummary | null> {
  return getDb().facilitator.findUnique({ where: { email }, select: summary });
}

/** The only query that reads a password hash; everything else has it omitted. */
export function findCredentialsByEmail(email: string) {
  return getDb().facilitator.findUnique({ where: { email }, select: { ...summary, passwordHash: true } });
}

export async function createApiToken(facilitatorId: string, name: string, expiresAt: Date | null = null) {
  const { token, tokenHash, prefix } = newApiToken();
  const row = await getDb().apiToken.create({
    data: { facilitatorId, name, tokenHash, prefix, expiresAt },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
  });
  return { ...row, token };
}

export function listApiTokens(facilitatorId: string) {
  return getDb().apiToken.findMany({
    where: { facilitatorId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true },
  });
}

export async function revokeApiToken(facilitatorId: string, tokenId: string): Promise<boolean> {
  const { count } = await getDb().apiToken.updateMany({
    where: { id: tokenId, facilitatorId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** Resolves a bearer token to its facilitator; revoked, expired or unknown tokens give null. */
export async function findFacilitatorByApiToken(token: string, now: Date = new Date()): Promise<FacilitatorSummary | null> {
  const row = await getDb().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, expiresAt: true, facilitator: { select: summary } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) return null;
  // Touch lastUsedAt at most once a minute so the hot path does not write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return row.facilitator;
}
