// Issue 16, the room's half: a German session with the projector in German, phones in German, one
// phone switched to Russian by its own picker (the projector stays German), the session's content
// (dimensions, Nosedive tiers, rule labels, the 1936 charges, corporate aliases) in each language.
// Screenshots go to screenshots/ (git-ignored) for a person to look at.
import type { Page } from "@playwright/test";
import { FacilitatorApi, joinViaApi, rateViaApi, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { PHONE } from "./support/room";
import { serverInfo } from "./support/server";
import { ALIAS_ANIMALS_DE, ALIAS_WORDS_DE } from "../lib/domain/names";
import { DEFAULT_CHARGES } from "../lib/domain/rounds/kinds";
import { DISTRIBUTION_PRESETS } from "../lib/domain/rules/forced-distribution";
import { DEFAULT_TIERS } from "../lib/domain/rules/nosedive";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/i18n-room-${name}.png` });

test("a German room: projector and phones in German, one phone in Russian by its own choice", async ({ browser, facilitator }) => {
  test.setTimeout(180_000);
  const fac = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(fac, facilitator);
  const created = await fac.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Quartalskalibrierung der Vertriebsabteilung",
      language: "de",
      k: 2,
      agenda: [
        { title: "Nosedive", prompt: "", durationSeconds: 300, rules: { ...PLAIN_RULES, nosedive: { tiers: DEFAULT_TIERS }, quotaBallots: { share: 0.2 } } },
        { title: "Tribunal", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "tribunal", tribunal: { penalty: 0.25, cap: 1, reward: 0, charges: [...DEFAULT_CHARGES] } },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const api = FacilitatorApi.of(fac);

  // The projector speaks the session's language, whatever the browser's (Playwright sends en-US).
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`/s/${code}/screen`);
  await expect(projector.getByTestId("join-panel")).toContainText("Mit dem Handy beitreten");
  await expect(projector.getByTestId("lobby-steps")).toContainText("In drei Schritten dabei");
  await expect(projector.locator("html")).toHaveAttribute("lang", "de");

  // A phone in German: the join form, a German corporate alias.
  const anna = await (await browser.newContext(PHONE)).newPage();
  await anna.goto(`/s/${code}`);
  await expect(anna.getByRole("button", { name: "Der Sitzung beitreten" })).toBeVisible();
  await anna.getByRole("button", { name: "Firmen-Alias vorschlagen" }).click();
  const alias = await anna.getByLabel("Dein Anzeigename").inputValue();
  const [word, animal] = alias.split(" ");
  expect(ALIAS_WORDS_DE as readonly string[]).toContain(word);
  expect(ALIAS_ANIMALS_DE as readonly string[]).toContain(animal);
  await anna.getByRole("button", { name: "Der Sitzung beitreten" }).click();
  await expect(anna.getByTestId("my-name")).toHaveText(alias);
  await expect(anna.getByTestId("phase-label")).toHaveText("Warten auf die erste Runde");

  // A second phone joins in German, then picks Russian for itself.
  const boris = await (await browser.newContext(PHONE)).newPage();
  await boris.goto(`/s/${code}`);
  await boris.getByLabel("Dein Anzeigename").fill("Boris");
  await boris.getByRole("button", { name: "Der Sitzung beitreten" }).click();
  await expect(boris.getByTestId("my-name")).toHaveText("Boris");
  const bots: ApiParticipant[] = [];
  for (const name of ["Chen", "Dmitri", "Elena"]) bots.push(await joinViaApi(code, name));
  await expect(boris.getByTestId("rate-progress")).toHaveText("Du hast 0 von 4 Personen bewertet");
  await boris.getByTestId("phone-language").selectOption("ru");
  await expect(boris.getByTestId("phase-label")).toHaveText("Ждём первый раунд");
  // Russian plural forms: 4 → «коллег» (genitive plural after «из»).
  await expect(boris.getByTestId("rate-progress")).toHaveText("Вы оценили 0 из 4 коллег");
  await expect(boris.locator("html")).toHaveAttribute("lang", "ru");
  // The choice is this phone's only: the projector and the other phone stay German.
  await projector.reload();
  await expect(projector.getByTestId("participant-count")).toContainText("Personen");
  await anna.reload();
  await expect(anna.getByTestId("phase-label")).toHaveText("Warten auf die erste Runde");
  await shot(anna, "de-390-lobby");
  await shot(boris, "ru-390-lobby");
  await shot(projector, "de-1920-lobby");

  // Round 1 under Nosedive and quota ballots: rule labels, explainers, tiers and dimensions per language.
  await api.mustAct(code, "open-round");
  await expect(anna.getByTestId("phase-label")).toHaveText("Runde 1 · Bewertung offen");
  await expect(anna.getByTestId("round-rules")).toHaveText("Diese Runde: Nosedive-Gewichtung · Quotenstimmen (20 % Höchstwertungen)");
  await expect(anna.getByTestId("rule-explainers")).toContainText("Elite: deine Bewertungen zählen ×4");
  await expect(boris.getByTestId("round-rules")).toHaveText("В этом раунде: Взвешивание Nosedive · Квоты (20 % высших оценок)");
  await expect(boris.getByTestId("rule-explainers")).toContainText("Элита: ваши оценки весят ×4");
  await expect(boris.getByTestId("rule-explainers")).toContainText("Низкий рейтинг: ваши оценки весят ×0,5");
  // The dimensions were made in the session's language when it was created: German on every screen.
  await boris.locator('[data-testid="colleague"][data-colleague-name="Chen"] button').first().click();
  await expect(boris.getByRole("group", { name: "Potenzial: Chen" })).toBeVisible();
  await boris.getByRole("group", { name: "Potenzial: Chen" }).getByRole("radio", { name: "4 из 5" }).check({ force: true });
  await expect(boris.locator('[data-testid="colleague"][data-colleague-name="Chen"]')).toContainText("оценено 1/7");

  const everyone = [...bots];
  for (const rater of everyone) for (const target of everyone) if (rater.id !== target.id) await rateViaApi(code, rater, target.id, { potential: 4, talent: 5 });
  await expect(projector.getByTestId("rules-strip")).toContainText("Nosedive-Gewichtung", { timeout: 10_000 });
  await expect(projector.getByTestId("tier-legend")).toContainText("Schlecht bewertet ×0,5 · Standard ×1 · Prime ×2 · Elite ×4");
  await expect(projector.getByTestId("rule-explainers")).toContainText("deine Bewertungen zählen ×4");
  await expect(projector.getByTestId("phase-status")).toContainText("Runde 1 – bewerte deine Kolleg:innen");
  // Scores in German notation on the projector (4,50 not 4.50), Russian on the Russian phone.
  await expect(projector.getByTestId("board-row").first()).toContainText(/\d,\d\d/, { timeout: 10_000 });
  await boris.getByRole("tab", { name: "Рейтинг" }).click();
  await expect(boris.getByTestId("phone-board-row").first()).toContainText(/\d,\d\d/, { timeout: 15_000 });
  await boris.getByRole("tab", { name: "Оценить" }).click();
  await shot(anna, "de-390-round");
  await shot(boris, "ru-390-round");
  await shot(projector, "de-1920-round");

  // Round 2, the tribunal: the 1936 charges in each phone's language; the projector's feed in German.
  await api.mustAct(code, "close-round");
  await api.mustAct(code, "open-round");
  await boris.getByRole("tab", { name: "Трибунал" }).click();
  await expect(boris.getByRole("radio", { name: "Вредительство" })).toBeVisible();
  await boris.getByLabel("Коллега", { exact: true }).selectOption({ label: "Chen" });
  await boris.getByRole("radio", { name: "Вредительство" }).check();
  await boris.getByRole("button", { name: "Донести" }).click();
  await expect(boris.getByText("Ваш донос на Chen принят к сведению")).toBeVisible();
  await anna.getByRole("tab", { name: "Tribunal" }).click();
  await expect(anna.getByRole("radio", { name: "Schädlingsarbeit" })).toBeVisible();
  await expect(anna.getByTestId("feed-item").filter({ hasText: "Chen" })).toContainText(/1 Ankläger:in · [-−]0,25★/);
  await expect(anna.getByTestId("feed-item").filter({ hasText: "Chen" })).toContainText("Schädlingsarbeit");
  await expect(projector.getByTestId("projector-feed-item").filter({ hasText: "Chen" })).toContainText("Schädlingsarbeit");
  await expect(projector.getByTestId("projector-tribunal")).toContainText("Das Tribunal tagt");
  // The API keeps the stable English text for its clients.
  const round = (await (await fac.request.get(`/api/sessions/${code}/round-control`)).json()) as { tribunal: { feed: { charges: { charge: string }[] }[] } };
  expect(round.tribunal.feed.flatMap((f) => f.charges.map((c) => c.charge))).toContain("Wrecking");
  await shot(anna, "de-390-tribunal");
  await shot(boris, "ru-390-tribunal");
  await shot(projector, "de-1920-tribunal");
});

test("a Russian room on the projector, with Russian plurals", async ({ browser, facilitator }) => {
  test.setTimeout(90_000);
  const fac = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(fac, facilitator);
  const created = await fac.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Аттестация отдела продаж",
      language: "ru",
      k: 2,
      agenda: [
        {
          title: "Кривая",
          prompt: "",
          durationSeconds: 240,
          rules: { ...PLAIN_RULES, distribution: { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands }, nosedive: { tiers: DEFAULT_TIERS }, norm: { mode: "previous-median", recordPercent: 125, ratchet: true } },
        },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`/s/${code}/screen`);
  await expect(projector.getByTestId("join-panel")).toContainText("Войдите с телефона");
  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto(`/s/${code}`);
  await phone.getByLabel("Ваше имя на экране").fill("Мария");
  await phone.getByRole("button", { name: "Войти в сессию" }).click();
  await expect(phone.getByTestId("my-name")).toHaveText("Мария");
  // 1 участник, 2 участника, 5 участников.
  await expect(projector.getByTestId("participant-count")).toHaveText(/^1\s*участник$/i);
  const bots = [await joinViaApi(code, "Пётр")];
  await expect(projector.getByTestId("participant-count")).toHaveText(/^2\s*участника$/i);
  for (const name of ["Ольга", "Иван", "Светлана"]) bots.push(await joinViaApi(code, name));
  await expect(projector.getByTestId("participant-count")).toHaveText(/^5\s*участников$/i);
  await expect(phone.getByTestId("rate-progress")).toHaveText("Вы оценили 0 из 4 коллег");
  await shot(projector, "ru-1920-lobby");
  await shot(phone, "ru-390-join-room");

  // A round under the curve, Nosedive and the ratchet norm: labels, bands and tiers in Russian.
  const api = FacilitatorApi.of(fac);
  await api.mustAct(code, "open-round");
  for (const [i, rater] of bots.entries()) for (const target of bots) if (rater.id !== target.id) await rateViaApi(code, rater, target.id, { potential: 2 + i, talent: 3 });
  await expect(projector.getByTestId("rules-strip")).toContainText("Кривая жизнеспособности 20/70/10 · Взвешивание Nosedive · Стахановская норма (храповик)");
  await expect(projector.getByTestId("band-legend")).toContainText("Лучшие 20 %");
  await expect(projector.getByTestId("tier-legend")).toContainText("Низкий рейтинг ×0,5 · Стандарт ×1 · Прайм ×2 · Элита ×4");
  await expect(projector.getByTestId("band-badge").first()).toContainText(/Лучшие 20 %|Основные 70 %|Худшие 10 %/, { timeout: 10_000 });
  await expect(phone.getByTestId("round-rules")).toHaveText("В этом раунде: Кривая жизнеспособности 20/70/10 · Взвешивание Nosedive · Стахановская норма (храповик)");
  await expect(phone.getByTestId("rule-explainers")).toContainText("Кривая: Лучшие 20 %, ");
  await projector.waitForTimeout(1_000);
  await shot(projector, "ru-1920-round");
  await phone.getByRole("tab", { name: "Мой балл" }).click();
  await shot(phone, "ru-390-score");

  // The private report, in the phone's language.
  await api.mustAct(code, "close-round");
  await phone.getByTestId("report-link").click();
  await expect(phone.getByRole("heading", { name: "Раунд за раундом" })).toBeVisible();
  await expect(phone.getByTestId("report-trajectory")).toContainText("Раунд 1 · Кривая · Кривая жизнеспособности 20/70/10, Взвешивание Nosedive, Стахановская норма (храповик)");
  await expect(phone.getByRole("columnheader", { name: "Качество" })).toBeVisible();
  await shot(phone, "ru-390-report");
});

test("the Reduction in Force and the production conference in a German room, one phone in Russian", async ({ browser, facilitator }) => {
  test.setTimeout(180_000);
  const fac = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(fac, facilitator);
  const origin = serverInfo().baseURL;
  const created = await fac.request.post("/api/sessions", {
    headers: { Origin: origin },
    data: {
      title: "Jahresgespräche im Großraumbüro",
      language: "de",
      k: 2,
      agenda: [
        { title: "Erste Eindrücke", prompt: "", durationSeconds: null, rules: PLAIN_RULES },
        { title: "Personalabbau", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "rif", rif: { selection: { mode: "count", value: 2 }, statementSeconds: 180, autoAdvanceSeconds: null } },
        { title: "Beratung", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "conference", conference: { menu: ["abolish-leaderboard", "raise-k", "cap-distribution", "free-text"], thresholdPercent: null } },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const api = FacilitatorApi.of(fac);
  const control = (action: string, extra: Record<string, unknown> = {}) =>
    fac.request.post(`/api/sessions/${code}/round-control`, { headers: { Origin: origin }, data: { action, ...extra } });
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`/s/${code}/screen`);
  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto(`/s/${code}`);
  await phone.getByTestId("phone-language").selectOption("ru");
  await expect(phone.getByRole("button", { name: "Войти в сессию" })).toBeVisible();
  await phone.getByLabel("Ваше имя на экране").fill("Мария");
  await phone.getByRole("button", { name: "Войти в сессию" }).click();
  await expect(phone.getByTestId("my-name")).toHaveText("Мария");
  const bots: ApiParticipant[] = [];
  for (const name of ["Wolfgang Maximilian", "Friederike", "Jürgen", "Hannelore", "Sieglinde"]) bots.push(await joinViaApi(code, name));

  // Round 1: the bots rate each other; the two lowest are at risk in round 2.
  await api.mustAct(code, "open-round");
  const deserved = [5, 4, 4, 2, 1];
  for (const rater of bots) for (const [i, target] of bots.entries()) if (rater.id !== target.id) await rateViaApi(code, rater, target.id, { potential: deserved[i]!, talent: deserved[i]! });
  const people = (await (await fac.request.get(`/api/sessions/${code}/participants`)).json()) as { id: string; displayName: string }[];
  const maria = people.find((p) => p.displayName === "Мария")!;
  for (const rater of bots) await rateViaApi(code, rater, maria.id, { potential: 3, talent: 3 });
  await expect(projector.getByTestId("board-ranked")).toContainText("6 von 6 eingestuft", { timeout: 10_000 });
  await api.mustAct(code, "close-round");
  await api.mustAct(code, "open-round");
  await expect(projector.getByTestId("projector-rif")).toContainText("2 Personen sind gefährdet");
  await expect(phone.getByTestId("rif-waiting")).toContainText("2 коллеги пишут");
  await shot(projector, "de-1920-rif-statements");
  await shot(phone, "ru-390-rif-statements");
  expect((await control("rif.start-hearing")).status()).toBe(200);
  await expect(projector.getByTestId("rif-progress")).toHaveText("Stellungnahme 1 von 2");
  await expect(projector.getByTestId("rif-turnout")).toHaveText("Stimm auf dem Handy ab – 0 von 4 haben abgestimmt");
  await expect(phone.getByTestId("rif-hearing")).toContainText("Слушание");
  await expect(phone.getByTestId("rif-case").first()).toContainText("на экране");
  await shot(projector, "de-1920-rif-hearing");
  await shot(phone, "ru-390-rif-hearing");
  expect((await control("rif.reveal")).status()).toBe(200);
  await expect(projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "revealed");
  await expect(projector.getByTestId("projector-rif")).toContainText("Der Raum hat alle behalten");
  await expect(phone.getByTestId("rif-result")).toContainText("Вердикт");
  await shot(projector, "de-1920-rif-verdict");

  // Round 3, the conference: the menu in Russian on the phone, the proposals in German on the projector.
  await api.mustAct(code, "close-round");
  await api.mustAct(code, "open-round");
  await phone.getByRole("button", { name: "+ Поднять порог анонимности" }).click();
  const raise = phone.locator('[data-testid="proposal"][data-kind="raise-k"]');
  await expect(raise).toContainText("Поднять порог анонимности до 4 оценивающих");
  await expect(raise.getByRole("button", { name: /За/ })).toHaveAttribute("aria-pressed", "true");
  await phone.getByRole("button", { name: "+ Ограничить нижнюю группу 5 %" }).click();
  const onProjector = projector.getByTestId("projector-proposal").filter({ hasText: "Anonymitätsschwelle auf 4 Bewertende anheben" });
  await expect(onProjector).toContainText("1 Stimme abgegeben");
  await expect(projector.getByTestId("projector-proposal").filter({ hasText: "Untere Gruppe der Zwangsverteilung auf 5 % begrenzen" })).toBeVisible();
  await expect(projector.getByTestId("projector-conference")).toContainText("Ändert die Regeln");
  await shot(projector, "de-1920-conference");
  await shot(phone, "ru-390-conference");
});
