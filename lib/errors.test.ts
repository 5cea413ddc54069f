import { describe, expect, it, vi } from "vitest";
import { AppError, errorResponse, isAppError, toErrorShape, validationError } from "./errors";

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

describe("validationError: the one validation error shape", () => {
  it("keys fields by dotted path, first message per field, and leads with the first field", () => {
    const e = validationError([
      { path: ["answers", 1, "confidence"], message: "Too big: expected number to be <=5" },
      { path: ["answers", 1, "confidence"], message: "a second message for the same field" },
      { path: ["topic"], message: "Enter a topic (at least 2 characters)." },
    ]);
    expect(e.toShape()).toEqual({
      code: "validation",
      // A library default (no full stop) gets the field's name; our own sentences stand alone.
      message: "answers.1.confidence: Too big: expected number to be <=5",
      fields: { "answers.1.confidence": "Too big: expected number to be <=5", topic: "Enter a topic (at least 2 characters)." },
    });
    expect(validationError([{ path: ["name"], message: "Give the collection a name." }]).message).toBe("Give the collection a name.");
    expect(validationError([{ path: [], message: "Expected object, received null" }]).toShape()).toEqual({
      code: "validation",
      message: "Expected object, received null",
      fields: { _: "Expected object, received null" },
    });
    expect(validationError([]).toShape()).toEqual({ code: "validation", message: "Invalid input.", fields: { _: "Invalid input." } });
  });

  it("gives a service's message-only validation error the same shape", () => {
    const thrown = new AppError("validation", "Choose an exam date after today.");
    expect(toErrorShape(thrown)).toEqual({ code: "validation", message: "Choose an exam date after today.", fields: { _: "Choose an exam date after today." } });
    expect(validationError("Choose at least one file.", { files: "Choose at least one file." }).toShape().fields).toEqual({ files: "Choose at least one file." });
    // Other codes carry no fields unless a field caused them (a conflict on a name).
    expect(new AppError("not_found", "That question was not found.").toShape()).toEqual({ code: "not_found", message: "That question was not found." });
  });
});
