import { describe, expect, it } from "vitest";
import { participantToken, readCookie } from "./participant";

const withCookie = (cookie: string) => new Request("http://localhost/api/sessions/ABCDEF/me", { headers: { cookie } });

describe("readCookie", () => {
  it.each([
    ["a plain value", "stk_p_ABCDEF=stp_abc", "stp_abc"],
    ["a percent-encoded value", "x=1; stk_p_ABCDEF=stp_a%2Db", "stp_a-b"],
    ["a truncated escape", "stk_p_ABCDEF=%E0%A4%A", undefined],
    ["a lone percent sign", "stk_p_ABCDEF=%", undefined],
    ["an invalid UTF-8 sequence", "stk_p_ABCDEF=%FF%FE", undefined],
    ["another cookie only", "stk_p_OTHER=stp_abc", undefined],
  ])("%s", (_label, cookie, expected) => {
    expect(readCookie(withCookie(cookie), "stk_p_ABCDEF")).toBe(expected);
  });

  it("a malformed cookie means no participant, not an exception", () => {
    expect(participantToken(withCookie("stk_p_ABCDEF=%E0%A4%A"), "ABCDEF")).toBeNull();
  });
});
