import { describe, expect, it } from "vitest";
import { guardAuthRequest, shapeAuthResponse } from "./nextauth-guard";

const post = (body: string, type: string) => new Request("http://localhost/api/auth/session", { method: "POST", body, headers: { "content-type": type } });

describe("guardAuthRequest", () => {
  it.each([
    ["{", "application/json", "bad_request"],
    ["[1]", "application/json", "bad_request"],
    ["null", "application/json", "bad_request"],
    ["x", "text/plain", "unsupported_media_type"],
    ["{}", "text/plain; application/json", "unsupported_media_type"],
    ["a=" + "x".repeat(9000), "application/x-www-form-urlencoded", "payload_too_large"],
  ])("%j as %s → %s", async (body, type, code) => {
    await expect(guardAuthRequest(post(body, type))).rejects.toMatchObject({ code });
  });

  it("a GET of the credentials callback is a bad request (next-auth would answer 500)", async () => {
    await expect(guardAuthRequest(new Request("http://localhost/api/auth/callback/credentials"))).rejects.toMatchObject({ code: "bad_request" });
    const other = new Request("http://localhost/api/auth/csrf");
    await expect(guardAuthRequest(other)).resolves.toBe(other);
  });

  it("passes a form and a JSON object on, body intact", async () => {
    const form = await guardAuthRequest(post("csrfToken=abc&email=a%40b.c", "application/x-www-form-urlencoded"));
    expect(await form.text()).toBe("csrfToken=abc&email=a%40b.c");
    const json = await guardAuthRequest(post('{"csrfToken":"abc"}', "application/json"));
    expect(await json.json()).toEqual({ csrfToken: "abc" });
  });
});

describe("shapeAuthResponse", () => {
  it("turns next-auth's text refusal into the error shape, keeping its cookies", async () => {
    const raw = new Response("[object Object]", { status: 400, headers: { "content-type": "text/plain", "set-cookie": "next-auth.csrf-token=x; Path=/" } });
    const shaped = shapeAuthResponse(raw);
    expect(shaped.status).toBe(400);
    expect((await shaped.json()).error.code).toBe("bad_request");
    expect(shaped.headers.getSetCookie()).toEqual(["next-auth.csrf-token=x; Path=/"]);
  });
  it("leaves redirects and JSON answers alone", () => {
    const redirect = new Response(null, { status: 302, headers: { location: "/" } });
    expect(shapeAuthResponse(redirect)).toBe(redirect);
    const jsonAnswer = new Response("{}", { status: 401, headers: { "content-type": "application/json" } });
    expect(shapeAuthResponse(jsonAnswer)).toBe(jsonAnswer);
  });
});
