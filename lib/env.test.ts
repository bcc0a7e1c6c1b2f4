import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "./env";

describe("DATABASE_URL kinds", () => {
  it("recognizes PostgreSQL URLs", () => {
    expect(isPostgresUrl("postgresql://app@db.internal:5432/stakhanov")).toBe(true);
    expect(isPostgresUrl("postgres://app@127.0.0.1/stakhanov")).toBe(true);
    expect(isPostgresUrl("file:./data/stakhanov.db")).toBe(false);
    expect(isPostgresUrl("mysql://x")).toBe(false);
  });
});
