// Thin API clients for the e2e suite: a facilitator acting through the
// signed-in browser context (cookie + same-origin header), and participants
// acting with their bearer tokens, as bots and scripts do.
import { expect, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { serverInfo } from "./server";

export interface SessionInfo {
  code: string;
  title: string;
  joinUrl: string;
  dimensions: { key: string; label: string }[];
}

export interface ApiParticipant {
  id: string;
  displayName: string;
  token: string;
  rejoinCode: string;
}

const origin = () => serverInfo().baseURL;

export class FacilitatorApi {
  constructor(private readonly request: APIRequestContext) {}

  static of(context: BrowserContext): FacilitatorApi {
    return new FacilitatorApi(context.request);
  }

  async createSession(body: { title: string; dimensions?: string[]; k?: number; language?: string }): Promise<SessionInfo> {
    const response = await this.request.post("/api/sessions", { data: body, headers: { Origin: origin() } });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { session: SessionInfo }).session;
  }

  async act(code: string, action: string, durationSeconds?: number) {
    const response = await this.request.post(`/api/sessions/${code}/actions`, {
      data: { action, ...(durationSeconds ? { durationSeconds } : {}) },
      headers: { Origin: origin() },
    });
    return response;
  }

  async mustAct(code: string, action: string, durationSeconds?: number) {
    const response = await this.act(code, action, durationSeconds);
    expect(response.status(), await response.text()).toBe(200);
    return response.json();
  }

  async remove(code: string, participantId: string, ban = false) {
    const response = await this.request.delete(`/api/sessions/${code}/participants/${participantId}${ban ? "?ban=true" : ""}`, {
      headers: { Origin: origin() },
    });
    expect(response.status(), await response.text()).toBe(200);
  }
}

/**
 * fetch, sent once more when a kept-alive socket was closed by the server just as it was reused
 * (after a 413 cut a body short, say; undici does not resend a POST itself). A server that is
 * really down still fails.
 */
export async function fetchResend(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") throw error;
    return fetch(url, init);
  }
}

export async function joinViaApi(code: string, displayName: string): Promise<ApiParticipant> {
  const response = await fetchResend(`${origin()}/api/sessions/${code}/participants`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ displayName }),
  });
  const body = (await response.json()) as { participant: { id: string; displayName: string }; token: string; rejoinCode: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return { ...body.participant, token: body.token, rejoinCode: body.rejoinCode };
}

export async function rateViaApi(code: string, rater: { token: string }, targetId: string, scores: Record<string, number>) {
  return fetch(`${origin()}/api/sessions/${code}/ratings/${targetId}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${rater.token}` },
    body: JSON.stringify({ scores }),
  });
}

export async function getJson(path: string, token?: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${origin()}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body, text };
}

/** Reads an SSE stream for `ms` milliseconds and returns the parsed events. */
export async function readEvents(path: string, ms: number, token?: string): Promise<{ event: string; id: string; data: unknown; raw: string }[]> {
  const controller = new AbortController();
  const response = await fetch(`${origin()}${path}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    signal: controller.signal,
  });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted: the time is up
  } finally {
    clearTimeout(timer);
  }
  return buffer
    .split("\n\n")
    .filter((frame) => frame.includes("event:"))
    .map((frame) => {
      const line = (name: string) => frame.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
      const raw = line("data");
      return { event: line("event"), id: line("id"), data: JSON.parse(raw) as unknown, raw };
    });
}

/** A JSON write (PUT, POST) as a participant with their bearer token, e.g. the reflection or the self-rating. */
export async function sendJson(method: "PUT" | "POST", path: string, body: unknown, token: string): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${origin()}${path}`, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text };
}
