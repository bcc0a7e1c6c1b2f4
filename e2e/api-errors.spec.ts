// Bad input and faults: every endpoint answers with the documented error shape
// and the right status, and nothing already saved is lost.
import { FacilitatorApi, getJson, joinViaApi, rateViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";

const base = () => serverInfo().baseURL;

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base()}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  return { status: response.status, json, headers: response.headers };
}

test.describe("participant and facilitator API errors", () => {
  test("joining: unknown code, invalid names, taken names, closed joining", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const fac = FacilitatorApi.of(context);
    const { code } = await fac.createSession({ title: "Errors" });

    expect((await send("POST", `/api/sessions/ZZZZZZ/participants`, { displayName: "Ada" })).status).toBe(404);
    expect((await send("GET", `/api/sessions/not-a-code`)).status).toBe(404);
    const unknown = await send("GET", `/api/sessions/ZZZZZZ/leaderboard`);
    expect(unknown.status).toBe(404);
    expect(unknown.json?.error).toEqual({ code: "not_found", message: expect.stringContaining("No session uses this code") });

    for (const displayName of ["", "   ", "x".repeat(41), "Ada\u0000", "\u202eadA", 42, null]) {
      const r = await send("POST", `/api/sessions/${code}/participants`, { displayName });
      expect(r.status, JSON.stringify(displayName)).toBe(400);
      expect(r.json?.error?.code).toBe("validation_failed");
    }
    expect((await send("POST", `/api/sessions/${code}/participants`, "{oops")).status).toBe(400);
    expect((await send("POST", `/api/sessions/${code}/participants`, "name=Ada", { "Content-Type": "text/plain" })).status).toBe(415);

    // Rendered as text, never HTML.
    const tricky = await joinViaApi(code, "<img src=x onerror=alert(1)>");
    const taken = await send("POST", `/api/sessions/${code}/participants`, { displayName: "  <IMG   src=x onerror=alert(1)> " });
    expect(taken.status).toBe(409);
    expect(taken.json?.error).toMatchObject({ code: "conflict", suggestion: "<IMG src=x onerror=alert(1)> 2" });

    await fac.mustAct(code, "close-joining");
    const closed = await send("POST", `/api/sessions/${code}/participants`, { displayName: "Late Larry" });
    expect(closed.status).toBe(403);
    expect(closed.json?.error?.message).toMatch(/joining is closed/i);
    await fac.mustAct(code, "open-joining");
    expect((await send("POST", `/api/sessions/${code}/participants`, { displayName: "Late Larry" })).status).toBe(201);

    const page = await browser.newPage();
    await page.goto(`/s/${code}/screen`);
    await expect(page.getByText("<img src=x onerror=alert(1)>")).toBeVisible();
    expect(tricky.displayName).toBe("<img src=x onerror=alert(1)>");
    await page.close();
    await context.close();
  });

  test("rating: auth, self, unknown target, bad dimensions and scores, closed rounds, cross-site cookies, rate limit", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const fac = FacilitatorApi.of(context);
    const { code } = await fac.createSession({ title: "Rating errors", dimensions: ["Talent", "Grit"] });
    const a = await joinViaApi(code, "Anna");
    const b = await joinViaApi(code, "Bela");

    // Not open yet.
    const early = await rateViaApi(code, a, b.id, { talent: 4 });
    expect(early.status).toBe(403);
    await fac.mustAct(code, "open-round");

    const ok = await rateViaApi(code, a, b.id, { talent: 4 });
    expect(ok.status).toBe(200);
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    expect((await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { talent: 3 } })).status).toBe(401);
    expect((await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { talent: 3 } }, auth("stp_forged"))).status).toBe(401);
    expect((await send("PUT", `/api/sessions/${code}/ratings/${a.id}`, { scores: { talent: 3 } }, auth(a.token))).status).toBe(403);
    expect((await send("PUT", `/api/sessions/${code}/ratings/nobody`, { scores: { talent: 3 } }, auth(a.token))).status).toBe(404);
    for (const scores of [{ charisma: 3 }, { talent: 0 }, { talent: 6 }, { talent: 2.5 }, { talent: "5" }, {}, null]) {
      const r = await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores }, auth(a.token));
      expect(r.status, JSON.stringify(scores)).toBe(400);
      expect(r.json?.error?.code).toBe("validation_failed");
    }
    expect((await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, "[]", auth(a.token))).status).toBe(400);

    // A participant of another session is not a participant here.
    const other = await fac.createSession({ title: "Other" });
    const stranger = await joinViaApi(other.code, "Stranger");
    expect((await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { talent: 1 } }, auth(stranger.token))).status).toBe(401);

    // Nothing already saved was lost by the bad requests: the first rating stands.
    const mine = await getJson(`/api/sessions/${code}/ratings`, a.token);
    expect(mine.body).toEqual({ round: 1, given: { [b.id]: { talent: 4 } } });

    // Cookie-authenticated writes must come from the app's own origin.
    const cookie = `stk_p_${code}=${a.token}`;
    const noOrigin = await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { grit: 2 } }, { Cookie: cookie });
    expect(noOrigin.status).toBe(403);
    const evil = await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { grit: 2 } }, { Cookie: cookie, Origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    const same = await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { grit: 2 } }, { Cookie: cookie, Origin: base() });
    expect(same.status).toBe(200);

    // Rate limit per participant: 120 writes in 10 s, then 429 with Retry-After.
    let limited: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 130 && !limited; i++) {
      const r = await send("PUT", `/api/sessions/${code}/ratings/${b.id}`, { scores: { grit: 1 + (i % 5) } }, auth(a.token));
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expect(limited?.json?.error?.code).toBe("rate_limited");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);

    // Closed round: refused, then reopened: accepted.
    await fac.mustAct(code, "close-round");
    const closed = await rateViaApi(code, b, a.id, { talent: 5 });
    expect(closed.status).toBe(403);
    expect(((await closed.json()) as { error: { message: string } }).error.message).toMatch(/closed/i);
    await context.close();
  });

  test("facilitator API: tokens, ownership, phase conflicts, kicks and bans", async ({ browser, facilitator, request }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const origin = { Origin: base() };
    const created = await context.request.post("/api/tokens", { data: { name: "e2e bots" }, headers: origin });
    expect(created.status()).toBe(201);
    const { secret, token } = (await created.json()) as { secret: string; token: { id: string } };
    const bearer = { Authorization: `Bearer ${secret}` };

    // A token works without a browser; a revoked or forged one does not.
    const s = await send("POST", "/api/sessions", { title: "Scripted" }, bearer);
    expect(s.status).toBe(201);
    const code = (s.json as unknown as { session: { code: string } }).session.code;
    expect((await send("POST", "/api/sessions", { title: "x" }, { Authorization: "Bearer stk_forged" })).status).toBe(401);
    expect((await send("POST", "/api/sessions", { title: "x" })).status).toBe(401);
    expect((await send("POST", "/api/sessions", { title: "" }, bearer)).status).toBe(400);
    expect((await send("POST", "/api/sessions", { title: "x", dimensions: [] }, bearer)).status).toBe(400);
    expect((await send("POST", "/api/sessions", { title: "x", k: 1 }, bearer)).status).toBe(400);
    // Cookie-authenticated writes need the app's Origin.
    expect((await context.request.post("/api/sessions", { data: { title: "x" } })).status()).toBe(403);

    // Phase conflicts are 409 with a sentence; unknown actions 400.
    const conflict = await send("POST", `/api/sessions/${code}/actions`, { action: "close-round" }, bearer);
    expect(conflict.status).toBe(409);
    expect(conflict.json?.error?.message).toMatch(/only close a round while one is open/i);
    expect((await send("POST", `/api/sessions/${code}/actions`, { action: "explode" }, bearer)).status).toBe(400);
    expect((await send("POST", `/api/sessions/${code}/actions`, { action: "open-round", durationSeconds: 5 }, bearer)).status).toBe(400);
    expect((await send("POST", `/api/sessions/${code}/actions`, { action: "open-round", durationSeconds: 60 }, bearer)).status).toBe(200);

    // Someone else's session: 403, and their control stream is refused.
    const intruder = await (await request.post("/api/facilitators", {
      data: { name: "Intruder", email: `intruder-${Date.now()}@e2e.test`, password: "intruder password" },
    })).json();
    expect(intruder.facilitator.id).toBeTruthy();
    const intruderContext = await browser.newContext();
    await signInViaApi(intruderContext, { email: intruder.facilitator.email, password: "intruder password" });
    const foreign = await intruderContext.request.post(`/api/sessions/${code}/actions`, { data: { action: "end" }, headers: origin });
    expect(foreign.status()).toBe(403);
    expect((await intruderContext.request.get(`/api/sessions/${code}/events?view=control`)).status()).toBe(403);
    const page = await intruderContext.newPage();
    const controlRoom = await page.goto(`/sessions/${code}`);
    expect(controlRoom?.status()).toBe(404);

    // Kick (may rejoin) and ban (may not). Joining closed with the first round; the facilitator reopens it.
    expect((await send("POST", `/api/sessions/${code}/actions`, { action: "open-joining" }, bearer)).status).toBe(200);
    const p = await joinViaApi(code, "Pavel");
    expect((await send("DELETE", `/api/sessions/${code}/participants/${p.id}`, undefined, bearer)).status).toBe(200);
    expect((await rateViaApi(code, p, "x", { potential: 3 })).status).toBe(403);
    const again = await joinViaApi(code, "Pavel");
    expect((await send("DELETE", `/api/sessions/${code}/participants/${again.id}?ban=true`, undefined, bearer)).status).toBe(200);
    const banned = await send("POST", `/api/sessions/${code}/participants`, { displayName: "Pavel II" }, { Cookie: `stk_p_${code}=${again.token}` });
    expect(banned.status).toBe(403);
    expect((await send("DELETE", `/api/sessions/${code}/participants/nobody`, undefined, bearer)).status).toBe(404);

    // An archived session is read-only; unarchiving makes it writable again.
    expect((await send("POST", `/api/sessions/${code}/archive`, { archived: true }, bearer)).status).toBe(200);
    const archivedJoin = await send("POST", `/api/sessions/${code}/participants`, { displayName: "Too late" });
    expect(archivedJoin.status).toBe(403);
    expect(archivedJoin.json?.error?.message).toMatch(/archived/);
    expect((await send("POST", `/api/sessions/${code}/actions`, { action: "close-round" }, bearer)).status).toBe(403);
    expect((await send("POST", `/api/sessions/${code}/reflection`, { open: true }, bearer)).status).toBe(403);
    expect((await send("POST", `/api/sessions/${code}/archive`, { archived: false }, bearer)).status).toBe(200);
    expect((await send("POST", `/api/sessions/${code}/participants`, { displayName: "Just in time" })).status).toBe(201);

    // Revoke the token: it stops working at once.
    expect((await context.request.delete(`/api/tokens/${token.id}`, { headers: origin })).status()).toBe(200);
    expect((await send("POST", "/api/sessions", { title: "after revoke" }, bearer)).status).toBe(401);
    await context.close();
    await intruderContext.close();
  });
});
