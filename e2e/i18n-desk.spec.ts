// The facilitator's side in other languages (issue 16): a session created in German through the form
// (the default dimensions re-labelled, the language sent), the control room in the facilitator's own
// English showing and changing the session's language, and the debrief and presenter in the session's
// language with its readings, numbers and plurals (German, and Russian one/few/many).
import { FacilitatorApi, joinViaApi, rateViaApi, sendJson, type ApiParticipant } from "./support/api";
import { REFLECTION_ITEMS } from "../lib/domain/reflection";
import { MESSAGES } from "../messages";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";

const KEYS = ["potential", "talent", "creativity", "innovation", "passion-commitment", "continuous-learning", "personal-growth"];

/** Everyone rates everyone; in round 2 the order turns over. */
async function playTwoRounds(api: FacilitatorApi, code: string, people: ApiParticipant[]) {
  for (const round of [1, 2]) {
    await api.mustAct(code, "open-round");
    for (const rater of people) {
      for (const [i, target] of people.entries()) {
        if (rater.id === target.id) continue;
        const score = round === 1 ? 1 + (i % 5) : 5 - (i % 5);
        const response = await rateViaApi(code, rater, target.id, Object.fromEntries(KEYS.map((k) => [k, score])));
        expect(response.status, await response.text()).toBeLessThan(300);
      }
    }
    await api.mustAct(code, "close-round");
  }
  await api.mustAct(code, "end");
}

test("a session created in German through the form; the control room stays in the facilitator's English and changes the room's language", async ({ browser, facilitator }) => {
  const desk = await browser.newContext({ locale: "en-US" });
  await signInViaApi(desk, facilitator);
  const page = await desk.newPage();
  await page.goto("/dashboard");
  const form = page.getByTestId("create-session-form");
  const language = form.getByLabel("Session language");
  // The default is the facilitator's page language: English here.
  await expect(language).toHaveValue("en");
  await expect(form.getByLabel("Dimension 1", { exact: true })).toHaveValue("Potential");
  // An edited label stays; the untouched defaults follow the language.
  await form.getByLabel("Dimension 2", { exact: true }).fill("Charisma");
  await language.selectOption("de");
  await expect(form.getByLabel("Dimension 1", { exact: true })).toHaveValue("Potenzial");
  await expect(form.getByLabel("Dimension 2", { exact: true })).toHaveValue("Charisma");
  await expect(form.getByLabel("Dimension 5", { exact: true })).toHaveValue("Leidenschaft & Engagement");
  await language.selectOption("ru");
  await expect(form.getByLabel("Dimension 5", { exact: true })).toHaveValue("Страсть и вовлечённость");
  await language.selectOption("de");
  await form.getByLabel("Session title").fill("Führungsklausur");
  await form.getByRole("button", { name: "Create session" }).click();
  await page.waitForURL(/\/sessions\/[A-Z0-9]{6}$/);
  const code = page.url().split("/").at(-1)!;

  const state = await (await desk.request.get(`/api/sessions/${code}`)).json();
  expect(state.language).toBe("de");
  expect(state.dimensions.map((d: { label: string }) => d.label).slice(0, 5)).toEqual(["Potenzial", "Charisma", "Kreativität", "Innovation", "Leidenschaft & Engagement"]);
  expect(state.dimensions[0].key).toBe("potential");
  // The form's default agenda preset, titled in the session's language.
  const agenda = await (await desk.request.get(`/api/sessions/${code}/agenda`)).json();
  expect(agenda.agenda.map((r: { title: string }) => r.title)).toEqual(["Erster Eindruck", "Alle sehen zu", "Nosedive", "Die Norm", "Vitality-Kurve", "Rank and Yank"]);

  // The control room is the facilitator's own page: English, with the room's language shown.
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Open joining" }).or(page.getByRole("button", { name: "Close joining" }))).toBeVisible();
  const roomLanguage = page.getByLabel("Session language");
  await expect(roomLanguage).toHaveValue("de");
  await expect(page.getByRole("heading", { name: "Release clock" })).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveText("Open round 1 “Erster Eindruck”");

  // The projector speaks the session's German; switching the room in the control room turns it Russian.
  const screen = await desk.newPage();
  await screen.goto(`/s/${code}/screen`);
  await expect(screen.locator("html")).toHaveAttribute("lang", "de");
  await roomLanguage.selectOption("ru");
  await expect.poll(async () => (await (await desk.request.get(`/api/sessions/${code}`)).json()).language).toBe("ru");
  await expect(roomLanguage).toHaveValue("ru");
  // What the control room writes into the room's agenda follows the room's new language at once, while
  // the control room itself stays English: a round added now is titled in Russian.
  const agendaPanel = page.getByTestId("agenda-panel");
  await agendaPanel.getByRole("button", { name: "Add round" }).click();
  await expect(agendaPanel.getByTestId("agenda-item").last()).toContainText("Round 7: Раунд 7");
  await agendaPanel.getByRole("button", { name: "Discard changes" }).click();
  await screen.reload();
  await expect(screen.locator("html")).toHaveAttribute("lang", "ru");
  // The control room itself stays English.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel("Session language")).toHaveValue("ru");

  // The dashboard lists the session with its language.
  await page.goto("/dashboard");
  await expect(page.getByTestId("session-item").filter({ hasText: "Führungsklausur" }).getByTestId("session-item-language")).toHaveText("Русский");
  await desk.close();
});

test("a German facilitator's own pages follow their language; the settings page changes it", async ({ browser, facilitator }) => {
  const desk = await browser.newContext({ locale: "de-DE" });
  await signInViaApi(desk, facilitator);
  const page = await desk.newPage();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Neue Session" })).toBeVisible();
  await expect(page.getByTestId("create-session-form").getByLabel("Sprache der Session")).toHaveValue("de");
  await expect(page.getByTestId("create-session-form").getByLabel("Dimension 1", { exact: true })).toHaveValue("Potenzial");
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Einstellungen" })).toBeVisible();
  await page.getByTestId("settings-language").getByLabel("Sprache").selectOption("ru");
  await expect(page.getByRole("heading", { name: "Настройки" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "API-токены" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByTestId("create-session-form").getByLabel("Язык сессии")).toHaveValue("ru");
  await expect(page.getByTestId("create-session-form").getByRole("button", { name: "Создать сессию" })).toBeVisible();
  await desk.close();
});

const de = MESSAGES.de;

test("the debrief and the presenter speak a German session's language to an English facilitator", async ({ browser, facilitator }) => {
  const desk = await browser.newContext({ locale: "en-US", viewport: { width: 1920, height: 1080 } });
  await signInViaApi(desk, facilitator);
  const api = FacilitatorApi.of(desk);
  const session = await api.createSession({ title: "Nachbesprechung Test", language: "de", k: 2 });
  const people = [];
  for (const name of ["Anna", "Bernd", "Clara", "Dieter"]) people.push(await joinViaApi(session.code, name));
  await playTwoRounds(api, session.code, people);
  // One reflection: its statements show in the session's language in the debrief.
  const opened = await desk.request.post(`/api/sessions/${session.code}/reflection`, { data: { open: true }, headers: { Origin: serverInfo().baseURL } });
  expect(opened.status(), await opened.text()).toBe(200);
  const answers = Object.fromEntries(REFLECTION_ITEMS.map((item) => [item.key, 4]));
  expect((await sendJson("PUT", `/api/sessions/${session.code}/reflection/mine`, { answers, text: "" }, people[0]!.token)).status).toBe(200);

  const page = await desk.newPage();
  await page.goto(`/sessions/${session.code}/debrief`);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByTestId("reflection-item").first()).toContainText(de.content.reflection["never-good-enough"]);
  await expect(page.getByRole("heading", { name: "Ungleichheit", exact: true })).toBeVisible();
  await expect(page.getByTestId("debrief-title")).toContainText("4 Personen · 2 Runden");
  // The reading: a German sentence with German decimals.
  await expect(page.getByTestId("reading-distribution")).toHaveText(/^Die Ungleichheit (blieb etwa gleich|wuchs|sank): Gini \d,\d\d in Runde 1, \d,\d\d in Runde 2 \(Mittelwert \d,\d\d → \d,\d\d\)\.$/);
  await expect(page.getByTestId("reading-churn")).toContainText(/^Von Runde 1 zu Runde 2 hat sich die Rangliste /);
  await expect(page.getByTestId("reading-churn")).toContainText("Kendalls τ");
  await expect(page.getByRole("link", { name: "Im Vollbild präsentieren" })).toBeVisible();

  await page.getByRole("link", { name: "Im Vollbild präsentieren" }).click();
  await page.waitForURL(/\/present/);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByTestId("presenter-cover")).toContainText("4 Personen · 2 Runden");
  await expect(page.getByTestId("presenter-position")).toHaveText(/^Folie 1 \/ \d+: Nachbesprechung Test$/);
  await page.getByRole("button", { name: "Weiter Folie" }).click();
  await expect(page.getByTestId("presenter-slide")).toHaveAttribute("data-slide", "distribution");
  await expect(page.getByRole("heading", { name: "Ungleichheit", exact: true })).toBeVisible();
  await expect(page.getByTestId("reading-distribution")).toContainText("Die Ungleichheit");
  await desk.close();
});

test("a Russian session's debrief: Russian plurals and numbers", async ({ browser, facilitator }) => {
  const desk = await browser.newContext({ locale: "en-US" });
  await signInViaApi(desk, facilitator);
  const api = FacilitatorApi.of(desk);
  const session = await api.createSession({ title: "Разбор", language: "ru", k: 2 });
  const people = [];
  for (const name of ["Аня", "Борис", "Вера", "Глеб", "Дина"]) people.push(await joinViaApi(session.code, name));
  await playTwoRounds(api, session.code, people);

  const page = await desk.newPage();
  await page.goto(`/sessions/${session.code}/debrief`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  // many (5 участников) and few (2 раунда)
  await expect(page.getByTestId("debrief-title")).toContainText("5 участников · 2 раунда");
  await expect(page.getByRole("heading", { name: "Неравенство", exact: true })).toBeVisible();
  await expect(page.getByTestId("reading-distribution")).toHaveText(/^Неравенство (почти не изменилось|выросло|снизилось): Джини \d,\d\d в раунде 1/);
  await expect(page.getByTestId("reading-ranking")).toHaveText(/^2 раунда, все против всех/);
  await expect(page.getByTestId("reading-reflection")).toHaveText("На рефлексию пока никто не ответил.");
  const origin = serverInfo().baseURL;
  // The stored debrief (the end-of-session snapshot) stays language-neutral for API clients.
  const stored = await (await desk.request.get(`${origin}/api/sessions/${session.code}/debrief`)).json();
  expect(stored.session.participants).toBe(5);
  await desk.close();
});
