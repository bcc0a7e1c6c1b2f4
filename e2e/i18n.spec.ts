// Which language a page speaks (lib/i18n/locales.ts): the reader's own pages follow their browser or
// their setting; the projector and the phones follow the session; a phone may choose its own.
import { expect, test, signInViaApi } from "./support/fixtures";
import { FacilitatorApi, joinViaApi } from "./support/api";
import { serverInfo } from "./support/server";

const origin = () => serverInfo().baseURL;

test("the reader's own pages follow the browser, then the setting they pick", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  const nav = page.getByRole("navigation", { name: "Hauptmenü" });
  await expect(nav.getByRole("link", { name: "Anmelden" })).toBeVisible();

  // The setting wins over the browser, and stays.
  await nav.getByLabel("Sprache").selectOption("ru");
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByRole("link", { name: "Войти" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByRole("navigation", { name: "Главное меню" }).getByLabel("Язык")).toHaveValue("ru");
  await context.close();
});

test("the projector and the phones speak the session's language; a phone may switch itself", async ({ browser, facilitator }) => {
  const desk = await browser.newContext({ locale: "en-US" });
  await signInViaApi(desk, facilitator);
  const api = FacilitatorApi.of(desk);
  const session = await api.createSession({ title: "Sprachtest", language: "de" });
  expect(session.dimensions[0]).toEqual({ key: "potential", label: "Potenzial" });
  await joinViaApi(session.code, "Anna");

  // An English browser on the projector still gets the room's German.
  const screen = await desk.newPage();
  await screen.goto(`/s/${session.code}/screen`);
  await expect(screen.locator("html")).toHaveAttribute("lang", "de");
  // The control room is the facilitator's own page: English.
  const control = await desk.newPage();
  await control.goto(`/sessions/${session.code}`);
  await expect(control.locator("html")).toHaveAttribute("lang", "en");

  // The facilitator switches the room to Russian.
  const patch = await desk.request.patch(`/api/sessions/${session.code}`, { data: { language: "ru" }, headers: { Origin: origin() } });
  expect(patch.status(), await patch.text()).toBe(200);
  expect(await patch.json()).toMatchObject({ language: "ru" });
  // The open projector follows by itself (the phase event carries the language; the page re-renders).
  await expect(screen.locator("div[lang]").first()).toHaveAttribute("lang", "ru");
  await screen.reload();
  await expect(screen.locator("html")).toHaveAttribute("lang", "ru");

  // A phone in the room: Russian, until its reader picks English for this session only.
  const phoneContext = await browser.newContext({ locale: "de-DE", viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(`/s/${session.code}`);
  await expect(phone.locator("html")).toHaveAttribute("lang", "ru");
  await phoneContext.addCookies([{ name: "stakhanov_phone_lang", value: `${session.code}:en`, url: origin() }]);
  await phone.reload();
  await expect(phone.locator("html")).toHaveAttribute("lang", "en");
  await screen.reload();
  await expect(screen.locator("html")).toHaveAttribute("lang", "ru");
  await phoneContext.close();
  await desk.close();
});

test("the API: a session's language from the body or Accept-Language; a bad one is a 400", async ({ browser, facilitator }) => {
  const desk = await browser.newContext();
  await signInViaApi(desk, facilitator);
  const headers = { Origin: origin(), "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5" };
  const created = await desk.request.post("/api/sessions", { data: { title: "Без языка" }, headers });
  expect(created.status()).toBe(201);
  const { session } = (await created.json()) as { session: { code: string; language: string; dimensions: { key: string; label: string }[] } };
  expect(session.language).toBe("ru");
  expect(session.dimensions.map((d) => d.key)).toContain("passion-commitment");
  expect(session.dimensions[0]!.label).toBe("Потенциал");
  const state = await (await desk.request.get(`/api/sessions/${session.code}`)).json();
  expect(state.language).toBe("ru");

  const bad = await desk.request.post("/api/sessions", { data: { title: "x", language: "fr" }, headers });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("validation_failed");
  const badPatch = await desk.request.patch(`/api/sessions/${session.code}`, { data: { language: "xx" }, headers });
  expect(badPatch.status()).toBe(400);
  expect((await (await desk.request.get(`/api/sessions/${session.code}`)).json()).language).toBe("ru");
  await desk.close();
});
