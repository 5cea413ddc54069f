import { describe, expect, it } from "vitest";
import { attemptCalibration, qualityBreakdown, qualityScore, shouldRetire, type QuestionStats } from "./quality";

const stats = (o: Partial<QuestionStats>): QuestionStats => ({
  timesAnswered: 10,
  timesCorrect: 6,
  timesFlagged: 0,
  meanTimeSeconds: 90,
  meanCalibration: 1,
  ...o,
});

describe("attemptCalibration", () => {
  it.each([
    [true, 5, 1],
    [true, 1, 0],
    [true, 3, 0.5],
    [false, 5, 0], // confident and wrong: misleading
    [false, 1, 1], // unsure and wrong: honest
    [false, 4, 0.25],
  ])("correct=%s confidence=%i -> %d", (correct, conf, want) => {
    expect(attemptCalibration(correct, conf)).toBe(want);
  });
});

describe("qualityScore", () => {
  it.each<[string, Partial<QuestionStats>, number]>([
    ["ideal question", {}, 1],
    ["never answered is unrated", { timesAnswered: 0, timesCorrect: 0 }, 0],
    // success 100 %: success part 0 -> 0.3 + 0.2 + 0.1
    ["everyone right (trivial)", { timesCorrect: 10 }, 0.6],
    // success 0 %: success part 0
    ["everyone wrong", { timesCorrect: 0 }, 0.6],
    // 85 %: (1 - 0.85) / 0.3 = 0.5 -> 0.4*0.5 + 0.6
    ["85 % correct", { timesCorrect: 17, timesAnswered: 20 }, 0.8],
    // 25 %: 0.25 / 0.5 = 0.5
    ["25 % correct", { timesCorrect: 1, timesAnswered: 4 }, 0.8],
    // 30 s: 30/60 = 0.5 -> 0.4 + 0.15 + 0.2 + 0.1
    ["answered in 30 s", { meanTimeSeconds: 30 }, 0.85],
    // 360 s: (600-360)/480 = 0.5
    ["answered in 360 s", { meanTimeSeconds: 360 }, 0.85],
    ["answered in 900 s", { meanTimeSeconds: 900 }, 0.7],
    ["badly calibrated", { meanCalibration: 0 }, 0.8],
    // 2 flags in 10 answers: 0.1 * 0.8
    ["20 % flagged", { timesFlagged: 2 }, 0.98],
    ["more flags than answers is capped", { timesFlagged: 50 }, 0.9],
  ])("%s", (_name, s, want) => {
    expect(qualityScore(stats(s))).toBeCloseTo(want, 6);
  });

  it("exposes the four parts with the design review's weights (docs/architecture-review.md §9)", () => {
    const b = qualityBreakdown(stats({ timesCorrect: 17, timesAnswered: 20, meanTimeSeconds: 30, timesFlagged: 2 }));
    expect(b).toMatchObject({ success: 0.5, time: 0.5, calibration: 1, flags: 0.9 });
    expect(b.score).toBeCloseTo(0.4 * 0.5 + 0.3 * 0.5 + 0.2 + 0.1 * 0.9, 6);
  });
});

describe("shouldRetire", () => {
  const rule = { minAnswers: 10, flagRate: 0.1 };
  it.each([
    [9, 9, false], // below the minimum, however many flags
    [10, 1, false], // exactly 10 % is not more than 10 %
    [10, 2, true],
    [40, 4, false],
    [40, 5, true],
    [0, 3, false],
  ])("%i answers, %i flags -> %s", (timesAnswered, timesFlagged, want) => {
    expect(shouldRetire({ timesAnswered, timesFlagged }, rule)).toBe(want);
  });

  it("honours a configured minimum", () => {
    expect(shouldRetire({ timesAnswered: 3, timesFlagged: 1 }, { minAnswers: 3, flagRate: 0.1 })).toBe(true);
  });
});
