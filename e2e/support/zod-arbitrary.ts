// fast-check arbitraries from the routes' own zod schemas (through zod's JSON
// Schema export): values that mostly pass validation, so requests reach the
// domain logic behind it, mixed with near misses and arbitrary JSON.
import fc from "fast-check";
import { z } from "zod";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Strings a hostile client would send: unicode of every kind, control and bidi characters, markup. */
const nastyString = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength: Math.min(maxLength, 80), unit: "grapheme" }),
    fc.string({ maxLength: Math.min(maxLength, 80), unit: "binary" }),
    fc.constantFrom("", " ", "\u202eevil", "\u0000", "<script>alert(1)</script>", "%E0%A4%A", "../../etc/passwd", "'; DROP TABLE x; --", "🙂".repeat(30), "a\u0301\u0301\u0301"),
  );

function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => fromSchema(s, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0]!, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object": {
      const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
      if (Object.keys(props).length > 0) return fc.record(props, { requiredKeys: schema.required?.filter((k) => k in props) ?? [] });
      const values = typeof schema.additionalProperties === "object" ? fromSchema(schema.additionalProperties, depth + 1) : fc.jsonValue({ maxDepth: 2 });
      return fc.dictionary(fc.string({ maxLength: 12 }), values, { maxKeys: 8 });
    }
    case "array":
      return fc.array(schema.items ? fromSchema(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 2 }), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 8, 8),
      });
    case "string": {
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 200, 400));
      return fc.oneof({ weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max }) }, { weight: 1, arbitrary: nastyString(max + 5) });
    }
    case "integer": {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e6);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1e6);
      return fc.oneof(fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }), fc.constantFrom(-1, 0, 1, 2 ** 53, -(2 ** 31)));
    }
    case "number":
      return fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 }),
        fc.constantFrom(0, -0, 1e308, -1e308, 0.1, 7, 5),
      );
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** Bodies for a route: mostly schema-shaped, sometimes loosened (fields dropped or replaced), sometimes any JSON. */
export function bodyArbitrary(schema: z.ZodType | null): fc.Arbitrary<unknown> {
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  if (!schema) return fc.oneof(fc.constant(undefined), anyJson);
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const shaped = fromSchema(json);
  const loosened = shaped.chain((value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? fc.dictionary(fc.constantFrom(...Object.keys(value), "extra"), anyJson, { maxKeys: 3 }).map((patch) => ({ ...value, ...patch }))
      : fc.constant(value),
  );
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 2, arbitrary: loosened }, { weight: 1, arbitrary: anyJson });
}
