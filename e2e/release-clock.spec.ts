// The release clock, black-box against the production build (docs/decisions/0011):
// with k = 3 and a public score, one quiet rating moves nothing on the projector
// or on the target's phone; a second new rater moves it within one release period.
import { FacilitatorApi, getJson, joinViaApi, rateViaApi, sendJson } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";

test("one quiet rating never moves a public score; a second new rater moves it within one release period", async ({ browser, facilitator }) => {
  test.setTimeout(90_000);
  const facContext = await browser.newContext();
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const session = await fac.createSession({ title: "Release clock", dimensions: ["Talent", "Potential"], k: 3 });
  const code = session.code;
  const [ana, boris, chen, dmitri, elena, fyodor] = await Promise.all(["Ana", "Boris", "Chen", "Dmitri", "Elena", "Fyodor"].map((n) => joinViaApi(code, n)));
  await fac.mustAct(code, "open-round");
  const all = (score: number) => Object.fromEntries(session.dimensions.map((d) => [d.key, score]));
  for (const rater of [boris!, chen!, dmitri!]) expect((await rateViaApi(code, rater, ana!.id, all(2))).status).toBe(200);

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${code}/screen`);
  const anaRow = projector.locator(`[data-testid="board-row"][data-participant-id="${ana!.id}"]`);
  const anaScoreOnPhone = async () => ((await getJson(`/api/sessions/${code}/me`, ana!.token)).body as { score: number | null }).score;
  // Three raters: released within one period (2–3 s by default).
  await expect(anaRow).toContainText("2.00", { timeout: 8_000 });
  await expect.poll(anaScoreOnPhone).toBe(2);

  // The room goes quiet; one more colleague gives Ana 5 everywhere.
  expect((await rateViaApi(code, elena!, ana!.id, all(5))).status).toBe(200);
  const quietUntil = Date.now() + 10_000;
  while (Date.now() < quietUntil) {
    await expect(anaRow).toContainText("2.00");
    expect(await anaScoreOnPhone()).toBe(2);
    await projector.waitForTimeout(500);
  }

  // A second new rater: both show within one release period (≤ 3 s) plus 2 s.
  expect((await rateViaApi(code, fyodor!, ana!.id, all(5))).status).toBe(200);
  const expected = ((3 * 2 + 5 + 5) / 5).toFixed(2);
  await expect(anaRow).toContainText(expected, { timeout: 5_000 });
  await expect.poll(anaScoreOnPhone, { timeout: 5_000 }).toBeCloseTo(3.2, 2);

  // Closing the round releases everything at once, however few raters.
  expect((await rateViaApi(code, boris!, fyodor!.id, all(4))).status).toBe(200);
  await fac.mustAct(code, "close-round");
  const board = (await getJson(`/api/sessions/${code}/leaderboard`)).body as { entries: { participantId: string; score: number | null }[] };
  // One rater is below k: still no score, but the rating counts toward the closed round.
  expect(board.entries.find((e) => e.participantId === fyodor!.id)?.score).toBeNull();
  await facContext.close();
  await projectorContext.close();
});

test("joining closes when the first round opens; someone let in during a round takes part from the next", async ({ browser, facilitator }) => {
  const facContext = await browser.newContext();
  await signInViaApi(facContext, facilitator);
  const fac = FacilitatorApi.of(facContext);
  const session = await fac.createSession({ title: "Late joiners", dimensions: ["Talent"], k: 2 });
  const code = session.code;
  const [ana, boris] = await Promise.all(["Ana", "Boris"].map((n) => joinViaApi(code, n)));
  await fac.mustAct(code, "open-round");
  const refused = await sendJson("POST", `/api/sessions/${code}/participants`, { displayName: "Sybil" }, "");
  expect(refused.status).toBe(403);
  const join = await getJson(`/api/sessions/${code}`);
  expect((join.body as { joiningOpen: boolean }).joiningOpen).toBe(false);
  await fac.mustAct(code, "open-joining");
  const late = await joinViaApi(code, "Chen");
  const rating = await rateViaApi(code, late, ana!.id, { talent: 5 });
  expect(rating.status).toBe(403);
  expect(((await rating.json()) as { error: { message: string } }).error.message).toMatch(/joined during this round/);
  // Others may rate the newcomer; the control room marks them.
  expect((await rateViaApi(code, boris!, late.id, { talent: 3 })).status).toBe(200);
  const control = await facContext.newPage();
  await control.goto(`/sessions/${code}`);
  await expect(control.locator(`[data-testid="control-participant"][data-participant-name="Chen"]`).getByTestId("joined-during")).toHaveText("joined in round 1");
  await expect(control.getByTestId("late-join-warning")).toBeVisible();
  // Per-person counts wait for the round's close.
  await expect(control.locator(`[data-testid="control-participant"][data-participant-name="Boris"]`).getByTestId("rated-count")).toContainText("–");
  await fac.mustAct(code, "close-round");
  await fac.mustAct(code, "open-round");
  expect((await rateViaApi(code, late, ana!.id, { talent: 5 })).status).toBe(200);
  await facContext.close();
});
