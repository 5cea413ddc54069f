import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isValidTimeZone, localDate, safeTimeZone } from "./dates";

describe("isValidTimeZone / safeTimeZone", () => {
  it.each([
    ["UTC", true, "UTC"],
    ["America/New_York", true, "America/New_York"],
    ["Asia/Kolkata", true, "Asia/Kolkata"],
    ["Mars/Olympus_Mons", false, "UTC"],
    ["", false, "UTC"],
    ["not a zone", false, "UTC"],
  ])("%j: valid %s, safe %s", (tz, valid, safe) => {
    expect(isValidTimeZone(tz)).toBe(valid);
    expect(safeTimeZone(tz)).toBe(safe);
  });

  it("reads null and undefined as UTC", () => {
    expect(safeTimeZone(null)).toBe("UTC");
    expect(safeTimeZone(undefined)).toBe("UTC");
  });
});

describe("localDate", () => {
  it.each([
    ["2026-03-01T03:30:00Z", "UTC", "2026-03-01"],
    ["2026-03-01T03:30:00Z", "America/New_York", "2026-02-28"],
    ["2026-03-01T15:30:00Z", "Asia/Tokyo", "2026-03-02"],
    ["2026-12-31T23:59:59Z", "Pacific/Kiritimati", "2027-01-01"],
    ["2026-03-08T07:30:00Z", "America/Los_Angeles", "2026-03-07"],
    // An unknown or missing zone reads as UTC, never throws.
    ["2026-03-01T03:30:00Z", "Not/AZone", "2026-03-01"],
    ["2026-03-01T23:30:00Z", null, "2026-03-01"],
  ])("%s in %s is %s", (iso, tz, expected) => {
    expect(localDate(new Date(iso), tz)).toBe(expected);
  });
});

describe("addDays and daysBetween", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2026-03-29", 0, "2026-03-29"],
    ["2026-03-07", 2, "2026-03-09"], // across the US DST change: calendar days, no zone
    ["2026-12-31", 365, "2027-12-31"],
  ])("%s + %i = %s, and back", (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });
});

describe("localDate across time zones and midnight", () => {
  it.each([
    ["2026-03-10T06:30:00Z", "America/Los_Angeles", "2026-03-09"], // 23:30 PDT, still the 9th there
    ["2026-03-10T07:30:00Z", "America/Los_Angeles", "2026-03-10"], // 00:30 PDT
    ["2026-03-10T06:30:00Z", "UTC", "2026-03-10"],
    ["2026-03-10T14:59:00Z", "Asia/Tokyo", "2026-03-10"], // 23:59 JST
    ["2026-03-10T15:00:00Z", "Asia/Tokyo", "2026-03-11"], // midnight JST
    ["2026-03-10T18:30:00Z", "Asia/Kolkata", "2026-03-11"], // +05:30: 00:00
    ["2026-03-10T18:29:00Z", "Asia/Kolkata", "2026-03-10"],
    ["2026-03-10T12:00:00Z", "Not/AZone", "2026-03-10"], // unknown zone: UTC
  ])("%s in %s is %s", (iso, tz, want) => {
    expect(localDate(new Date(iso), tz)).toBe(want);
  });
});
