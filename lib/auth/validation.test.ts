import { describe, expect, it } from "vitest";
import { signUpSchema } from "./validation";

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
