import { describe, expect, it } from "vitest";
import { localDate } from "@/lib/dates";
import { currentStreak, streakAfterAnswer } from "./streak";

describe("streakAfterAnswer", () => {
  const s = (streak: number, bestStreak: number, lastActivityDate: string | null) => ({ streak, bestStreak, lastActivityDate });
  it.each([
    ["first answer ever", s(0, 0, null), "2026-03-10", s(1, 1, "2026-03-10")],
    ["second answer the same day", s(1, 1, "2026-03-10"), "2026-03-10", s(1, 1, "2026-03-10")],
    ["next day extends", s(3, 5, "2026-03-09"), "2026-03-10", s(4, 5, "2026-03-10")],
    ["extending past the best raises it", s(5, 5, "2026-03-09"), "2026-03-10", s(6, 6, "2026-03-10")],
    ["a skipped day restarts", s(7, 7, "2026-03-08"), "2026-03-10", s(1, 7, "2026-03-10")],
    ["across a month end", s(2, 2, "2026-02-28"), "2026-03-01", s(3, 3, "2026-03-01")],
  ])("%s", (_n, before, today, after) => {
    expect(streakAfterAnswer(before, today)).toEqual(after);
  });

  it("counts local days: two answers an hour apart across Tokyo midnight make a 2-day streak", () => {
    const tz = "Asia/Tokyo";
    let st = streakAfterAnswer(s(0, 0, null), localDate(new Date("2026-03-10T14:30:00Z"), tz));
    st = streakAfterAnswer(st, localDate(new Date("2026-03-10T15:30:00Z"), tz));
    expect(st).toEqual(s(2, 2, "2026-03-11"));
  });

  it("the same two instants are one day in Los Angeles", () => {
    const tz = "America/Los_Angeles";
    let st = streakAfterAnswer(s(0, 0, null), localDate(new Date("2026-03-10T14:30:00Z"), tz));
    st = streakAfterAnswer(st, localDate(new Date("2026-03-10T15:30:00Z"), tz));
    expect(st).toEqual(s(1, 1, "2026-03-10"));
  });
});

describe("currentStreak (as shown)", () => {
  it.each([
    [null, "2026-03-10", 0],
    ["2026-03-10", "2026-03-10", 4],
    ["2026-03-09", "2026-03-10", 4], // alive until the end of today
    ["2026-03-08", "2026-03-10", 0], // broken
  ])("last active %s, today %s -> %i", (last, today, want) => {
    expect(currentStreak({ streak: 4, bestStreak: 4, lastActivityDate: last }, today)).toBe(want);
  });
});
