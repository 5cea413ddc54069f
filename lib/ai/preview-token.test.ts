import { describe, expect, it } from "vitest";
import { signPreview, verifyPreview } from "./preview-token";

const secret = "a-test-secret-of-enough-length-0123456789";
const payload = {
  userId: "u1",
  jobId: "j1",
  difficulty: 3,
  question: {} as never,
  metadata: {},
  templateId: null,
  templateVersion: null,
};

describe("preview tokens", () => {
  it("round-trips for the same user and refuses another user or an expired token", () => {
    const token = signPreview(payload, secret, 1_000);
    expect(verifyPreview(token, "u1", secret, 2_000)?.jobId).toBe("j1");
    expect(verifyPreview(token, "u2", secret, 2_000)).toBeNull();
    expect(verifyPreview(token, "u1", secret, 1_000 + 25 * 3600 * 1000)).toBeNull();
  });

  it("refuses altered tokens, including a signature with non-ASCII characters, without throwing", () => {
    const token = signPreview(payload, secret, 1_000);
    const [body, sig] = token.split(".");
    expect(verifyPreview(`${body}.${sig!.slice(0, -1)}x`, "u1", secret, 2_000)).toBeNull();
    const sameLengthNonAscii = `${"é".repeat(sig!.length / 2)}`.padEnd(sig!.length, "a");
    expect(verifyPreview(`${body}.${sameLengthNonAscii}`, "u1", secret, 2_000)).toBeNull();
    expect(verifyPreview("garbage", "u1", secret, 2_000)).toBeNull();
  });
});
