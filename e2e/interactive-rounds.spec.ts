// The essay's interactive rounds in a real browser, seven participants each
// (three on phones, four through the API), with the projector and the control
// room: the tribunal, the Reduction in Force and the production conference.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { byName, origin, rateEveryone, setUpRoom } from "./support/room";
import { DISTRIBUTION_PRESETS } from "../lib/domain/rules/forced-distribution";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

test("the tribunal: an anonymous denunciation lowers the accused's score and shows in the feed without its accuser", async ({ browser, facilitator }) => {
  test.setTimeout(150_000);
  const names = ["Ada", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina"];
  const room = await setUpRoom(
    browser,
    facilitator,
    [
      { title: "Rate", prompt: "", durationSeconds: null, rules: PLAIN_RULES },
      { title: "The tribunal", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "tribunal", tribunal: { penalty: 0.25, cap: 1, reward: 0, charges: ["Blocked Stakhanovite methods", "Failed to meet the plan", "Lack of enthusiasm"] } },
    ],
    ["Ada", "Boris", "Clara"],
    ["Dmitri", "Elena", "Fyodor", "Galina"],
  );
  const deserved = { Ada: 5, Boris: 4, Clara: 4, Dmitri: 3, Elena: 3, Fyodor: 2, Galina: 2 };
  await room.api.mustAct(room.code, "open-round");
  await rateEveryone(room, names, deserved);
  await room.api.mustAct(room.code, "close-round");
  await room.api.mustAct(room.code, "open-round");
  await rateEveryone(room, names, deserved);
  const before = byName((await room.board()).entries, "Ada")!.score!;
  expect(before).toBe(5);

  // Boris denounces Ada from his phone.
  const boris = room.phones.Boris!;
  await boris.getByRole("tab", { name: "Tribunal" }).click();
  await boris.getByLabel("Colleague", { exact: true }).selectOption({ label: "Ada" });
  await boris.getByRole("radio", { name: "Lack of enthusiasm" }).check();
  await boris.getByRole("button", { name: "Denounce" }).click();
  await expect(boris.getByText("Your denunciation of Ada is on record")).toBeVisible();
  await expect(boris.getByLabel("Colleague", { exact: true }).locator("option", { hasText: "Ada" })).toHaveText(/already denounced/);
  await boris.screenshot({ path: "screenshots/phone-tribunal-denounce.png", fullPage: true });
  // A second charge against the same colleague is refused; so is denouncing oneself.
  expect((await room.post("/denunciations", { accusedId: room.idOf("Ada"), charge: "Wrecking" }, "Boris")).status).toBe(409);
  expect((await room.post("/denunciations", { accusedId: room.idOf("Dmitri"), charge: "Wrecking" }, "Dmitri")).status).toBe(403);
  // Two more accusers through the API, one with a charge of their own.
  for (const [who, charge] of [["Dmitri", "Failed to meet the plan"], ["Elena", "Sabotaged the coffee machine"]]) {
    expect((await room.post("/denunciations", { accusedId: room.idOf("Ada"), charge }, who!)).status).toBe(201);
  }

  // Three distinct accusers × 0.25.
  await expect.poll(async () => byName((await room.board()).entries, "Ada")!.score).toBe(4.25);
  const feedItem = room.projector.getByTestId("projector-feed-item").filter({ hasText: "Ada" });
  await expect(feedItem).toContainText("3 accusers");
  await expect(feedItem).toContainText("Sabotaged the coffee machine");
  // The feed never names an accuser.
  const feedText = await room.projector.getByTestId("projector-tribunal").innerText();
  for (const accuser of ["Boris", "Dmitri", "Elena"]) expect(feedText).not.toContain(accuser);

  // Ada sees the charges, not who made them, and appeals once.
  const ada = room.phones.Ada!;
  await ada.getByRole("tab", { name: "Tribunal" }).click();
  const accused = ada.getByTestId("charges-against-me");
  await expect(accused).toContainText("3 colleagues have denounced you");
  await expect(accused).toContainText("Lack of enthusiasm");
  for (const accuser of ["Boris", "Dmitri", "Elena"]) await expect(accused).not.toContainText(accuser);
  await ada.getByLabel(/Your one appeal/).fill("I asked why the plan doubled. That is all.");
  await ada.getByRole("button", { name: "Send appeal" }).click();
  await expect(accused).toContainText("Your appeal:");
  await expect(feedItem).toContainText("I asked why the plan doubled.");
  expect((await room.post("/appeal", { text: "Again" }, "Ada")).status).toBe(409);
  await ada.screenshot({ path: "screenshots/phone-tribunal-accused.png", fullPage: true });
  await room.projector.screenshot({ path: "screenshots/projector-tribunal.png" });
  await room.control.screenshot({ path: "screenshots/control-tribunal.png", fullPage: true });

  // The debrief counts accusers, never names them.
  await room.api.mustAct(room.code, "close-round");
  const debrief = await room.fac.newPage();
  await debrief.goto(`/sessions/${room.code}/debrief`);
  const tribunal = debrief.locator("#tribunal-2");
  await expect(tribunal).toContainText("charges by 3 accusers against 1 person");
  await expect(tribunal.getByTestId("debrief-tribunal")).toContainText("Sabotaged the coffee machine");
  for (const name of ["Ada", "Boris", "Dmitri", "Elena"]) await expect(tribunal).not.toContainText(name);
  await tribunal.screenshot({ path: "screenshots/debrief-tribunal.png" });
});

test("a Reduction in Force: statements in turn on the projector, moderation, votes, and those let go become observers", async ({ browser, facilitator }) => {
  test.setTimeout(150_000);
  const names = ["Ada", "Fyodor", "Galina", "Boris", "Clara", "Dmitri", "Elena"];
  const room = await setUpRoom(
    browser,
    facilitator,
    [
      { title: "Rate", prompt: "", durationSeconds: null, rules: PLAIN_RULES },
      { title: "Reduction in Force", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "rif", rif: { selection: { mode: "count", value: 2 }, statementSeconds: 180, autoAdvanceSeconds: null } },
    ],
    ["Ada", "Fyodor", "Galina"],
    ["Boris", "Clara", "Dmitri", "Elena"],
  );
  await room.api.mustAct(room.code, "open-round");
  await rateEveryone(room, names, { Ada: 5, Boris: 4, Clara: 4, Dmitri: 3, Elena: 3, Fyodor: 2, Galina: 1 });
  await room.api.mustAct(room.code, "close-round");

  // The control room opens the RIF round: Galina and Fyodor (the bottom two) are at risk.
  await room.control.getByRole("button", { name: "Open round 2" }).click();
  await expect(room.projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "statements");
  await expect(room.projector.getByTestId("projector-rif")).toContainText("2 colleagues are at risk");
  const galina = room.phones.Galina!;
  const fyodor = room.phones.Fyodor!;
  const ada = room.phones.Ada!;
  await expect(galina.getByText("You are at risk")).toBeVisible();
  await expect(ada.getByTestId("rif-waiting")).toBeVisible();
  await expect(ada.getByRole("tab", { name: "Rate" })).toHaveCount(0);
  await galina.getByLabel("Your statement").fill("I exceeded the plan in March and trained two new colleagues.");
  await galina.getByRole("button", { name: "Send statement" }).click();
  await expect(galina.getByText("Statement saved")).toBeVisible();
  await galina.screenshot({ path: "screenshots/phone-rif-at-risk.png", fullPage: true });
  await fyodor.getByLabel("Your statement").fill("Fire me and the reports stop.");
  await fyodor.getByRole("button", { name: "Send statement" }).click();
  await expect(fyodor.getByText("Statement saved")).toBeVisible();
  await expect(room.projector.getByTestId("projector-rif")).toContainText("2 of 2 statements written");
  await room.projector.screenshot({ path: "screenshots/projector-rif-statements.png" });
  // Not at risk: no statement.
  expect((await room.post("/statement", { text: "Me too" }, "Boris", "PUT")).status).toBe(403);

  // The hearing: one statement at a time, with its author's name; the facilitator hides Galina's.
  await room.control.getByRole("button", { name: "Start the hearing" }).click();
  const onScreen = room.projector.getByTestId("rif-statement");
  await expect(onScreen).toContainText("Galina");
  await expect(onScreen).toContainText("I exceeded the plan in March");
  await expect(room.projector.getByTestId("rif-progress")).toContainText("Statement 1 of 2");
  await room.projector.screenshot({ path: "screenshots/projector-rif-hearing.png" });
  await room.control.getByRole("button", { name: "Hide Galina's statement" }).click();
  await expect(room.projector.getByTestId("statement-hidden")).toBeVisible();
  await expect(onScreen).not.toContainText("I exceeded the plan");
  // Voting on Fyodor is refused until his statement has been on screen.
  expect((await room.post(`/rif-votes/${room.idOf("Fyodor")}`, { vote: "keep" }, "Boris", "PUT")).status).toBe(409);
  await room.control.getByRole("button", { name: "Next statement →" }).click();
  await expect(onScreen).toContainText("Fyodor");
  await expect(onScreen).toContainText("Fire me and the reports stop.");
  await expect(room.projector.getByTestId("rif-progress")).toContainText("Statement 2 of 2");
  await room.control.screenshot({ path: "screenshots/control-rif-hearing.png", fullPage: true });

  // Ada votes from her phone; four more vote through the API; people at risk cannot vote.
  await ada.getByRole("tab", { name: "Hearing" }).click();
  const galinaCase = ada.locator(`[data-testid="rif-case"][data-participant-id="${room.idOf("Galina")}"]`);
  await expect(galinaCase).toContainText("Statement withheld by the facilitator.");
  await galinaCase.getByRole("button", { name: "Let go" }).click();
  await expect(galinaCase.getByRole("button", { name: /Let go/ })).toHaveAttribute("aria-pressed", "true");
  const fyodorCase = ada.locator(`[data-testid="rif-case"][data-participant-id="${room.idOf("Fyodor")}"]`);
  await fyodorCase.getByRole("button", { name: "Keep" }).click();
  await expect(fyodorCase.getByRole("button", { name: /Keep/ })).toHaveAttribute("aria-pressed", "true");
  await ada.screenshot({ path: "screenshots/phone-rif-hearing.png", fullPage: true });
  // The projector counts who has voted at all (two ballots from Ada are one person), never how.
  await expect(room.projector.getByTestId("rif-turnout")).toHaveText("Vote on your phone — 1 of 5 have voted");
  const put = (who: string, target: string, vote: string) => room.post(`/rif-votes/${room.idOf(target)}`, { vote }, who, "PUT").then((r) => r.status);
  // Galina: 3 let go (Ada, Boris, Clara) vs 2 keep → let go. Fyodor: 3 keep vs 2 let go → kept.
  for (const [who, target, vote] of [
    ["Boris", "Galina", "let_go"], ["Clara", "Galina", "let_go"], ["Dmitri", "Galina", "keep"], ["Elena", "Galina", "keep"],
    ["Boris", "Fyodor", "keep"], ["Clara", "Fyodor", "let_go"], ["Dmitri", "Fyodor", "let_go"], ["Elena", "Fyodor", "keep"],
  ]) expect(await put(who!, target!, vote!)).toBe(200);
  expect((await room.post(`/rif-votes/${room.idOf("Galina")}`, { vote: "let_go" }, "Fyodor", "PUT")).status).toBe(403);
  await expect(room.projector.getByTestId("rif-turnout")).toHaveText("Vote on your phone — 5 of 5 have voted");

  room.control.once("dialog", (d) => void d.accept());
  await room.control.getByRole("button", { name: "Reveal the result" }).click();
  await expect(room.projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "revealed");
  const verdict = (name: string) => room.projector.getByTestId("projector-verdict").filter({ hasText: name });
  await expect(verdict("Galina")).toHaveAttribute("data-outcome", "let_go");
  await expect(verdict("Galina")).toContainText("2 keep · 3 let go");
  await expect(verdict("Fyodor")).toHaveAttribute("data-outcome", "kept");
  await room.projector.screenshot({ path: "screenshots/projector-rif-verdict.png" });

  // Galina is an observer now: her phone says so, she is off the board and cannot rate.
  await expect(galina.getByTestId("observer-badge")).toBeVisible();
  await expect(galina.getByTestId("observer-note")).toContainText("no longer rated or ranked");
  await galina.screenshot({ path: "screenshots/phone-rif-observer.png", fullPage: true });
  await expect.poll(async () => (await room.board()).entries.map((e) => e.displayName)).not.toContain("Galina");
  await room.api.mustAct(room.code, "close-round");
  await room.api.mustAct(room.code, "open-round");
  expect(await room.rate("Galina", "Ada", 5)).toBe(403);
  expect(await room.rate("Ada", "Galina", 5)).toBe(404);
  await expect(galina.getByRole("tab", { name: "Rate" })).toHaveCount(0);
  // No way back in under another name from the same phone.
  expect((await room.post("/participants", { displayName: "Galina Two" }, "Galina")).status).toBe(403);

  // The debrief keeps the scene: pseudonyms, statements, votes and verdicts.
  const debrief = await room.fac.newPage();
  await debrief.goto(`/sessions/${room.code}/debrief`);
  const rif = debrief.locator("#rif-2");
  await expect(rif).toContainText("1/2");
  await expect(rif.getByTestId("debrief-rif")).toContainText("Fire me and the reports stop.");
  await expect(rif.getByTestId("debrief-rif")).toContainText("hidden by the facilitator");
  await expect(rif.getByTestId("debrief-rif")).not.toContainText("Galina");
  await rif.screenshot({ path: "screenshots/debrief-rif.png" });
});

test("the production conference: a proposal passes with a majority and the next round runs under the changed rule", async ({ browser, facilitator }) => {
  test.setTimeout(150_000);
  const names = ["Ada", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina"];
  const vitality = { ...PLAIN_RULES, distribution: { preset: "vitality", bands: DISTRIBUTION_PRESETS[0]!.bands } };
  const room = await setUpRoom(
    browser,
    facilitator,
    [
      { title: "Vitality curve", prompt: "", durationSeconds: null, rules: vitality },
      { title: "Production conference", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "conference", conference: { menu: ["abolish-leaderboard", "drop-distribution", "stop-nosedive", "free-text"], thresholdPercent: null } },
      { title: "Vitality again", prompt: "", durationSeconds: null, rules: vitality },
    ],
    ["Ada", "Boris", "Clara"],
    ["Dmitri", "Elena", "Fyodor", "Galina"],
  );
  await room.api.mustAct(room.code, "open-round");
  await rateEveryone(room, names, { Ada: 5, Boris: 4, Clara: 4, Dmitri: 3, Elena: 3, Fyodor: 2, Galina: 1 });
  expect((await room.board()).rules.distribution).not.toBeNull();
  await room.api.mustAct(room.code, "close-round");
  await room.api.mustAct(room.code, "open-round");

  // Ada proposes dropping the curve; Boris supports it; Clara writes her own proposal.
  const ada = room.phones.Ada!;
  await expect(ada.getByRole("tab", { name: "Conference" })).toHaveAttribute("aria-selected", "true");
  await ada.getByRole("button", { name: "+ Drop the forced distribution" }).click();
  const dropOn = (page: Page) => page.locator('[data-testid="proposal"][data-kind="drop-distribution"]');
  await expect(dropOn(ada).getByRole("button", { name: /For/ })).toHaveAttribute("aria-pressed", "true");
  const boris = room.phones.Boris!;
  await dropOn(boris).getByRole("button", { name: "For" }).click();
  await expect(dropOn(boris).getByRole("button", { name: /For/ })).toHaveAttribute("aria-pressed", "true");
  const clara = room.phones.Clara!;
  await clara.getByLabel(/Your own proposal/).fill("Coffee for the whole brigade");
  await clara.getByRole("button", { name: "Propose", exact: true }).click();
  await expect(clara.locator('[data-testid="proposal"][data-kind="free-text"]')).toContainText("Coffee for the whole brigade");
  // Not on the menu → refused.
  expect((await room.post("/proposals", { kind: "pause-ratings" }, "Dmitri")).status).toBe(403);
  const proposals = (await (await room.fac.request.get(`/api/sessions/${room.code}/round-control`)).json()) as { conference: { needed: number; proposals: { id: string; kind: string }[] } };
  expect(proposals.conference.needed).toBe(4);
  const dropId = proposals.conference.proposals.find((p) => p.kind === "drop-distribution")!.id;
  for (const [who, vote] of [["Dmitri", "for"], ["Elena", "for"], ["Fyodor", "against"]]) {
    const r = await fetch(`${origin()}/api/sessions/${room.code}/proposals/${dropId}/vote`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${room.bots[who!]!.token}` },
      body: JSON.stringify({ vote }),
    });
    expect(r.status).toBe(200);
  }
  // While the conference runs, screens show turnout, not the split.
  await expect(room.projector.getByTestId("projector-proposal").filter({ hasText: "Drop the forced distribution" })).toContainText("5 votes cast");
  // The bar says what it measures: turnout while open.
  await expect(room.projector.getByTestId("projector-proposal").filter({ hasText: "Drop the forced distribution" }).getByTestId("proposal-bar-label")).toHaveText("Voted: 5 of 7");
  await room.control.getByRole("button", { name: "Accept" }).click();
  await expect(room.control.getByTestId("control-proposal").filter({ hasText: "Coffee" })).toContainText("you accepted it");
  await ada.screenshot({ path: "screenshots/phone-conference.png", fullPage: true });
  await room.projector.screenshot({ path: "screenshots/projector-conference.png" });

  // Closing the conference counts the votes.
  await room.control.getByRole("button", { name: "Close round" }).click();
  await expect(room.projector.getByTestId("projector-conference")).toContainText("The conference has decided");
  const drop = room.projector.getByTestId("projector-proposal").filter({ hasText: "Drop the forced distribution" });
  await expect(drop).toHaveAttribute("data-status", "passed");
  await expect(drop).toContainText("4 for · 1 against");
  await expect(drop.getByTestId("proposal-bar-label")).toHaveText("For: 4 of 4 needed");
  await room.projector.screenshot({ path: "screenshots/projector-conference-decided.png" });

  // The next round's agenda says vitality curve; the conference dropped it.
  await room.control.getByRole("button", { name: "Open round 3" }).click();
  await expect.poll(async () => (await room.board()).rules.distribution).toBeNull();
  await expect(room.projector.getByTestId("amendments-banner")).toContainText("Drop the forced distribution and the quota ballots");
  await expect(room.projector.getByTestId("amendments-banner")).toContainText("Coffee for the whole brigade");
  await expect(room.projector.getByTestId("band-legend")).toHaveCount(0);
  await expect(ada.getByTestId("amendments-banner")).toContainText("Drop the forced distribution");
  await room.projector.screenshot({ path: "screenshots/projector-after-conference.png" });
  await ada.screenshot({ path: "screenshots/phone-after-conference.png", fullPage: true });
  await room.control.screenshot({ path: "screenshots/control-after-conference.png", fullPage: true });

  // The debrief shows what the group chose.
  const debrief = await room.fac.newPage();
  await debrief.goto(`/sessions/${room.code}/debrief`);
  const conference = debrief.locator("#conference-2");
  await expect(conference).toContainText("Production conference · round 2");
  await expect(conference.getByTestId("debrief-conference")).toContainText("Drop the forced distribution and the quota ballots");
  await expect(conference).toContainText("2/2");
  await conference.screenshot({ path: "screenshots/debrief-conference.png" });
});
