import { describe, expect, it } from "vitest";
import { parseBotArgs, UsageError, type BotOptions } from "./args";

const base = ["--url", "http://localhost:3400/", "--session", "k7q-x4m", "--count", "30"];
const options = (argv: string[]): BotOptions => {
  const parsed = parseBotArgs(argv);
  if (parsed.help) throw new Error("unexpected help");
  return parsed.options;
};

describe("parseBotArgs", () => {
  it("applies the defaults", () => {
    const o = options(base);
    expect(o).toMatchObject({ url: "http://localhost:3400", session: "K7QX4M", count: 30, rate: 0.2, durationSeconds: null, dimensions: "some" });
    expect(o.mix.map((s) => s.persona)).toEqual(["lenient", "harsh", "random", "revenge", "clique"]);
  });

  it("reads every option", () => {
    const o = options([...base, "--persona", "harsh", "--rate", "1.5", "--duration", "20", "--dimensions", "all"]);
    expect(o).toMatchObject({ rate: 1.5, durationSeconds: 20, dimensions: "all", mix: [{ persona: "harsh", percent: 100 }] });
    expect(options([...base, "--dimensions", "one"]).dimensions).toBe("one");
  });

  it("adds http:// to a bare host and keeps a path prefix", () => {
    expect(options(["--url", "localhost:3400", "--session", "K7QX4M", "--count", "1"]).url).toBe("http://localhost:3400");
    expect(options(["--url", "https://example.org/app/", "--session", "K7QX4M", "--count", "1"]).url).toBe("https://example.org/app");
  });

  it("shows help", () => {
    expect(parseBotArgs(["--help"])).toEqual({ help: true });
    expect(parseBotArgs(["-h"])).toEqual({ help: true });
  });

  it.each([
    [["--session", "K7QX4M", "--count", "1"], /--url is required/],
    [["--url", "ftp://x", "--session", "K7QX4M", "--count", "1"], /http/],
    [["--url", "http://x", "--count", "1"], /--session is required/],
    [["--url", "http://x", "--session", "K7QX40", "--count", "1"], /not a join code/],
    [["--url", "http://x", "--session", "K7QX4M"], /--count is required/],
    [[...base.slice(0, 4), "--count", "0"], /positive/],
    [[...base.slice(0, 4), "--count", "2.5"], /whole number/],
    [[...base.slice(0, 4), "--count", "5000"], /at most 2000/],
    [[...base, "--rate", "fast"], /--rate must be a positive number/],
    [[...base, "--duration", "-3"], /--duration/],
    [[...base, "--dimensions", "two"], /--dimensions must be/],
    [[...base, "--persona", "grumpy"], /Unknown persona/],
    [[...base, "--bogus"], /Unknown option/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseBotArgs(argv)).toThrow(UsageError);
    expect(() => parseBotArgs(argv)).toThrow(message);
  });
});
