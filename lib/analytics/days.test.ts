import { describe, expect, it } from "vitest";
import { fillDays, lastDays } from "./days";

describe("lastDays", () => {
  it("ends on the local today, oldest first, across a DST change", () => {
    const days = lastDays(new Date("2026-03-09T02:00:00Z"), "America/New_York", 3);
    expect(days).toEqual(["2026-03-06", "2026-03-07", "2026-03-08"]);
  });
  it("gives 30 distinct days", () => {
    expect(new Set(lastDays(new Date(), "Europe/Berlin", 30)).size).toBe(30);
  });
});

describe("fillDays", () => {
  it("fills gaps with zero answers and no accuracy", () => {
    const points = fillDays(["2026-01-01", "2026-01-02", "2026-01-03"], [
      { day: "2026-01-01", answered: 4, correct: 3 },
      { day: "2026-01-03", answered: 2, correct: 0 },
      { day: "2025-12-01", answered: 9, correct: 9 },
    ]);
    expect(points).toEqual([
      { day: "2026-01-01", answered: 4, correct: 3, accuracy: 0.75 },
      { day: "2026-01-02", answered: 0, correct: 0, accuracy: null },
      { day: "2026-01-03", answered: 2, correct: 0, accuracy: 0 },
    ]);
  });
});
