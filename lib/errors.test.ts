import { describe, expect, it, vi } from "vitest";
import { AppError, errorResponse, isAppError, toErrorShape } from "./errors";

/** A second copy of lib/errors, as Next makes one per bundle (route handler, actions, pages). */
async function otherBundle() {
  vi.resetModules();
  return import("./errors");
}

describe("isAppError", () => {
  it("recognises an AppError thrown by another copy of the module, where instanceof fails", async () => {
    const other = await otherBundle();
    const e = new other.AppError("rate_limited", "Too many sign-in attempts.", { retryAfterSeconds: 42 });
    expect(e instanceof AppError).toBe(false);
    expect(isAppError(e)).toBe(true);
    expect(toErrorShape(e)).toEqual({ code: "rate_limited", message: "Too many sign-in attempts.", retryAfterSeconds: 42 });
    const res = errorResponse(e);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("42");
  });

  it("is not fooled by an error that merely has a code", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const lookalike = Object.assign(new Error("boom"), { name: "AppError", code: "not_found" });
    expect(isAppError(lookalike)).toBe(false);
    expect(toErrorShape(lookalike).code).toBe("internal");
    expect(isAppError(null)).toBe(false);
    expect(isAppError("AppError")).toBe(false);
  });
});
