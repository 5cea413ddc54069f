import { describe, expect, it } from "vitest";
import { chunk } from "./testing/fixtures";
import { sourceQuality } from "./quality";

describe("sourceQuality", () => {
  it.each([
    [0, 1],
    [0.3, 0.85],
    [1, 0.5],
    [2, 0],
    [2.5, 0],
  ])("distance %s -> %s", (distance, q) => expect(sourceQuality(chunk("a", "x", { distance }), [])).toBeCloseTo(q));
  it("uses the fused score, capped at 0.5, when only full-text search found the passage", () => {
    const best = chunk("a", "x", { distance: null, score: 0.04 });
    const half = chunk("b", "x", { distance: null, score: 0.02 });
    expect(sourceQuality(best, [best, half])).toBe(0.5);
    expect(sourceQuality(half, [best, half])).toBe(0.25);
  });
});
