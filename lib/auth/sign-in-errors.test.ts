import { describe, expect, it, vi } from "vitest";
import { signInFailure } from "./sign-in-errors";

describe("signInFailure", () => {
  it("reads Auth.js's errors by type and code", () => {
    expect(signInFailure({ type: "CredentialsSignin", code: "credentials" }).code).toBe("unauthorized");
    expect(signInFailure({ type: "CredentialsSignin", code: "rate_limited" }).code).toBe("rate_limited");
    expect(signInFailure({ type: "CredentialsSignin", code: "unavailable" }).code).toBe("unavailable");
  });

  it("says 'unavailable' when the database failed inside authorize (Auth.js wraps it)", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const wrapped = Object.assign(new Error("Read more at https://errors.authjs.dev#callbackrouteerror"), {
      type: "CallbackRouteError",
      cause: { err: { message: "Failed query", cause: refused } },
    });
    expect(signInFailure(wrapped)).toMatchObject({ code: "unavailable", retryAfterSeconds: 5 });
    expect(signInFailure(new Error("a bug")).code).toBe("internal");
  });
});
