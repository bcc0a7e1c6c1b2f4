import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignPseudonyms, keyedHash, orderReflections, reflectionHandle } from "./pseudonyms";

const people = Array.from({ length: 12 }, (_, i) => ({ id: `c${String(i).padStart(3, "0")}xyz` }));

describe("pseudonyms", () => {
  it("depend on the session's secret, not only on the ids", () => {
    const a = assignPseudonyms("secret-a", people).map((p) => p.pseudonym);
    const b = assignPseudonyms("secret-b", people).map((p) => p.pseudonym);
    expect(a).not.toEqual(b);
    // The old scheme, sha256(sessionId:id:salt), is not what orders them.
    const unkeyed = [...people]
      .map((p) => ({ id: p.id, h: crypto.createHash("sha256").update(`session:${p.id}:person`).digest("hex") }))
      .sort((x, y) => (x.h < y.h ? -1 : 1))
      .map((x) => x.id);
    const keyed = [...assignPseudonyms("secret-a", people)].sort((x, y) => x.pseudonym.localeCompare(y.pseudonym)).map((p) => p.id);
    expect(keyed).not.toEqual(unkeyed);
  });

  it("are stable for one secret and use three separate namespaces", () => {
    const once = assignPseudonyms("s", people);
    expect(assignPseudonyms("s", people)).toEqual(once);
    expect(new Set(once.map((p) => p.pseudonym)).size).toBe(12);
    expect(once.every((p) => /^P\d\d$/.test(p.pseudonym) && /^N\d\d$/.test(p.networkPseudonym) && /^R\d\d$/.test(p.raterPseudonym))).toBe(true);
    // Not the same numbering: a network node's number does not give the person's P number.
    const sameNumber = once.filter((p) => p.pseudonym.slice(1) === p.networkPseudonym.slice(1)).length;
    expect(sameNumber).toBeLessThan(12);
  });

  it("orders reflections by keyed hash, not by id or submission order", () => {
    const reflections = people.map((p) => ({ id: p.id }));
    const ordered = orderReflections("s", reflections).map((r) => r.id);
    expect(ordered).not.toEqual(reflections.map((r) => r.id));
    expect([...ordered].sort()).toEqual(reflections.map((r) => r.id));
    expect(orderReflections("other", reflections).map((r) => r.id)).not.toEqual(ordered);
  });

  it("gives reflections opaque handles", () => {
    const h = reflectionHandle("s", "clx0abc123");
    expect(h).toMatch(/^[0-9a-f]{24}$/);
    expect(h).not.toContain("clx0");
    expect(reflectionHandle("t", "clx0abc123")).not.toBe(h);
    expect(keyedHash("s", "a", "b")).toBe(crypto.createHmac("sha256", "s").update("a:b").digest("hex"));
  });
});
