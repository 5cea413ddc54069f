import { describe, expect, it } from "vitest";
import { State } from "ts-fsrs";
import { clampTimeTaken, planAnswer } from "./answer";
import { DEFAULT_FSRS_SETTINGS, fsrsReview } from "./fsrs";

const sm2 = { minEasiness: 1.3, maxEasiness: 2.5, initialEasiness: 2.5, initialInterval: 1, secondInterval: 6, masteredIntervalDays: 21 };

describe("clampTimeTaken", () => {
  it.each([
    [0, 1],
    [0.4, 1],
    [42.6, 43],
    [3600, 3600],
    [86_400, 3600],
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
  ])("%d s is stored as %d", (s, want) => expect(clampTimeTaken(s)).toBe(want));
});

describe("planAnswer", () => {
  const base = {
    timeZone: "America/Los_Angeles",
    difficulty: 3,
    card: { easiness: 2.5, intervalDays: 6, repetitions: 2 },
    profile: { xp: 95, streak: 4, bestStreak: 4, lastActivityDate: "2026-03-09" },
    sm2,
    scheduler: "sm2" as const,
    fsrs: DEFAULT_FSRS_SETTINGS,
    baseXp: 10,
  };

  it("a confident correct answer late in the evening, local time", () => {
    // 05:30 UTC on the 10th is 22:30 on the 9th in Los Angeles: same day as the last answer.
    const plan = planAnswer({ ...base, at: new Date("2026-03-10T05:30:00Z"), isCorrect: true, confidence: 4 });
    expect(plan).toMatchObject({
      today: "2026-03-09",
      practice: false,
      grade: 5,
      xpEarned: 15 + 5 + 3,
      card: { easiness: 2.5, intervalDays: 15, repetitions: 3, status: "reviewing", nextReviewDate: "2026-03-24", lapsed: false },
      profile: { xp: 118, level: 2, streak: 4, bestStreak: 4, lastActivityDate: "2026-03-09" },
    });
  });

  it("a confident wrong answer the next local day: lapse, streak grows", () => {
    const plan = planAnswer({ ...base, at: new Date("2026-03-10T20:00:00Z"), isCorrect: false, confidence: 5 });
    expect(plan.today).toBe("2026-03-10");
    expect(plan.grade).toBe(0);
    expect(plan.xpEarned).toBe(15 + 3);
    expect(plan.card).toMatchObject({ intervalDays: 1, repetitions: 0, status: "learning", nextReviewDate: "2026-03-11", lapsed: true });
    expect(plan.profile).toMatchObject({ streak: 5, bestStreak: 5, xp: 113, level: 2 });
  });

  it("a second answer the same local day is practice: graded, no XP, schedule and profile unchanged", () => {
    const card = { ...base.card, lastAnsweredAt: new Date("2026-03-10T03:00:00Z"), status: "reviewing" as const, nextReviewDate: "2026-03-15" };
    // 03:00 and 06:30 UTC on the 10th are both the 9th in Los Angeles.
    const plan = planAnswer({ ...base, card, at: new Date("2026-03-10T06:30:00Z"), isCorrect: false, confidence: 5 });
    expect(plan).toMatchObject({
      today: "2026-03-09",
      practice: true,
      grade: 0,
      xpEarned: 0,
      card: { easiness: 2.5, intervalDays: 6, repetitions: 2, status: "reviewing", nextReviewDate: "2026-03-15", lapsed: false },
      profile: { xp: 95, level: 1, streak: 4, bestStreak: 4, lastActivityDate: "2026-03-09" },
    });
    // The next local day it counts again.
    const next = planAnswer({ ...base, card, at: new Date("2026-03-10T09:00:00Z"), isCorrect: true, confidence: 3 });
    expect(next.practice).toBe(false);
    expect(next.xpEarned).toBeGreaterThan(0);
  });

  it("on FSRS: the date comes from ts-fsrs, SM-2 state is still kept, both intervals are reported", () => {
    const fsrsCard = { stability: 10, difficulty: 5, state: State.Review, lastReview: "2026-03-01", due: "2026-03-11" };
    const card = { ...base.card, lastAnsweredAt: new Date("2026-03-01T18:00:00Z"), status: "reviewing" as const, nextReviewDate: "2026-03-11", fsrs: fsrsCard };
    const at = new Date("2026-03-11T18:00:00Z"); // the 11th in Los Angeles, 10 days later
    const onFsrs = planAnswer({ ...base, card, scheduler: "fsrs", at, isCorrect: true, confidence: 3 });
    const want = fsrsReview(fsrsCard, 3, "2026-03-11", DEFAULT_FSRS_SETTINGS);
    expect(onFsrs.card).toMatchObject({ easiness: 2.5, intervalDays: 15, repetitions: 3, nextReviewDate: want.due });
    expect(onFsrs.activeIntervalDays).toBe(want.intervalDays);
    expect(onFsrs.fsrs).toEqual({ ...want.memory, due: want.due });
    expect(onFsrs.forecast.intervals).toEqual({ sm2: 15, fsrs: want.intervalDays });
    expect(onFsrs.forecast.recall.fsrs).toBeCloseTo(0.9, 6); // elapsed 10 days = stability
    expect(onFsrs.forecast.recall.sm2).toBeCloseTo(Math.pow(0.9, 10 / 6), 9);

    // The same answer on SM-2 differs only in the date and the active interval.
    const onSm2 = planAnswer({ ...base, card, at, isCorrect: true, confidence: 3 });
    expect(onSm2.card.nextReviewDate).toBe("2026-03-26");
    expect(onSm2.fsrs).toEqual(onFsrs.fsrs);
    expect(onSm2.forecast.intervals).toEqual(onFsrs.forecast.intervals);
  });

  it("a question answered before FSRS was kept gets its FSRS state from SM-2 ease and interval", () => {
    const card = { easiness: 2.5, intervalDays: 10, repetitions: 3, lastAnsweredAt: new Date("2026-03-01T18:00:00Z"), status: "reviewing" as const, nextReviewDate: "2026-03-11" };
    const plan = planAnswer({ ...base, card, scheduler: "fsrs", at: new Date("2026-03-11T18:00:00Z"), isCorrect: true, confidence: 3 });
    // Converted: S = 10 (the SM-2 interval at 90%), so recall after 10 days is 0.9.
    expect(plan.forecast.recall.fsrs).toBeCloseTo(0.9, 6);
    expect(plan.fsrs.lastReview).toBe("2026-03-11");
  });

  it("a never-answered question has no prediction", () => {
    const plan = planAnswer({ ...base, card: { easiness: 2.5, intervalDays: 0, repetitions: 0 }, at: new Date("2026-03-11T18:00:00Z"), isCorrect: true, confidence: 3 });
    expect(plan.forecast.recall).toEqual({ sm2: null, fsrs: null });
    expect(plan.forecast.intervals).toEqual({ sm2: 1, fsrs: 3 });
  });
});
