import { afterEach, describe, expect, it } from "vitest";
import { clockNow, parseOffsetDays, setClockForTests } from "./clock";

describe("parseOffsetDays", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["3", 3],
    ["-2", -2],
    ["1.5", 0],
    ["abc", 0],
    ["3650", 3650],
    ["3651", 0],
  ])("%j -> %i", (raw, want) => {
    expect(parseOffsetDays(raw)).toBe(want);
  });
});

describe("clockNow", () => {
  afterEach(() => setClockForTests(undefined));

  it("moves by whole days", () => {
    const before = Date.now();
    const t = clockNow(2).getTime();
    expect(t - before).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(t - Date.now()).toBeLessThanOrEqual(2 * 86_400_000);
  });

  it("a test override wins over the offset", () => {
    setClockForTests(() => new Date("2026-03-10T12:00:00Z"));
    expect(clockNow(5).toISOString()).toBe("2026-03-10T12:00:00.000Z");
  });
});
