// Test fixtures: each test makes its own facilitator with a unique email and
// signs in through the API (the sign-in form has its own test).
import { randomUUID } from "node:crypto";
import { test as base, expect, type APIRequestContext, type BrowserContext } from "@playwright/test";

export interface FacilitatorCredentials {
  id: string;
  name: string;
  email: string;
  password: string;
}

export function uniqueEmail(prefix = "facilitator"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.test`;
}

export async function createFacilitator(request: APIRequestContext, name = "Test Facilitator"): Promise<FacilitatorCredentials> {
  const email = uniqueEmail();
  const password = `pw-${randomUUID()}`;
  const response = await request.post("/api/facilitators", { data: { name, email, password } });
  expect(response.status(), await response.text()).toBe(201);
  const { facilitator } = (await response.json()) as { facilitator: { id: string } };
  return { id: facilitator.id, name, email, password };
}

/** Signs a browser context in through next-auth's credentials endpoint, as the form does. */
export async function signInViaApi(context: BrowserContext, creds: { email: string; password: string }): Promise<void> {
  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: creds.email, password: creds.password, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const session = await (await context.request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(creds.email);
}

export const test = base.extend<{ facilitator: FacilitatorCredentials }>({
  facilitator: async ({ request }, use) => {
    await use(await createFacilitator(request));
  },
});

export { expect };
