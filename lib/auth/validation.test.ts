import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signUpSchema } from "./validation";

describe("safeCallbackUrl", () => {
  it.each([
    ["/review", "/review"],
    ["/questions?topic=heart", "/questions?topic=heart"],
    ["https://evil.example/", "/dashboard"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["/sign-in", "/dashboard"],
    [undefined, "/dashboard"],
  ])("%s -> %s", (raw, expected) => expect(safeCallbackUrl(raw)).toBe(expected));
});

describe("signUpSchema", () => {
  it("normalises the email and drops an unknown time zone", () => {
    const r = signUpSchema.parse({ email: "  Ada@Example.COM ", password: "long enough", timezone: "Mars/Base" });
    expect(r.email).toBe("ada@example.com");
    expect(r.timezone).toBeUndefined();
  });
  it("keeps a real time zone and refuses short passwords", () => {
    expect(signUpSchema.parse({ email: "a@b.co", password: "12345678", timezone: "America/Chicago" }).timezone).toBe(
      "America/Chicago",
    );
    expect(signUpSchema.safeParse({ email: "a@b.co", password: "short" }).success).toBe(false);
  });
});
