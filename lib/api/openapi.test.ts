import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS, openApiDocument } from "./openapi";
import * as schemas from "./schemas";

const API_DIR = path.join(import.meta.dirname, "..", "..", "app", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

interface RouteFile {
  /** OpenAPI path template: [code] → {code}, [...nextauth] → {nextauth}. */
  path: string;
  methods: string[];
  /** Names passed to readJson(request, NAME) in the file. */
  bodySchemas: string[];
  /** How many readJson calls the file makes (an inline schema is one that bodySchemas misses). */
  readJsonCalls: number;
  file: string;
}

/** Every route.ts under app/api, with the HTTP methods it exports. */
function routeFiles(dir = API_DIR): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routeFiles(full));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const methods = new Set<string>();
      for (const m of source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)) methods.add(m[1]!);
      for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
        for (const part of m[1]!.split(",")) methods.add(part.trim().split(/\s+as\s+/).pop()!.trim());
      }
      const relative = path.relative(API_DIR, path.dirname(full)).split(path.sep).join("/");
      found.push({
        file: path.relative(path.join(API_DIR, "..", ".."), full),
        path: "/api/" + relative.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}"),
        methods: [...methods].filter((m) => (METHODS as readonly string[]).includes(m)).sort(),
        bodySchemas: [...source.matchAll(/readJson\(\s*request\s*,\s*(\w+)\s*\)/g)].map((m) => m[1]!),
        readJsonCalls: [...source.matchAll(/readJson\(/g)].length,
      });
    }
  }
  return found;
}

describe("OpenAPI document", () => {
  const routes = routeFiles();
  const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown> }>> };

  it("finds the routes (sanity check of the folder walk)", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.find((r) => r.path === "/api/auth/{nextauth}")?.methods).toEqual(["GET", "POST"]);
    expect(routes.find((r) => r.path === "/api/health")?.methods).toEqual(["GET"]);
    expect(routes.find((r) => r.path === "/api/sessions/{code}/participants/{id}")?.methods).toEqual(["DELETE", "PATCH"]);
  });

  it("is OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
  });

  it.each(routes.map((r) => [r.path, r] as const))("documents %s with exactly its exported methods", (p, route) => {
    const documented = Object.keys(doc.paths[p] ?? {}).map((m) => m.toUpperCase()).sort();
    expect(documented, `${route.file} exports ${route.methods.join(", ")}`).toEqual(route.methods);
  });

  it("documents no path that has no route file", () => {
    const real = new Set(routes.map((r) => r.path));
    expect(Object.keys(doc.paths).filter((p) => !real.has(p))).toEqual([]);
  });

  it.each(routes.filter((r) => r.readJsonCalls > 0).map((r) => [r.path, r] as const))("%s: the registered body is the schema the handler validates with", (p, route) => {
    const registry = schemas as Record<string, unknown>;
    expect(route.bodySchemas.length, `${route.file} must pass a named schema from lib/api/schemas.ts to readJson, not an inline one`).toBe(route.readJsonCalls);
    for (const name of route.bodySchemas) {
      expect(registry[name], `${route.file} must read its body with a schema exported from lib/api/schemas.ts, not ${name}`).toBeDefined();
      const op = API_OPERATIONS.find((o) => o.path === p && o.body === registry[name]);
      expect(op, `${name} is registered for ${p} in lib/api/openapi.ts`).toBeDefined();
      expect(doc.paths[p]![op!.method.toLowerCase()]!.requestBody).toBeDefined();
    }
  });

  it("describes bodies as JSON Schema from the zod schemas (limits included)", () => {
    const body = (doc.paths["/api/sessions/{code}/ratings/{targetId}"]!.put!.requestBody as { content: Record<string, { schema: Record<string, unknown> }> }).content["application/json"]!.schema;
    expect(body).toMatchObject({ type: "object", required: ["scores"], properties: { scores: { type: "object", additionalProperties: { type: "number" } } } });
    const signUp = (doc.paths["/api/facilitators"]!.post!.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown> } }> }).content["application/json"]!.schema;
    expect(signUp.properties.password).toMatchObject({ type: "string", minLength: 10 });
    const control = (doc.paths["/api/sessions/{code}/round-control"]!.post!.requestBody as { content: Record<string, { schema: { oneOf?: unknown[]; anyOf?: unknown[] } }> }).content["application/json"]!.schema;
    expect((control.oneOf ?? control.anyOf)?.length).toBe(11);
  });

  it("gives every operation an error response and a unique operationId", () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.responses.default, `${method} ${p}`).toBeDefined();
        const id = op.operationId;
        expect(ids.has(id), id).toBe(false);
        ids.add(id);
      }
    }
  });
});
