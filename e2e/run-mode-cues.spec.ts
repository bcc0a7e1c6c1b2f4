// Issue 15, item 11 and the room-answer cues: while the room answers the reflection, the projector says
// "Answer on your phone — 1 of 3" and the control room counts the answers (room level, never who); an edit
// does not count twice. During a rating round the projector shows no count of raters (decision 0020).
import { FacilitatorApi, joinViaApi, sendJson, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import { REFLECTION_ITEMS } from "../lib/domain/reflection";

test("the reflection cue: a room-level count of answers on the projector and in the control room", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(context, facilitator);
  const created = await context.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: { title: "Cues", dimensions: ["Talent"], k: 2 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const fac = FacilitatorApi.of(context);
  const people: ApiParticipant[] = [];
  for (const name of ["Ada", "Boris", "Clara"]) people.push(await joinViaApi(code, name));

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await projectorContext.newPage();
  await projector.goto(`/s/${code}/screen`);
  const control = await context.newPage();
  await control.goto(`/sessions/${code}`);

  // A rating round: no answer count on the projector.
  await fac.mustAct(code, "open-round");
  await expect(projector.getByTestId("phase-status")).toContainText("rate your colleagues");
  await expect(projector.getByTestId("room-cue")).toHaveCount(0);
  await fac.mustAct(code, "close-round");

  const open = await context.request.post(`/api/sessions/${code}/reflection`, { data: { open: true }, headers: { Origin: serverInfo().baseURL } });
  expect(open.status()).toBe(200);
  const cue = projector.getByTestId("room-cue");
  await expect(cue).toHaveText(/^Answer on your phone —\s*0 of 3$/);
  await expect(control.getByTestId("counter-reflections")).toContainText("0 of 3");

  const answers = Object.fromEntries(REFLECTION_ITEMS.map((item) => [item.key, 3]));
  expect((await sendJson("PUT", `/api/sessions/${code}/reflection/mine`, { answers, text: "" }, people[0]!.token)).status).toBe(200);
  await expect(cue).toHaveText(/^Answer on your phone —\s*1 of 3$/);
  await expect(control.getByTestId("counter-reflections")).toContainText("1 of 3");
  // Changing one's answers is not a second answer.
  expect((await sendJson("PUT", `/api/sessions/${code}/reflection/mine`, { answers, text: "Changed my mind." }, people[0]!.token)).status).toBe(200);
  expect((await sendJson("PUT", `/api/sessions/${code}/reflection/mine`, { answers, text: "" }, people[1]!.token)).status).toBe(200);
  await expect(cue).toHaveText(/^Answer on your phone —\s*2 of 3$/);
  await expect(control.getByTestId("counter-reflections")).toContainText("2 of 3");
  await projector.screenshot({ path: "screenshots/runmode-1920-reflection-cue.png" });
  await control.screenshot({ path: "screenshots/runmode-1280-reflection-counter.png" });

  // Closing the reflection takes the cue away.
  await context.request.post(`/api/sessions/${code}/reflection`, { data: { open: false }, headers: { Origin: serverInfo().baseURL } });
  await expect(cue).toHaveCount(0);
  await projectorContext.close();
  await context.close();
});
