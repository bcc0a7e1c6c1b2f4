import { describe, expect, it } from "vitest";
import { appealBody, denunciationBody, proposalBody, statementBody } from "./schemas";

// Free text that reaches other people's screens is filtered like display names (issue 13).
describe("free-text bodies", () => {
  const rlo = "Sabotage \u202Eegatobas";
  it.each([
    ["a charge", () => denunciationBody.safeParse({ accusedId: "p1", charge: rlo })],
    ["an appeal", () => appealBody.safeParse({ text: rlo })],
    ["a statement", () => statementBody.safeParse({ text: rlo })],
    ["a free-text proposal", () => proposalBody.safeParse({ kind: "free-text", text: rlo })],
  ])("%s with a bidi override is refused", (_label, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/control or direction characters/);
  });

  it("ordinary text is cleaned, not refused", () => {
    expect(denunciationBody.parse({ accusedId: "p1", charge: "  Lack of\nenthusiasm " }).charge).toBe("Lack of enthusiasm");
    expect(proposalBody.parse({ kind: "free-text" }).text).toBeUndefined();
  });
});
