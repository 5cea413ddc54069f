import { describe, expect, it } from "vitest";
import { MemoryLimiter } from "./memory";

describe("MemoryLimiter (sliding window)", () => {
  it("allows `tokens` hits per window per key, then refuses until the window slides", () => {
    let now = 1_000_000;
    const l = new MemoryLimiter(3, 60_000, () => now);
    expect([l.limit("a"), l.limit("a"), l.limit("a")].map((r) => r.success)).toEqual([true, true, true]);
    const refused = l.limit("a");
    expect(refused.success).toBe(false);
    expect(refused.reset).toBe(1_000_000 + 60_000);
    expect(l.limit("b").success).toBe(true); // keys are independent
    now += 60_001;
    expect(l.limit("a").success).toBe(true);
  });
});
