// A room for the interactive-round specs: a session with an agenda, participants on phones
// (390×844) and through the API, the projector and the control room in the facilitator's context.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { FacilitatorApi, joinViaApi, type ApiParticipant } from "./api";
import { expect, signInViaApi, type FacilitatorCredentials } from "./fixtures";
import { serverInfo } from "./server";

export type Entry = { displayName: string; participantId: string; score: number | null; rank: number | null };
export const origin = () => serverInfo().baseURL;
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export interface Room {
  code: string;
  fac: BrowserContext;
  api: FacilitatorApi;
  phones: Record<string, Page>;
  bots: Record<string, ApiParticipant>;
  idOf: (name: string) => string;
  projector: Page;
  control: Page;
  /** Rates through the phone's cookie or the bot's token. */
  rate: (rater: string, target: string, score: number) => Promise<number>;
  board: () => Promise<{ entries: Entry[]; rules: { distribution: unknown; labels: string[] } }>;
  post: (path: string, data: unknown, as: string, method?: string) => Promise<{ status: number; body: unknown }>;
}

export async function setUpRoom(browser: Browser, facilitator: FacilitatorCredentials, agenda: unknown[], phoneNames: string[], botNames: string[]): Promise<Room> {
  const fac = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await signInViaApi(fac, facilitator);
  const created = await fac.request.post("/api/sessions", { headers: { Origin: origin() }, data: { title: "The essay, live", dimensions: ["Talent"], k: 2, agenda } });
  expect(created.status(), await created.text()).toBe(201);
  const code = ((await created.json()) as { session: { code: string } }).session.code;
  const phones: Record<string, Page> = {};
  for (const name of phoneNames) {
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`/s/${code}`);
    await page.getByLabel("Your display name").fill(name);
    await page.getByRole("button", { name: "Join the session" }).click();
    await expect(page.getByTestId("my-name")).toHaveText(name);
    phones[name] = page;
  }
  const bots: Record<string, ApiParticipant> = {};
  for (const name of botNames) bots[name] = await joinViaApi(code, name);
  const list = (await (await fac.request.get(`/api/sessions/${code}/participants`)).json()) as { id: string; displayName: string }[];
  const idOf = (name: string) => list.find((p) => p.displayName === name)!.id;
  const projector = await fac.newPage();
  await projector.goto(`/s/${code}/screen`);
  const control = await fac.newPage();
  await control.goto(`/sessions/${code}`);
  const post = async (path: string, data: unknown, as: string, method = "POST") => {
    if (phones[as]) {
      const r = await phones[as]!.request.fetch(`/api/sessions/${code}${path}`, { method, data, headers: { Origin: origin() } });
      return { status: r.status(), body: await r.json().catch(() => null) };
    }
    const r = await fetch(`${origin()}/api/sessions/${code}${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${bots[as]!.token}` },
      body: JSON.stringify(data),
    });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
  return {
    code,
    fac,
    api: FacilitatorApi.of(fac),
    phones,
    bots,
    idOf,
    projector,
    control,
    rate: async (rater, target, score) => (await post(`/ratings/${idOf(target)}`, { scores: { talent: score } }, rater, "PUT")).status,
    board: async () => (await (await fac.request.get(`/api/sessions/${code}/leaderboard`)).json()) as Awaited<ReturnType<Room["board"]>>,
    post: (path, data, as, method = "POST") => post(path, data, as, method),
  };
}

/** Everyone rates everyone by a fixed table of "deserved" scores; waits for the snapshot that holds it all. */
export async function rateEveryone(room: Room, names: string[], deserved: Record<string, number>) {
  for (const rater of names) for (const target of names) if (rater !== target) expect(await room.rate(rater, target, deserved[target]!)).toBe(200);
  await expect.poll(async () => (await room.board()).entries.filter((e) => e.score !== null).length, { timeout: 10_000 }).toBe(names.length);
}

export const byName = (entries: Entry[], name: string) => entries.find((e) => e.displayName === name);
