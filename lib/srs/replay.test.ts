import { Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { planAnswer } from "./answer";
import { DEFAULT_FSRS_SETTINGS as F, replayFsrs } from "./fsrs";
import { replayQuestion } from "./replay";

const sm2 = { minEasiness: 1.3, maxEasiness: 2.5, initialEasiness: 2.5, initialInterval: 1, secondInterval: 6, masteredIntervalDays: 21 };
const tz = "America/New_York";
const at = (s: string) => new Date(s);

// 4 days of answers, one practice answer (same local day), one lapse.
const log = [
  { answeredAt: at("2026-01-01T15:00:00Z"), isCorrect: true, confidence: 3 },
  { answeredAt: at("2026-01-02T15:00:00Z"), isCorrect: true, confidence: 4 },
  { answeredAt: at("2026-01-02T20:00:00Z"), isCorrect: false, confidence: 5 }, // practice
  { answeredAt: at("2026-01-08T15:00:00Z"), isCorrect: false, confidence: 2 },
  { answeredAt: at("2026-01-09T15:00:00Z"), isCorrect: true, confidence: 5 },
];

/** What the answer path stored, answer by answer (the state a switch must reproduce). */
function recorded(scheduler: "sm2" | "fsrs") {
  let card: Parameters<typeof planAnswer>[0]["card"] = { easiness: 2.5, intervalDays: 0, repetitions: 0 };
  let plan!: ReturnType<typeof planAnswer>;
  for (const a of log) {
    plan = planAnswer({
      at: a.answeredAt, timeZone: tz, difficulty: 3, isCorrect: a.isCorrect, confidence: a.confidence, card,
      profile: { xp: 0, streak: 0, bestStreak: 0, lastActivityDate: null }, sm2, scheduler, fsrs: F, baseXp: 10,
    });
    card = { ...plan.card, lastAnsweredAt: a.answeredAt, fsrs: plan.fsrs };
  }
  return plan;
}

describe("replayQuestion", () => {
  it("reaches the SM-2 state the answers reached when recorded (switching back is lossless)", () => {
    const r = replayQuestion(log, tz, sm2, F)!;
    const p = recorded("sm2");
    expect({ ...r.sm2, due: r.sm2.due }).toMatchObject({
      easiness: p.card.easiness, intervalDays: p.card.intervalDays, repetitions: p.card.repetitions, due: p.card.nextReviewDate,
    });
    expect(r.reviews).toBe(4);
    expect(r.lastAnsweredAt).toEqual(log[4]!.answeredAt);
  });

  it("reaches the FSRS state the answer path keeps, through ts-fsrs's reschedule", () => {
    const r = replayQuestion(log, tz, sm2, F)!;
    const p = recorded("fsrs");
    expect(r.fsrs.memory.stability).toBeCloseTo(p.fsrs.stability, 9);
    expect(r.fsrs.memory.difficulty).toBeCloseTo(p.fsrs.difficulty, 9);
    expect(r.fsrs.due).toBe(p.card.nextReviewDate);
    const direct = replayFsrs(
      [
        { date: "2026-01-01", rating: Rating.Good },
        { date: "2026-01-02", rating: Rating.Good },
        { date: "2026-01-08", rating: Rating.Again },
        { date: "2026-01-09", rating: Rating.Easy },
      ],
      F,
    );
    expect(r.fsrs).toEqual(direct[3]);
  });

  it("is order-independent and deterministic: the same log gives the same state twice", () => {
    expect(replayQuestion([...log].reverse(), tz, sm2, F)).toEqual(replayQuestion(log, tz, sm2, F));
  });

  it("predicts each review after the first from the state before it", () => {
    const r = replayQuestion(log, tz, sm2, F)!;
    expect(r.predictions.map((p) => [p.elapsedDays, p.recalled])).toEqual([[1, true], [6, false], [1, true]]);
    // Review 2 came 1 day after a 1-day SM-2 interval: 0.9.
    expect(r.predictions[0]!.sm2).toBeCloseTo(0.9, 9);
    for (const p of r.predictions) expect(p.fsrs).toBeGreaterThan(0);
  });

  it("returns null for an empty log", () => {
    expect(replayQuestion([], tz, sm2, F)).toBeNull();
  });
});
