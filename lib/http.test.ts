import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HTTP_METHODS, isJsonContentType, otherMethods, readJson, readTextCapped } from "./http";
import { assertNotCrossSite } from "./auth/participant";

describe("isJsonContentType", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON", true],
    ["application/json; charset=utf-8", true],
    ['application/json;charset="UTF-8"', true],
    [null, false],
    ["", false],
    ["text/plain; application/json", false],
    ["text/plain;application/json", false],
    ["application/jsonp", false],
    ["application/json-patch+json", false],
    ["application/json; charset=latin1", false],
    ["application/json; boundary=x", false],
    ["multipart/form-data; boundary=application/json", false],
  ])("%s → %s", (header, expected) => {
    expect(isJsonContentType(header)).toBe(expected);
  });
});

function chunked(chunks: number, size: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= chunks) return controller.close();
      sent += 1;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return new Request("http://localhost/x", { method: "POST", body, duplex: "half", headers: { "content-type": "application/json" } } as RequestInit);
}

describe("readTextCapped", () => {
  it("refuses a chunked body past the cap without reading it all", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const request = new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readTextCapped(request, 64 * 1024)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled).toBeLessThan(10); // an endless stream stops at the cap
  });

  it("reads a body under the cap", async () => {
    expect((await readTextCapped(chunked(2, 10), 64)).length).toBe(20);
  });

  it("refuses a declared Content-Length over the cap", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: "{}", headers: { "content-length": "999999" } });
    await expect(readTextCapped(request, 1024)).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("refuses invalid UTF-8 as a bad request", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: new Uint8Array([0x7b, 0xff, 0x7d]) });
    await expect(readTextCapped(request)).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("readJson", () => {
  const schema = z.object({ a: z.number() });
  const post = (body: string, type: string) => new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": type } });
  it("415 for a disguised simple request", async () => {
    await expect(readJson(post('{"a":1}', "text/plain; application/json"), schema)).rejects.toMatchObject({ code: "unsupported_media_type" });
  });
  it("parses and validates JSON", async () => {
    await expect(readJson(post('{"a":1}', "application/json"), schema)).resolves.toEqual({ a: 1 });
    await expect(readJson(post("{", "application/json"), schema)).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("assertNotCrossSite (join, rejoin)", () => {
  const req = (headers: Record<string, string>) => new Request("http://app.test/api/sessions/ABCDEF/participants", { method: "POST", headers: { host: "app.test", ...headers } });
  it.each([
    ["a script (no Origin)", {}, true],
    ["the app itself", { origin: "http://app.test", "sec-fetch-site": "same-origin" }, true],
    ["a foreign Origin", { origin: "https://evil.example" }, false],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }, false],
    ["a null Origin (sandboxed frame)", { origin: "null" }, false],
  ])("%s", (_label, headers, allowed) => {
    const run = () => assertNotCrossSite(req(headers));
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: "forbidden" }));
  });
});

describe("methods a route does not have", () => {
  it("answer a JSON 405 naming the allowed methods, not Next's empty 405", async () => {
    const { POST, DELETE } = otherMethods("GET", "PATCH");
    const response = await POST(new Request("http://x/api/sessions/ABCDEF", { method: "POST" }), undefined);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PATCH, HEAD");
    expect(await response.json()).toEqual({ error: { code: "method_not_allowed", message: "POST is not allowed here; this path answers GET, PATCH, HEAD." } });
    expect((await DELETE(new Request("http://x/", { method: "DELETE" }), undefined)).status).toBe(405);
  });

  it("every API route file answers all five methods: its own handlers, the rest through otherMethods", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") files.push(full);
      }
    };
    walk("app/api");
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      const own = [...source.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b|as (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? m[2]);
      const other = source.match(/export const \{ ([A-Z, ]+) \} = otherMethods\(/)?.[1]?.split(", ") ?? [];
      expect([...own, ...other].sort(), file).toEqual([...HTTP_METHODS].sort());
    }
  });
});
