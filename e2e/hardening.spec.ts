// Hostile input and hostile networks (issue 13): each probe from the review,
// against the production build. A clear 4xx, never a 5xx, a bypass or a flood.
import { REPORT_LOADS_PER_MINUTE } from "../lib/domain/rate-limit";
import { FacilitatorApi, fetchResend, joinViaApi } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { restartServer, serverInfo } from "./support/server";

const base = () => serverInfo().baseURL;

async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetchResend(`${base()}${path}`, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  let json: { error?: { code: string; message: string } } | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text, headers: response.headers };
}

function expectErrorShape(json: unknown, code: string) {
  expect(json).toMatchObject({ error: { code, message: expect.any(String) } });
}

test.describe("hardening probes", () => {
  test("a malformed participant cookie is no participant (401), not a 500", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const { code } = await FacilitatorApi.of(context).createSession({ title: "Cookie probe" });
    const me = await send("GET", `/api/sessions/${code}/me`, { headers: { Cookie: `stk_p_${code}=%E0%A4%A` } });
    expect(me.status).toBe(401);
    expectErrorShape(me.json, "unauthorized");
    const page = await send("GET", `/s/${code}`, { headers: { Cookie: `stk_p_${code}=%E0%A4%A` } });
    expect(page.status).toBe(200);
    await context.close();
  });

  test("cross-site simple requests cannot join; exact JSON media type; bodies are capped while streaming", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const { code } = await FacilitatorApi.of(context).createSession({ title: "CSRF probe" });
    const path = `/api/sessions/${code}/participants`;
    const disguised = await send("POST", path, {
      body: JSON.stringify({ displayName: "Mallory" }),
      headers: { "Content-Type": "text/plain; application/json", Origin: "https://evil.example" },
    });
    expect(disguised.status).toBe(403); // the foreign Origin is refused first
    const disguisedSameSite = await send("POST", path, { body: JSON.stringify({ displayName: "Mallory" }), headers: { "Content-Type": "text/plain; application/json" } });
    expect(disguisedSameSite.status).toBe(415);
    expectErrorShape(disguisedSameSite.json, "unsupported_media_type");
    const foreign = await send("POST", path, { body: JSON.stringify({ displayName: "Mallory" }), headers: { "Content-Type": "application/json", Origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expectErrorShape(foreign.json, "forbidden");
    const crossSiteFetch = await send("POST", `/api/sessions/${code}/rejoin`, {
      body: JSON.stringify({ rejoinCode: "AAAA-AAAA" }),
      headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSiteFetch.status).toBe(403);
    // The app itself still joins.
    const own = await send("POST", path, { body: JSON.stringify({ displayName: "Own Origin" }), headers: { "Content-Type": "application/json", Origin: base() } });
    expect(own.status).toBe(201);

    // A chunked body with no Content-Length: refused at the cap, not buffered.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 64) return controller.close(); // 4 MB at most, should stop long before
        controller.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
      },
    });
    const big = await fetch(`${base()}${path}`, { method: "POST", body: endless, headers: { "Content-Type": "application/json" }, duplex: "half" } as RequestInit);
    expect(big.status).toBe(413);
    expectErrorShape(await big.json(), "payload_too_large");
    await context.close();
  });

  test("the rejoin code is single-use: it rotates on use", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const { code } = await FacilitatorApi.of(context).createSession({ title: "Rejoin probe" });
    const ana = await joinViaApi(code, "Ana");
    const first = await send("POST", `/api/sessions/${code}/rejoin`, { body: JSON.stringify({ rejoinCode: ana.rejoinCode }), headers: { "Content-Type": "application/json" } });
    expect(first.status).toBe(200);
    const next = (first.json as unknown as { rejoinCode: string }).rejoinCode;
    expect(next).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(next).not.toBe(ana.rejoinCode);
    const replay = await send("POST", `/api/sessions/${code}/rejoin`, { body: JSON.stringify({ rejoinCode: ana.rejoinCode }), headers: { "Content-Type": "application/json" } });
    expect(replay.status).toBe(404);
    const again = await send("POST", `/api/sessions/${code}/rejoin`, { body: JSON.stringify({ rejoinCode: next }), headers: { "Content-Type": "application/json" } });
    expect(again.status).toBe(200);
    await context.close();
  });

  test("the private report: rate-limited per participant, closed to a removed participant (API and page)", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const fac = FacilitatorApi.of(context);
    const { code } = await fac.createSession({ title: "Report probe" });
    const ana = await joinViaApi(code, "Ana");
    const statuses: number[] = [];
    for (let i = 0; i <= REPORT_LOADS_PER_MINUTE; i++) statuses.push((await send("GET", `/api/sessions/${code}/report`, { headers: { Authorization: `Bearer ${ana.token}` } })).status);
    expect(statuses.slice(0, REPORT_LOADS_PER_MINUTE).every((s) => s !== 429)).toBe(true);
    expect(statuses[REPORT_LOADS_PER_MINUTE]).toBe(429);

    // Ben joins with the page (cookie), is kicked, and his report page says so.
    const phone = await browser.newPage();
    await phone.goto(`/s/${code}`);
    await phone.getByLabel("Your display name").fill("Ben");
    await phone.getByRole("button", { name: "Join the session" }).click();
    await expect(phone.getByTestId("my-name")).toHaveText("Ben");
    const ben = ((await (await send("GET", `/api/sessions/${code}/participants`)).json) as unknown as { id: string; displayName: string }[]).find((p) => p.displayName === "Ben")!;
    await fac.remove(code, ben.id);
    await phone.goto(`/s/${code}/report`);
    await expect(phone.getByText("You were removed from session")).toBeVisible();
    await phone.close();
    await context.close();
  });

  test("an API token cannot create or list API tokens", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const created = await context.request.post("/api/tokens", { data: { name: "bots" }, headers: { Origin: base() } });
    expect(created.status()).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    const minted = await send("POST", "/api/tokens", { body: JSON.stringify({ name: "successor" }), headers: { "Content-Type": "application/json", Authorization: `Bearer ${secret}` } });
    expect(minted.status).toBe(403);
    expectErrorShape(minted.json, "forbidden");
    const listed = await send("GET", "/api/tokens", { headers: { Authorization: `Bearer ${secret}` } });
    expect(listed.status).toBe(403);
    // The token still works where tokens belong.
    const sessions = await send("GET", "/api/sessions", { headers: { Authorization: `Bearer ${secret}` } });
    expect(sessions.status).toBe(200);
    await context.close();
  });

  test("live streams: a few per participant token", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const { code } = await FacilitatorApi.of(context).createSession({ title: "Stream probe" });
    const ana = await joinViaApi(code, "Ana");
    const controller = new AbortController();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${base()}/api/sessions/${code}/events`, { headers: { Authorization: `Bearer ${ana.token}` }, signal: controller.signal }).then((r) => r.status),
      ),
    );
    controller.abort();
    expect(statuses.filter((s) => s === 200).length).toBe(3);
    expect(statuses.filter((s) => s === 429).length).toBe(37);
    // Closed streams give their slots back.
    await expect.poll(async () => {
      const c = new AbortController();
      const r = await fetch(`${base()}/api/sessions/${code}/events`, { headers: { Authorization: `Bearer ${ana.token}` }, signal: c.signal });
      c.abort();
      return r.status;
    }).toBe(200);
    await context.close();
  });

  test("sign-in: 20 parallel wrong passwords for one account are counted before checking; unknown email answers the same", async ({ request, facilitator }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const attempt = async (email: string, password: string) => {
      const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
      const { url } = (await response.json()) as { url: string };
      return new URL(url).searchParams.get("error") ?? "ok";
    };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(facilitator.email, `wrong ${i}`)));
    const wrong = answers.filter((a) => a.startsWith("WRONG_CREDENTIALS"));
    const limited = answers.filter((a) => a.startsWith("RATE_LIMITED"));
    expect(wrong.length).toBeLessThanOrEqual(5);
    expect(wrong.length + limited.length).toBe(20);
    // The owner is locked out from this address only for the window; the right password is refused too.
    expect(await attempt(facilitator.email, facilitator.password)).toMatch(/^RATE_LIMITED/);
    // An unknown email gets the very same first answer as a wrong password.
    expect(await attempt("nobody-here@e2e.test", "whatever password")).toBe("WRONG_CREDENTIALS:4");
    // Sign-up does not reveal the existing account either.
    const again = await request.post("/api/facilitators", { data: { name: "Twin", email: facilitator.email, password: "another long password" } });
    expect(again.status()).toBe(201);
  });

  test("a path with the wrong method: a JSON 405 with Allow, not an empty one", async () => {
    // `/api/sessions/ABCDEF/participants/../` is what a client sends for a participant id of "..".
    const wrong = await send("DELETE", "/api/sessions/ABCDEF/participants");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST, HEAD");
    expectErrorShape(wrong.json, "method_not_allowed");
    const rejoin = await send("POST", "/api/sessions/rejoin");
    expect(rejoin.status).toBe(405);
    expectErrorShape(rejoin.json, "method_not_allowed");
  });

  test("next-auth endpoints: a broken JSON body is a 400, not a 500", async () => {
    const broken = await send("POST", "/api/auth/session", { body: "{", headers: { "Content-Type": "application/json" } });
    expect(broken.status).toBe(400);
    expectErrorShape(broken.json, "bad_request");
    const object = await send("POST", "/api/auth/session", { body: "{}", headers: { "Content-Type": "application/json" } });
    expect(object.status).toBeLessThan(500);
    const callback = await send("POST", "/api/auth/callback/credentials", { body: "{", headers: { "Content-Type": "application/json" } });
    expect(callback.status).toBe(400);
  });

  test("security headers: a nonce CSP on pages (and the scripts carry it), a strict CSP on the API", async ({ page }) => {
    const response = await page.goto("/");
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline' 'strict"); // scripts only by nonce
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toBeUndefined(); // plain http here
    // Every script Next rendered carries this request's nonce, so the page still hydrates.
    const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    const second = await page.request.get("/");
    expect(second.headers()["content-security-policy"]).not.toContain(nonce!); // fresh per request

    const api = await send("GET", "/api/health");
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
    const https = await send("GET", "/api/health", { headers: { "X-Forwarded-Proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toContain("max-age=");
  });

  test("X-Forwarded-For is not trusted by default: 70 spoofed wrong rejoin codes hit the limit at 60", async ({ browser, facilitator }) => {
    const context = await browser.newContext();
    await signInViaApi(context, facilitator);
    const { code } = await FacilitatorApi.of(context).createSession({ title: "Spoof probe" });
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      const r = await send("POST", `/api/sessions/${code}/rejoin`, {
        body: JSON.stringify({ rejoinCode: "ZZZZ-ZZZZ" }),
        headers: { "Content-Type": "application/json", "X-Forwarded-For": `10.9.${i}.1`, "X-Real-IP": `10.8.${i}.1` },
      });
      statuses.push(r.status);
    }
    // 60 wrong rejoin codes per address and minute (earlier tests here may have used a few): then 429, whatever the headers say.
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal, statuses.join(",")).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(60);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    await context.close();
    // Limits are per process: a restart gives the rest of the suite a clean slate.
    await restartServer();
  });

  test("reads by join code alone close some hours after the end; wrong codes are rate-limited per address", async ({ browser, facilitator }) => {
    test.setTimeout(90_000);
    // 0.002 h = 7.2 s after the end: long enough to see the screens open, short enough to wait for.
    await restartServer("SIGTERM", { PUBLIC_SCREENS_HOURS: "0.002" });
    try {
      const context = await browser.newContext();
      await signInViaApi(context, facilitator);
      const api = FacilitatorApi.of(context);
      const { code } = await api.createSession({ title: "Expiry probe" });
      const ada = await joinViaApi(code, "Ada");
      const publicReads = [`/api/sessions/${code}`, `/api/sessions/${code}/leaderboard`, `/api/sessions/${code}/qr`];
      const unknown = await send("GET", "/api/sessions/ZZZZZZ");
      expect(unknown.status).toBe(404);
      await api.mustAct(code, "end");
      const endedAt = Date.now();
      for (const path of publicReads) expect((await send("GET", path)).status, path).toBe(200);
      expect((await send("GET", `/s/${code}/screen`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, Math.max(0, endedAt + 8_000 - Date.now())));
      // Closed: the same answer as a code nobody uses, so an old code says nothing to a stranger.
      for (const path of publicReads) {
        const closed = await send("GET", path);
        expect(closed.status, path).toBe(404);
        expect(closed.json).toEqual(unknown.json);
      }
      expect((await send("GET", `/s/${code}/screen`)).status).toBe(404);
      expect((await send("GET", `/api/sessions/${code}/events?view=screen`)).status).toBe(404);
      // The facilitator still sees the session; the participant still reads their own view.
      expect((await context.request.get(`/api/sessions/${code}`)).status()).toBe(200);
      expect((await context.request.get(`/api/sessions/${code}/leaderboard`)).status()).toBe(200);
      expect((await send("GET", `/api/sessions/${code}/me`, { headers: { Authorization: `Bearer ${ada.token}` } })).status).toBe(200);
      await context.close();

      // Scanning codes: 120 misses a minute per address (the closed reads above count too), then 429.
      const statuses: number[] = [];
      for (let i = 0; i < 130; i++) statuses.push((await send("GET", `/api/sessions/ZZZ${String(i).padStart(3, "0").replace(/[01]/g, "A")}`)).status);
      const firstRefusal = statuses.indexOf(429);
      expect(firstRefusal, statuses.join(",")).toBeGreaterThan(100);
      expect(statuses.slice(0, firstRefusal).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
      const refused = await send("GET", `/api/sessions/${code}`);
      expect(refused.status).toBe(429);
      expectErrorShape(refused.json, "rate_limited");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      // Limits are per process and the setting is this test's: the rest of the suite gets the default.
      await restartServer();
    }
  });
});
