import { describe, expect, it } from "vitest";
import { IdempotencyStore, idempotencyKey } from "./idempotency";

describe("IdempotencyStore", () => {
  it("runs the work once per scope and key; a repeat gets the first answer", async () => {
    const store = new IdempotencyStore<number>();
    let runs = 0;
    const work = async () => ++runs;
    expect(await store.run("ana", "k1", work)).toBe(1);
    expect(await store.run("ana", "k1", work)).toBe(1);
    expect(await store.run("boris", "k1", work)).toBe(2);
    expect(await store.run("ana", "k2", work)).toBe(3);
    expect(await store.run("ana", null, work)).toBe(4);
    expect(await store.run("ana", null, work)).toBe(5);
  });

  it("forgets a failed run so it can be tried again, and keys after ten minutes", async () => {
    let t = 0;
    const store = new IdempotencyStore<number>(() => t);
    await expect(store.run("ana", "k", async () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    expect(await store.run("ana", "k", async () => 7)).toBe(7);
    t += 10 * 60_000;
    expect(await store.run("ana", "k", async () => 8)).toBe(8);
  });

  it.each([
    { header: "3f1c-uuid", key: "3f1c-uuid" },
    { header: "", key: null },
    { header: "has space", key: null },
    { header: "x".repeat(101), key: null },
  ])("reads the header $header", ({ header, key }) => {
    const request = new Request("http://x/", { headers: header ? { "Idempotency-Key": header } : {} });
    expect(idempotencyKey(request)).toBe(key);
  });
});
