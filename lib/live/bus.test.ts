import { describe, expect, it, vi } from "vitest";
import { InProcessPublisher } from "./bus";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("the in-process publisher", () => {
  it("calls a small channel's listeners at once, in subscription order", () => {
    const bus = new InProcessPublisher<number>(4);
    const got: string[] = [];
    for (const name of ["a", "b", "c"]) bus.subscribe("s", (n) => got.push(`${name}${n}`));
    bus.publish("s", 1);
    expect(got).toEqual(["a1", "b1", "c1"]);
  });

  it("serves a large channel in slices, letting other work run between them, and every listener gets every signal in order", async () => {
    const bus = new InProcessPublisher<number>(3);
    const got = new Map<number, number[]>();
    for (let i = 0; i < 10; i++) {
      got.set(i, []);
      bus.subscribe("s", (n) => got.get(i)!.push(n));
    }
    bus.publish("s", 1);
    bus.publish("s", 2);
    // The first slice of the first signal only; the rest waits for later turns.
    expect([...got.values()].map((l) => l.length)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    // A rating that came in meanwhile runs before the fan-out has finished.
    let otherWorkAt = -1;
    setImmediate(() => (otherWorkAt = [...got.values()].filter((l) => l.length === 2).length));
    for (let i = 0; i < 10; i++) await turn();
    expect(otherWorkAt).toBeGreaterThanOrEqual(0);
    expect(otherWorkAt).toBeLessThan(10);
    for (const list of got.values()) expect(list).toEqual([1, 2]);
  });

  it("queues a signal to a channel still being served, even one small enough to go at once", async () => {
    const bus = new InProcessPublisher<string>(2);
    const got: string[][] = [[], [], []];
    const unsubscribe = got.map((list) => bus.subscribe("s", (e) => list.push(e)));
    bus.publish("s", "board");
    unsubscribe[2]!(); // left before its turn: not called
    bus.publish("s", "closed"); // 2 listeners now: small, but behind the board
    expect(got).toEqual([["board"], ["board"], []]);
    await turn();
    await turn();
    expect(got).toEqual([["board", "closed"], ["board", "closed"], []]);
  });

  it("keeps going when one listener throws", () => {
    const bus = new InProcessPublisher<number>(10);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const after = vi.fn();
    bus.subscribe("s", () => {
      throw new Error("broken connection");
    });
    bus.subscribe("s", after);
    bus.publish("s", 1);
    expect(after).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
