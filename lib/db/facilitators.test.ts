// API tokens against a real temporary SQLite file: revoked, expired and unknown tokens act as nobody.
import { beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../live/test-session";

withTempDatabase("tokens");

let facilitatorId = "";

beforeAll(async () => {
  const { getDb } = await import("./client");
  facilitatorId = (await getDb().facilitator.create({ data: { email: "t@test", name: "T", passwordHash: "x" } })).id;
});

describe("API tokens", () => {
  it("works until its expiry and not from that moment on", async () => {
    const { createApiToken, findFacilitatorByApiToken, listApiTokens } = await import("./facilitators");
    const expiresAt = new Date("2026-12-01T12:00:00Z");
    const token = await createApiToken(facilitatorId, "rehearsal", expiresAt);
    expect(token.expiresAt).toEqual(expiresAt);
    expect(await findFacilitatorByApiToken(token.token, new Date("2026-12-01T11:59:59Z"))).toMatchObject({ id: facilitatorId });
    expect(await findFacilitatorByApiToken(token.token, expiresAt)).toBeNull();
    expect(await findFacilitatorByApiToken(token.token, new Date("2027-01-01T00:00:00Z"))).toBeNull();
    // Still listed (marked expired by the view) so the facilitator sees why a script stopped.
    expect((await listApiTokens(facilitatorId)).map((t) => t.name)).toContain("rehearsal");
  });

  it("without an expiry works until revoked", async () => {
    const { createApiToken, findFacilitatorByApiToken, revokeApiToken } = await import("./facilitators");
    const token = await createApiToken(facilitatorId, "forever");
    expect(token.expiresAt).toBeNull();
    expect(await findFacilitatorByApiToken(token.token, new Date("2099-01-01T00:00:00Z"))).toMatchObject({ id: facilitatorId });
    expect(await revokeApiToken(facilitatorId, token.id)).toBe(true);
    expect(await findFacilitatorByApiToken(token.token)).toBeNull();
    expect(await findFacilitatorByApiToken("stk_unknown")).toBeNull();
  });
});
