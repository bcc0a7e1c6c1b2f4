// Moderation: the facilitator withholds an anonymous free-text charge and a free-text proposal.
// Their words leave the projector, every phone (the accused's too), the debrief and the exports;
// the charge still counts, the proposal takes no votes and cannot pass.
import { expect, test } from "./support/fixtures";
import { setUpRoom } from "./support/room";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

const SLUR = "Smells of cabbage and treason";
const PROPOSAL = "Sack Ada before lunch";
const WITHHELD_CHARGE = "Charge withheld by the facilitator";
const WITHHELD_PROPOSAL = "Proposal withheld by the facilitator";

test("the facilitator withholds a charge and a proposal from every screen, the debrief and the exports", async ({ browser, facilitator }) => {
  test.setTimeout(150_000);
  const room = await setUpRoom(
    browser,
    facilitator,
    [
      { title: "The tribunal", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "tribunal", tribunal: { penalty: 0.25, cap: 1, reward: 0, charges: ["Lack of enthusiasm", "Failed to meet the plan"] } },
      { title: "Production conference", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "conference", conference: { menu: ["stop-nosedive", "free-text"], thresholdPercent: null } },
    ],
    ["Ada"],
    ["Boris", "Clara", "Dmitri", "Elena"],
  );
  const ada = room.phones.Ada!;
  await room.api.mustAct(room.code, "open-round");

  // Two charges against Ada, one of them an insult in free text.
  expect((await room.post("/denunciations", { accusedId: room.idOf("Ada"), charge: SLUR }, "Boris")).status).toBe(201);
  expect((await room.post("/denunciations", { accusedId: room.idOf("Ada"), charge: "Lack of enthusiasm" }, "Clara")).status).toBe(201);
  const feedItem = room.projector.getByTestId("projector-feed-item").filter({ hasText: "Ada" });
  await expect(feedItem).toContainText(SLUR);

  // The control room withholds it; the projector and Ada's phone lose the words, not the count.
  await room.control.getByRole("button", { name: `Withhold the charge “${SLUR}” against Ada` }).click();
  await expect(room.control.getByRole("button", { name: `Show again the charge “${SLUR}” against Ada` })).toBeVisible();
  await expect(feedItem).toContainText(WITHHELD_CHARGE);
  await expect(feedItem).not.toContainText(SLUR);
  await expect(feedItem).toContainText("2 accusers");
  await ada.getByRole("tab", { name: "Tribunal" }).click();
  const mine = ada.getByTestId("charges-against-me");
  await expect(mine).toContainText(WITHHELD_CHARGE);
  await expect(mine).not.toContainText(SLUR);
  // Someone repeating the withheld words does not bring them back.
  expect((await room.post("/denunciations", { accusedId: room.idOf("Ada"), charge: SLUR }, "Dmitri")).status).toBe(201);
  await expect(feedItem).toContainText("3 accusers");
  await expect(feedItem).toContainText(`${WITHHELD_CHARGE} ×2`);
  await expect(feedItem).not.toContainText(SLUR);
  // The control room keeps the words (struck through) so the facilitator can show them again.
  await expect(room.control.getByTestId("control-charge").filter({ hasText: SLUR })).toContainText("withheld from the room");
  await room.projector.screenshot({ path: "screenshots/projector-tribunal-withheld.png" });
  await room.control.screenshot({ path: "screenshots/control-tribunal-moderation.png", fullPage: true });

  // The conference: a proposal about a colleague is withheld and cannot be voted on or pass.
  await room.api.mustAct(room.code, "close-round");
  await room.api.mustAct(room.code, "open-round");
  const proposed = await room.post("/proposals", { kind: "free-text", text: PROPOSAL }, "Boris");
  expect(proposed.status).toBe(201);
  const proposalId = (proposed.body as { proposalId: string }).proposalId;
  const card = room.control.getByTestId("control-proposal").filter({ hasText: PROPOSAL });
  await card.getByRole("button", { name: "Accept" }).click();
  await expect(card).toContainText("you accepted it");
  await card.getByRole("button", { name: `Withhold the proposal “${PROPOSAL}”` }).click();
  await expect(card).toContainText("withheld from the room");
  const onProjector = room.projector.getByTestId("projector-proposal");
  await expect(onProjector).toHaveCount(1);
  await expect(onProjector).toContainText(WITHHELD_PROPOSAL);
  await expect(room.projector.getByTestId("projector-conference")).not.toContainText(PROPOSAL);
  const onPhone = ada.locator('[data-testid="proposal"][data-kind="free-text"]');
  await expect(onPhone).toContainText(WITHHELD_PROPOSAL);
  await expect(onPhone.getByRole("button", { name: "For" })).toHaveCount(0);
  const vote = await room.post(`/proposals/${proposalId}/vote`, { vote: "for" }, "Clara", "PUT");
  expect(vote.status).toBe(409);
  expect(vote.body).toMatchObject({ error: { code: "conflict", message: expect.stringContaining("withheld") } });
  await ada.screenshot({ path: "screenshots/phone-conference-withheld.png", fullPage: true });

  // Accepted but withheld: it does not pass.
  await room.api.mustAct(room.code, "close-round");
  await expect(onProjector).toHaveAttribute("data-status", "failed");

  // The debrief and its exports never saw the words.
  await room.api.mustAct(room.code, "end");
  const debrief = await room.fac.newPage();
  await debrief.goto(`/sessions/${room.code}/debrief`);
  await expect(debrief.locator("#tribunal-1")).toContainText(WITHHELD_CHARGE);
  await expect(debrief.locator("#conference-2")).toContainText(WITHHELD_PROPOSAL);
  const page = await debrief.content();
  expect(page).not.toContain(SLUR);
  expect(page).not.toContain(PROPOSAL);
  for (const file of ["scenes.csv", "scenes.json"]) {
    const r = await room.fac.request.get(`/api/sessions/${room.code}/export/${file}`);
    expect(r.status()).toBe(200);
    const text = await r.text();
    expect(text).toContain(WITHHELD_CHARGE);
    expect(text).not.toContain(SLUR);
    expect(text).not.toContain(PROPOSAL);
  }
});
