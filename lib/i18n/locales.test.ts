import { describe, expect, it } from "vitest";
import { negotiateLocale, pageScope, phoneChoice, resolveLocale, type LocaleInputs } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["de-CH,de;q=0.9,en;q=0.8", "de"],
    ["fr-FR,fr;q=0.9,ru;q=0.5,en;q=0.4", "ru"],
    ["en;q=0.2, de;q=0.7", "de"],
    ["it, pt;q=0.5", "en"],
    ["RU", "ru"],
    ["de;q=0, en", "en"],
    ["*", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("pageScope", () => {
  it.each([
    ["/s/ABC234", { kind: "phone", code: "ABC234" }],
    ["/s/abc234/report", { kind: "phone", code: "ABC234" }],
    ["/s/ABC234/screen", { kind: "room", code: "ABC234" }],
    ["/sessions/ABC234/debrief", { kind: "room", code: "ABC234" }],
    ["/sessions/ABC234/present", { kind: "room", code: "ABC234" }],
    ["/sessions/ABC234", { kind: "own" }],
    ["/dashboard", { kind: "own" }],
    ["/", { kind: "own" }],
    [null, { kind: "own" }],
  ])("%s", (path, expected) => {
    expect(pageScope(path)).toEqual(expected);
  });
});

describe("phoneChoice", () => {
  it("applies only to the session it was made in", () => {
    expect(phoneChoice("ABC234:ru", "abc234")).toBe("ru");
    expect(phoneChoice("ABC234:ru", "XYZ789")).toBeNull();
    expect(phoneChoice("ABC234:fr", "ABC234")).toBeNull();
    expect(phoneChoice(null, "ABC234")).toBeNull();
  });
});

describe("resolveLocale", () => {
  const base: LocaleInputs = {
    path: "/",
    ownCookie: null,
    phoneCookie: null,
    acceptLanguage: "de-DE",
    sessionLanguage: async (code) => (code === "ABC234" ? "ru" : null),
  };
  it.each<[string, Partial<LocaleInputs>, string]>([
    ["own pages follow the browser", {}, "de"],
    ["own pages follow the setting over the browser", { ownCookie: "en" }, "en"],
    ["a bad setting falls back to the browser", { ownCookie: "xx" }, "de"],
    ["the projector follows the session", { path: "/s/ABC234/screen", ownCookie: "en" }, "ru"],
    ["the debrief follows the session", { path: "/sessions/ABC234/debrief" }, "ru"],
    ["the control room follows the facilitator", { path: "/sessions/ABC234" }, "de"],
    ["a phone follows the session", { path: "/s/ABC234" }, "ru"],
    ["a phone's own choice wins", { path: "/s/ABC234", phoneCookie: "ABC234:en" }, "en"],
    ["a choice from another session does not", { path: "/s/ABC234", phoneCookie: "XYZ789:en" }, "ru"],
    ["an unknown session falls back to the reader", { path: "/s/XYZ789/screen" }, "de"],
  ])("%s", async (_name, inputs, expected) => {
    expect(await resolveLocale({ ...base, ...inputs })).toBe(expected);
  });
});
