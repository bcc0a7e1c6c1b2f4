import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, describeZodError, errorBody, isAppError, statusOf, toAppError } from "./errors";

describe("errors", () => {
  it.each([
    ["validation_failed", 400],
    ["unauthorized", 401],
    ["forbidden", 403],
    ["not_found", 404],
    ["conflict", 409],
    ["rate_limited", 429],
    ["unavailable", 503],
  ] as const)("%s → HTTP %i", (code, status) => {
    expect(statusOf(code)).toBe(status);
    expect(new AppError(code, "x").status).toBe(status);
  });

  it("recognises an AppError made by another copy of the module (brand, not instanceof)", () => {
    const foreign = Object.assign(new Error("Round closed."), { code: "forbidden", [Symbol.for("stakhanov.AppError")]: true });
    expect(isAppError(foreign)).toBe(true);
    expect(toAppError(foreign).message).toBe("Round closed.");
    expect(isAppError(new Error("plain"))).toBe(false);
  });

  it("turns a zod error into a validation error naming the field", () => {
    const result = z.object({ name: z.string().min(1, "Name is required") }).safeParse({ name: "" });
    const error = toAppError(result.error);
    expect(error.code).toBe("validation_failed");
    expect(errorBody(error)).toEqual({ error: { code: "validation_failed", message: "Name is required.", field: "name" } });
    expect(describeZodError(result.error!)).toEqual({ message: "Name is required.", field: "name" });
  });

  it("hides the details of unexpected errors", () => {
    const error = toAppError(new TypeError("secret stack detail"));
    expect(error.code).toBe("internal");
    expect(error.message).not.toContain("secret");
  });
});
