import { describe, expect, it } from "vitest";
import { fail, ok } from "@/lib/errors";
import { UNREACHABLE, settle } from "./use-action";

describe("settle (what useAction does with one call)", () => {
  it("passes the action's Result through, success or failure", async () => {
    await expect(settle(async (n: number) => ok(n * 2), 21)).resolves.toEqual({ ok: true, data: 42 });
    const refused = fail("too_fast", "Wait a few seconds.", { retryAfterSeconds: 3 });
    await expect(settle(async () => refused, undefined)).resolves.toEqual(refused);
  });

  it("turns a throw (the server unreachable) into an unavailable error with the given message", async () => {
    const down = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(settle(down, {})).resolves.toEqual({ ok: false, error: { code: "unavailable", message: UNREACHABLE } });
    await expect(settle(down, {}, "Your answer could not be sent.")).resolves.toEqual({
      ok: false,
      error: { code: "unavailable", message: "Your answer could not be sent." },
    });
  });
});
