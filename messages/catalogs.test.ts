// The message catalogs stay complete and in use: every language has exactly English's keys, with the
// same arguments and valid ICU syntax (Russian plurals with their few/many forms), and every key is
// used somewhere in the code. Adding a language: README "Adding a language".
import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { MESSAGES, NAMESPACES } from "./index";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

/** Argument names of a message, and the plural categories each plural argument offers. */
function shape(elements: MessageFormatElement[], args = new Set<string>(), plurals: string[][] = []) {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) args.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      args.add(el.value);
      if (el.type === TYPE.plural && el.pluralType === "cardinal") plurals.push(Object.keys(el.options).filter((k) => !k.startsWith("=")));
      for (const option of Object.values(el.options)) shape(option.value, args, plurals);
    }
    if (el.type === TYPE.tag) {
      args.add(el.value);
      shape(el.children, args, plurals);
    }
  }
  return { args, plurals };
}

const english = leaves(MESSAGES.en as unknown as Tree);

describe("message catalogs", () => {
  it("has one file per language and namespace", () => {
    for (const locale of LOCALES) {
      for (const ns of NAMESPACES) expect(fs.existsSync(path.join(__dirname, locale, `${ns}.json`)), `${locale}/${ns}.json`).toBe(true);
    }
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has exactly English's keys`, () => {
      const keys = leaves(MESSAGES[locale] as unknown as Tree);
      const missing = [...english.keys()].filter((k) => !keys.has(k));
      const extra = [...keys.keys()].filter((k) => !english.has(k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it(`${locale} uses the same arguments as English in every message`, () => {
      const keys = leaves(MESSAGES[locale] as unknown as Tree);
      const differing: string[] = [];
      for (const [key, message] of keys) {
        const source = english.get(key);
        if (source === undefined) continue;
        const a = [...shape(parse(source)).args].sort().join(",");
        const b = [...shape(parse(message)).args].sort().join(",");
        if (a !== b) differing.push(`${key}: {${a}} vs {${b}}`);
      }
      expect(differing).toEqual([]);
    });
  }

  it("every message is valid ICU", () => {
    const broken: string[] = [];
    for (const locale of LOCALES) {
      for (const [key, message] of leaves(MESSAGES[locale] as unknown as Tree)) {
        try {
          parse(message);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("Russian plurals give the one, few and many forms (1 коллега, 2 коллеги, 5 коллег)", () => {
    const incomplete: string[] = [];
    for (const [key, message] of leaves(MESSAGES.ru as unknown as Tree)) {
      for (const categories of shape(parse(message)).plurals) {
        for (const needed of ["one", "few", "many", "other"]) if (!categories.includes(needed)) incomplete.push(`${key}: no ${needed}`);
      }
    }
    expect(incomplete).toEqual([]);
  });

  it("no key of a room's page looks like who-rated-whom vocabulary (the anonymity audit reads every key in a page's data)", () => {
    // The pattern e2e/anonymity.spec.ts refuses as a JSON key on a participant-facing page (phones, projector, report).
    const audited = /^[A-Za-z_$]*(?:rater|given|voter|ratedBy|received)[A-Za-z_$]*$/i;
    const roomNamespaces = ["common", "participant", "projector", "live", "content"];
    const suspicious = [...english.keys()].filter((key) => roomNamespaces.includes(key.split(".")[0]!) && key.split(".").some((part) => audited.test(part)));
    expect(suspicious).toEqual([]);
  });

  it("every key is used by the code", () => {
    const used = usedKeyMatcher();
    const unused = [...english.keys()].filter((key) => !used(key));
    expect(unused).toEqual([]);
  });
});

/**
 * Whether the code uses a key: some source file has a string literal that is a dotted prefix of the
 * key (a namespace given to useTranslations/getTranslations/translator, or the full key) and the rest
 * as another literal, or a template literal prefix (`tiers.${id}`) that the rest starts with.
 */
function usedKeyMatcher(): (key: string) => boolean {
  const root = path.join(__dirname, "..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of ["app", "components", "lib", "i18n"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  const scanned = new Map<string, { literals: Set<string>; prefixes: string[]; imports: string[] }>();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const literals = new Set<string>();
    const prefixes: string[] = [];
    for (const m of text.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g)) literals.add(m[1] ?? m[2] ?? "");
    for (const m of text.matchAll(/`([^`$]*)(\$\{)?/g)) {
      if (m[2]) prefixes.push(m[1]!);
      else literals.add(m[1]!);
    }
    // The project's modules it imports ("@/lib/error-codes", "./phase-label"): a namespace here may take its keys from there.
    const imports = [...text.matchAll(/from "((?:@\/|\.\.?\/)[^"]+)"/g)].map((m) =>
      m[1]!.startsWith("@/") ? path.join(root, m[1]!.slice(2)) : path.resolve(path.dirname(file), m[1]!),
    );
    scanned.set(file, { literals, prefixes, imports });
  }
  // A module's own literals and those of the project modules it imports directly.
  const perFile = [...scanned.values()].map(({ literals, prefixes, imports }) => {
    const all = new Set(literals);
    for (const base of imports) for (const ext of [".ts", ".tsx", "/index.ts"]) scanned.get(base + ext)?.literals.forEach((l) => all.add(l));
    return { literals: all, prefixes };
  });
  return (key) => {
    const parts = key.split(".");
    return perFile.some(({ literals, prefixes }) => {
      if (literals.has(key)) return true;
      for (let i = 1; i < parts.length; i++) {
        const ns = parts.slice(0, i).join(".");
        if (!literals.has(ns)) continue;
        const rest = parts.slice(i).join(".");
        if (literals.has(rest)) return true;
        if (prefixes.some((p) => p.length > 0 && rest.startsWith(p))) return true;
      }
      return prefixes.some((p) => p.includes(".") && key.startsWith(p));
    });
  };
}
