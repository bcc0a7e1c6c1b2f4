// Issue 15, item 9: starting a Reduction in Force hearing while statements are missing warns first (a note in
// the control room and a confirmation); declining keeps the statements stage, accepting starts the hearing.
import { FacilitatorApi, joinViaApi, rateViaApi, sendJson, type ApiParticipant } from "./support/api";
import { expect, signInViaApi, test } from "./support/fixtures";
import { serverInfo } from "./support/server";
import { PLAIN_RULES } from "../lib/domain/rules/ruleset";

test("the RIF hearing warns before it starts with a statement missing", async ({ browser, facilitator }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await signInViaApi(context, facilitator);
  const created = await context.request.post("/api/sessions", {
    headers: { Origin: serverInfo().baseURL },
    data: {
      title: "Hearing warning",
      dimensions: ["Talent"],
      k: 2,
      agenda: [
        { title: "Rate", prompt: "", durationSeconds: null, rules: PLAIN_RULES },
        { title: "Cut", prompt: "", durationSeconds: null, rules: PLAIN_RULES, kind: "rif", rif: { selection: { mode: "count", value: 2 }, statementSeconds: 300, autoAdvanceSeconds: null } },
      ],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const session = ((await created.json()) as { session: { code: string; dimensions: { key: string }[] } }).session;
  const code = session.code;
  const key = session.dimensions[0]!.key;
  const fac = FacilitatorApi.of(context);
  const people: ApiParticipant[] = [];
  const merit: Record<string, number> = { Ada: 5, Boris: 4, Clara: 3, Dmitri: 2, Elena: 1 };
  for (const name of Object.keys(merit)) people.push(await joinViaApi(code, name));
  await fac.mustAct(code, "open-round");
  for (const rater of people) for (const target of people) if (target.id !== rater.id) expect((await rateViaApi(code, rater, target.id, { [key]: merit[target.displayName]! })).status).toBe(200);
  await fac.mustAct(code, "close-round");
  await fac.mustAct(code, "open-round");

  const control = await context.newPage();
  await control.goto(`/sessions/${code}`);
  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await projector.goto(`/s/${code}/screen`);
  await expect(projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "statements");

  // Dmitri and Elena are at risk; only Dmitri writes a statement.
  const dmitri = people.find((p) => p.displayName === "Dmitri")!;
  expect((await sendJson("PUT", `/api/sessions/${code}/statement`, { text: "I wrote the onboarding guide." }, dmitri.token)).status).toBe(200);
  const warning = control.getByTestId("rif-missing-warning");
  await expect(warning).toContainText("1 of 2 statements not written yet");
  await expect(warning).toContainText("starting now shows “No statement” for that person");
  await control.screenshot({ path: "screenshots/runmode-1280-hearing-warning.png" });

  // Declining the confirmation keeps the statements stage on every screen.
  let asked = "";
  control.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await control.getByRole("button", { name: "Start the hearing" }).click();
  await expect.poll(() => asked).toContain("1 of 2 statements are not written yet");
  expect(asked).toContain("Start the hearing anyway?");
  await control.waitForTimeout(1_000);
  await expect(control.getByTestId("rif-stage")).toContainText("Statements: 1 of 2 written");
  await expect(projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "statements");

  // Accepting starts it.
  control.once("dialog", (dialog) => void dialog.accept());
  await control.getByRole("button", { name: "Start the hearing" }).click();
  await expect(projector.getByTestId("projector-rif")).toHaveAttribute("data-stage", "hearing");
  await expect(control.getByTestId("rif-stage")).toContainText("Hearing: statement 1 of 2");
  await projector.context().close();
  await context.close();
});
