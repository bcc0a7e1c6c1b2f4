// axe-core on every page people see, at phone (390×844) and projector
// (1920×1080) size, in the states they see it: 0 serious or critical WCAG
// 2.1 A/AA violations. One session walks through lobby, an open round, the
// three interactive scenes, the reflection, the debrief and the report; the
// phone, the projector and the control room are audited at each step.
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { joinViaApi, sendJson, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

const origin = () => serverInfo().baseURL;

test("public pages: landing, sign-in, sign-up, unknown session", async ({ page }) => {
  test.setTimeout(120_000);
  for (const [url, label] of [
    ["/", "landing"],
    ["/signin", "sign-in"],
    ["/signup", "sign-up"],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, label);
  }
  await page.goto("/s/ZZZZZZ");
  await expectAccessible(page, "unknown session code");
});

test("facilitator pages: dashboard, settings, API reference", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  await signInViaApi(context, facilitator);
  const page = await context.newPage();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "dashboard");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "settings");
  await page.goto("/api-reference");
  // RapiDoc renders the operations into its shadow DOM once its chunk has loaded and the document arrived.
  await expect(page.locator("rapi-doc").getByText("Health check").first()).toBeVisible({ timeout: 45_000 });
  await expectAccessible(page, "API reference");
  await context.close();
});

test("a whole session: join, lobby, open round, tribunal, Reduction in Force, conference, reflection, debrief, report", async ({ browser, facilitator }) => {
  // About 45 axe runs; each takes 1–2 s on an idle 2-core machine and up to 10 s on a loaded one.
  test.setTimeout(900_000);
  const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(fac, facilitator);
  const agenda = [
    { title: "Rate", prompt: "Rate your colleagues.", durationSeconds: null, rules: PLAIN_RULES },
    { title: "The tribunal", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "tribunal", tribunal: { penalty: 0.25, cap: 1, reward: 0, charges: ["Failed to meet the plan", "Lack of enthusiasm"] } },
    { title: "Reduction in Force", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "rif", rif: { selection: { mode: "count", value: 2 }, statementSeconds: 180, autoAdvanceSeconds: null } },
    { title: "Production conference", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "conference", conference: { menu: ["abolish-leaderboard", "drop-distribution", "free-text"], thresholdPercent: null } },
  ];
  const created = await fac.request.post("/api/sessions", { headers: { Origin: origin() }, data: { title: "Quarterly calibration", dimensions: ["Talent"], k: 2, agenda } });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const facPost = async (path: string, data: unknown) => {
    const r = await fac.request.post(`/api/sessions/${code}${path}`, { data, headers: { Origin: origin() } });
    expect(r.status(), await r.text()).toBeLessThan(300);
  };
  const act = (action: string) => facPost("/actions", { action });

  const projector = await fac.newPage();
  await projector.goto(`/s/${code}/screen`);
  const control = await fac.newPage();
  await control.goto(`/sessions/${code}`);

  // Join page, then the lobby.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(`/s/${code}`);
  await expect(phone.getByLabel("Your display name")).toBeVisible();
  await expectAccessible(phone, "join page");
  await phone.getByLabel("Your display name").fill("Ada");
  await phone.getByRole("button", { name: "Join the session" }).click();
  await expect(phone.getByTestId("my-name")).toHaveText("Ada");
  const bots: Record<string, ApiParticipant> = {};
  for (const name of ["Boris", "Clara", "Dmitri", "Elena"]) bots[name] = await joinViaApi(code, name);
  const list = (await (await fac.request.get(`/api/sessions/${code}/participants`)).json()) as { id: string; displayName: string }[];
  const idOf = (name: string) => list.find((p) => p.displayName === name)!.id;
  await expect(projector.getByTestId("join-code")).toBeVisible();
  await expectAccessible(phone, "phone: lobby");
  await expectAccessible(projector, "projector: joining");
  await expectAccessible(control, "control room: lobby");

  const deserved: Record<string, number> = { Ada: 5, Boris: 4, Clara: 4, Dmitri: 2, Elena: 1 };
  const botsRate = async () => {
    for (const [rater, p] of Object.entries(bots)) {
      for (const target of Object.keys(deserved)) {
        if (target === rater) continue;
        const r = await sendJson("PUT", `/api/sessions/${code}/ratings/${idOf(target)}`, { scores: { talent: deserved[target] } }, p.token);
        expect(r.status, r.text).toBe(200);
      }
    }
  };

  // Round 1: an open round.
  await act("open-round");
  await botsRate();
  await expect(phone.getByTestId("rate-progress")).toBeVisible();
  await expect(projector.getByTestId("projector-board")).toBeVisible();
  await expectAccessible(phone, "phone: open round (rate)");
  await phone.getByRole("tab", { name: "My score" }).click();
  await expect(phone.getByTestId("my-score")).toBeVisible();
  await expectAccessible(phone, "phone: open round (my score)");
  await phone.getByRole("tab", { name: "Board" }).click();
  await expectAccessible(phone, "phone: open round (board)");
  await expectAccessible(projector, "projector: open round");
  await expectAccessible(control, "control room: open round");
  await act("close-round");

  // Round 2: the tribunal, with a charge in the feed.
  await act("open-round");
  await botsRate();
  expect((await sendJson("POST", `/api/sessions/${code}/denunciations`, { accusedId: idOf("Ada"), charge: "Lack of enthusiasm" }, bots.Boris!.token)).status).toBe(201);
  await phone.getByRole("tab", { name: "Tribunal" }).click();
  await expect(phone.getByTestId("charges-against-me")).toBeVisible();
  await expectAccessible(phone, "phone: tribunal");
  await expect(projector.getByTestId("projector-tribunal")).toBeVisible();
  await expectAccessible(projector, "projector: tribunal");
  await expectAccessible(control, "control room: tribunal");
  await act("close-round");

  // Round 3: Reduction in Force — statements, then the hearing.
  await act("open-round");
  await expect(projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "statements");
  await expect(phone.getByTestId("rif-waiting")).toBeVisible();
  await expectAccessible(phone, "phone: RIF statements (not at risk)");
  await expectAccessible(projector, "projector: RIF statements");
  await expectAccessible(control, "control room: RIF statements");
  for (const name of ["Dmitri", "Elena"]) {
    expect((await sendJson("PUT", `/api/sessions/${code}/statement`, { text: `${name} exceeded the plan in March.` }, bots[name]!.token)).status).toBe(200);
  }
  await facPost("/round-control", { action: "rif.start-hearing" });
  await expect(projector.getByTestId("rif-statement")).toBeVisible();
  await phone.getByRole("tab", { name: "Hearing" }).click();
  await expect(phone.getByTestId("rif-case").first()).toBeVisible();
  await expectAccessible(phone, "phone: RIF hearing");
  await expectAccessible(projector, "projector: RIF hearing");
  await expectAccessible(control, "control room: RIF hearing");
  await facPost("/round-control", { action: "rif.reveal" });
  await expect(projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "revealed");
  await expectAccessible(projector, "projector: RIF verdict");
  await expectAccessible(phone, "phone: RIF verdict");
  await act("close-round");

  // Round 4: the production conference, with a proposal to vote on.
  await act("open-round");
  expect((await sendJson("POST", `/api/sessions/${code}/proposals`, { kind: "abolish-leaderboard" }, bots.Clara!.token)).status).toBe(201);
  await expect(phone.getByRole("tab", { name: "Conference" })).toHaveAttribute("aria-selected", "true");
  await expect(phone.getByTestId("proposal").first()).toBeVisible();
  await expectAccessible(phone, "phone: conference");
  await expect(projector.getByTestId("projector-conference")).toBeVisible();
  await expectAccessible(projector, "projector: conference");
  await expectAccessible(control, "control room: conference");
  await act("close-round");

  // After the session: reflection, debrief, report.
  await act("end");
  await facPost("/reflection", { open: true });
  await phone.getByRole("tab", { name: "Reflect" }).click();
  await expect(phone.getByTestId("reflection-item").first()).toBeVisible();
  await expectAccessible(phone, "phone: reflection");
  await expectAccessible(projector, "projector: ended");
  await expectAccessible(control, "control room: ended, reflection open");
  const debrief: Page = await fac.newPage();
  await debrief.goto(`/sessions/${code}/debrief`);
  await expect(debrief.getByTestId("debrief-title")).toBeVisible();
  await expectAccessible(debrief, "debrief");
  await phone.goto(`/s/${code}/report`);
  await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(phone, "participant report");

  await phoneContext.close();
  await fac.close();
});
