import { describe, expect, it } from "vitest";
import { capForExam, examPlan, examSpread, reviewForecast } from "./exam";

const id = (lastByte: string) => `00000000-0000-4000-8000-0000000000${lastByte}`;

describe("capForExam", () => {
  it.each([
    // today, due, exam, question's last byte, expected date
    ["2026-03-01", "2026-05-01", null, "00", "2026-05-01"], // no exam: SM-2/FSRS as they are
    ["2026-03-01", "2026-03-20", "2026-04-01", "00", "2026-03-20"], // due before the exam: untouched
    ["2026-03-01", "2026-03-31", "2026-04-01", "00", "2026-03-31"], // due the day before: untouched
    ["2026-03-01", "2026-04-01", "2026-04-01", "00", "2026-03-25"], // on exam day: into the last week (spread 0)
    ["2026-03-01", "2026-06-01", "2026-04-01", "06", "2026-03-31"], // spread 6: the day before
    ["2026-03-01", "2026-06-01", "2026-04-01", "07", "2026-03-25"], // 7 % 7 = 0
    ["2026-03-25", "2026-06-01", "2026-04-01", "03", "2026-06-01"], // answered in the last week: may pass the exam
    ["2026-04-05", "2026-04-20", "2026-04-01", "03", "2026-04-20"], // exam past
  ])("today %s, due %s, exam %s (byte %s) -> %s", (today, due, examDate, b, expected) => {
    expect(capForExam({ today, due, examDate, questionId: id(b) })).toBe(expected);
  });

  it("spreads by the id's last byte (0-6)", () => {
    expect([0, 1, 6, 7, 255].map((n) => examSpread(id(n.toString(16).padStart(2, "0"))))).toEqual([0, 1, 6, 0, 3]);
  });
});

describe("examPlan", () => {
  it.each([
    // today, exam, bank, seenOnce, seenTwice, due -> daysLeft, newPerDay, todayTarget
    ["2026-03-01", "2026-03-31", 300, 0, 0, 0, 30, Math.ceil(300 / 29), Math.ceil(300 / 29)],
    ["2026-03-01", "2026-03-31", 300, 100, 50, 12, 30, Math.ceil(150 / 29), 12 + Math.ceil(150 / 29)],
    ["2026-03-01", "2026-03-02", 10, 0, 0, 3, 1, 10, 13], // one day left: all of it today
    ["2026-03-01", "2026-03-01", 10, 0, 0, 3, 0, 0, 3], // exam day
    ["2026-03-01", "2026-03-31", 10, 5, 5, 0, 30, 0, 0], // all seen
  ])("%s -> exam %s, bank %i (%i once, %i twice), %i due", (today, examDate, bankSize, seenOnce, seenTwice, dueToday, daysLeft, newPerDay, todayTarget) => {
    expect(examPlan({ today, examDate, bankSize, seenOnce, seenTwice, dueToday })).toMatchObject({ daysLeft, newPerDay, todayTarget });
  });
});

describe("reviewForecast", () => {
  it("counts scheduled reviews per day until the exam, overdue today, after the exam left out", () => {
    const f = reviewForecast("2026-03-01", "2026-03-05", [
      { date: "2026-02-20", count: 2 },
      { date: "2026-03-01", count: 1 },
      { date: "2026-03-03", count: 4 },
      { date: "2026-03-05", count: 9 },
    ]);
    expect(f).toEqual([
      { day: "2026-03-01", reviews: 3 },
      { day: "2026-03-02", reviews: 0 },
      { day: "2026-03-03", reviews: 4 },
      { day: "2026-03-04", reviews: 0 },
    ]);
  });
});
