import { describe, expect, it } from "vitest";
import type { AnswerState } from "@/db/queries/answers";
import { isAppError } from "@/lib/errors";
import { type AnswerRules, IDEMPOTENCY_CONFLICT, decideAnswer, tooSoon } from "./decide";
import type { AnswerInput } from "./types";

const rules: AnswerRules = {
  sm2: { minEasiness: 1.3, maxEasiness: 2.5, initialEasiness: 2.5, initialInterval: 1, secondInterval: 6, masteredIntervalDays: 21 },
  minGapSeconds: 5,
  baseXp: 10,
  retirement: { minAnswers: 10, flagRate: 0.1 },
};
const USER = "u-1";
const QID = "00000000-0000-4000-8000-0000000000a7";
const T0 = new Date("2026-03-10T12:00:00Z");
const sec = (s: number) => new Date(T0.getTime() + s * 1000);

type Patch = { q?: Partial<AnswerState["q"]>; card?: Partial<NonNullable<AnswerState["card"]>> | null; profile?: Partial<NonNullable<AnswerState["profile"]>> | null } & Partial<
  Omit<AnswerState, "q" | "card" | "profile">
>;

function state(p: Patch = {}): AnswerState {
  const { q, card, profile, ...rest } = p;
  return {
    q: {
      id: QID,
      difficulty: 3,
      options: ["A", "B", "C", "D"],
      correctIndex: 2,
      explanation: "Because C.",
      optionExplanations: ["a", "b", "c", "d"],
      sourceQuote: "the quote",
      materialId: "m-1",
      timesAnswered: 0,
      timesFlagged: 0,
      ...q,
    },
    materialTitle: "Heart",
    heading: "Chambers",
    pageStart: 3,
    pageEnd: 4,
    card:
      card === null || card === undefined
        ? null
        : {
            easiness: 2.5,
            intervalDays: 1,
            repetitions: 1,
            lastAnsweredAt: new Date("2026-03-09T12:00:00Z"),
            status: "learning",
            nextReviewDate: "2026-03-10",
            fsrsStability: null,
            fsrsDifficulty: null,
            fsrsState: null,
            fsrsLastReview: null,
            fsrsDue: null,
            ...card,
          },
    profile:
      profile === null
        ? null
        : {
            xp: 100,
            streak: 2,
            bestStreak: 5,
            lastActivityDate: "2026-03-09",
            totalQuestionsAnswered: 7,
            timezone: "UTC",
            scheduler: "sm2",
            desiredRetention: 0.9,
            maximumInterval: 36500,
            fsrsWeights: null,
            schedulerVersion: 3,
            examDate: null,
            ...profile,
          },
    priorId: null,
    priorQuestionId: null,
    answered: 0,
    correct: 0,
    timeSum: 0,
    calibrationSum: 0,
    ...rest,
  } as AnswerState;
}

const input = (over: Partial<AnswerInput> = {}): AnswerInput => ({
  questionId: QID,
  selectedIndex: 2,
  confidence: 5,
  timeTakenSeconds: 40,
  idempotencyKey: "k-1",
  ...over,
});

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, extra: e.extra };
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("decideAnswer: refusals", () => {
  it.each([
    ["an option that does not exist", state(), input({ selectedIndex: 4 }), sec(0), "validation", "Choose one of the 4 options."],
    ["a key used for another question", state({ priorId: "a-0", priorQuestionId: "other" }), input(), sec(0), "conflict", IDEMPOTENCY_CONFLICT],
    [
      "the same question 4 s after the last answer",
      state({ card: { lastAnsweredAt: T0 } }),
      input(),
      sec(4),
      "too_fast",
      "You answered this question a moment ago. Wait 1 s before answering it again.",
    ],
    [
      "the same question 0.5 s after",
      state({ card: { lastAnsweredAt: T0 } }),
      input(),
      sec(0.5),
      "too_fast",
      "You answered this question a moment ago. Wait 5 s before answering it again.",
    ],
    [
      "a clock reading 2 s before the answer that beat it",
      state({ card: { lastAnsweredAt: sec(2) } }),
      input(),
      T0,
      "too_fast",
      "You answered this question a moment ago. Wait 3 s before answering it again.",
    ],
  ])("refuses %s", (_, s, i, at, code, message) => {
    expect(refusal(() => decideAnswer(USER, s, i, at, rules))).toMatchObject({ code, message });
  });

  it("says how long to wait in the error's extra", () => {
    expect(refusal(() => decideAnswer(USER, state({ card: { lastAnsweredAt: T0 } }), input(), sec(2), rules)).extra).toEqual({
      retryAfterSeconds: 3,
    });
  });
});

describe("tooSoon (the 5 s rule)", () => {
  it.each([
    [0, 5, 5],
    [4_001, 5, 1],
    [4_999, 5, 1],
    [5_000, 5, null],
    [60_000, 5, null],
    [0, 0, null],
  ])("%i ms after, gap %i s: wait %s", (since, gap, wait) => {
    const r = tooSoon(since, gap);
    expect(r ? r.extra : null).toEqual(wait === null ? null : { retryAfterSeconds: wait });
  });
});

describe("decideAnswer: what it decides", () => {
  it("a repeated submit of the same question is a replay of the prior attempt", () => {
    expect(decideAnswer(USER, state({ priorId: "a-0", priorQuestionId: QID }), input(), sec(0), rules)).toEqual({
      kind: "replay",
      attemptId: "a-0",
    });
  });

  it("a student without a profile row gets one first", () => {
    expect(decideAnswer(USER, state({ profile: null }), input(), sec(0), rules)).toEqual({ kind: "needs_profile" });
  });

  it.each([
    // [case, state, input, at, expected write values]
    [
      "first answer, correct and sure: the default card's first repetition",
      state(),
      input(),
      T0,
      { isCorrect: true, easiness: 2.5 /* held at the maximum */, intervalDays: 1, repetitions: 1, status: "learning", nextReviewDate: "2026-03-11", correctIncrement: 1 },
    ],
    [
      "first answer, wrong: a lapse, due tomorrow",
      state(),
      input({ selectedIndex: 0, confidence: 3 }),
      T0,
      { isCorrect: false, easiness: 2.5, intervalDays: 1, repetitions: 0, status: "learning", nextReviewDate: "2026-03-11", correctIncrement: 0 },
    ],
    [
      "second successful repetition: SM-2's second interval",
      state({ card: { repetitions: 1, intervalDays: 1, lastAnsweredAt: new Date("2026-03-09T12:00:00Z") } }),
      input(),
      T0,
      { repetitions: 2, intervalDays: 6, status: "reviewing", nextReviewDate: "2026-03-16" },
    ],
    [
      // The final week starts on the 13th; this question's id spreads it to day 6 of that week.
      "an exam date caps a review that would fall after it",
      state({ card: { repetitions: 2, intervalDays: 6, lastAnsweredAt: new Date("2026-03-04T12:00:00Z") }, profile: { examDate: "2026-03-20" } }),
      input(),
      T0,
      { repetitions: 3, intervalDays: 15, nextReviewDate: "2026-03-19" },
    ],
  ])("%s", (_, s, i, at, want) => {
    const d = decideAnswer(USER, s, i, at, rules);
    if (d.kind !== "write") throw new Error(`expected a write, got ${d.kind}`);
    expect(d.values).toMatchObject(want);
  });

  it("the write is guarded by the counts it read and carries the student's identity and key", () => {
    const d = decideAnswer(USER, state({ q: { timesAnswered: 4, timesFlagged: 1 }, answered: 4, correct: 2 }), input(), T0, rules);
    if (d.kind !== "write") throw new Error(d.kind);
    expect(d.values).toMatchObject({
      userId: USER,
      questionId: QID,
      idempotencyKey: "k-1",
      timesAnswered: 4,
      timesFlagged: 1,
      totalAnswered: 7,
      xp: 100,
      timezone: "UTC",
      schedulerVersion: 3,
      newTimesAnswered: 5,
      newTimesCorrect: 3,
      at: T0.toISOString(),
      timeTaken: 40,
    });
  });

  it.each([
    ["below the minimum answers", 8, 5, false],
    ["enough answers, flag rate above the rule", 9, 2, true],
    ["enough answers, flag rate at the rule", 9, 1, false],
  ])("retirement: %s", (_, answered, flags, retire) => {
    const d = decideAnswer(USER, state({ q: { timesAnswered: answered, timesFlagged: flags }, answered }), input(), T0, rules);
    if (d.kind !== "write") throw new Error(d.kind);
    expect(d.values.retire).toBe(retire);
  });

  it("a second answer the same local day is practice: no XP, the schedule stays", () => {
    const s = state({ card: { lastAnsweredAt: new Date("2026-03-10T08:00:00Z"), nextReviewDate: "2026-03-11" } });
    const d = decideAnswer(USER, s, input(), T0, rules);
    if (d.kind !== "write") throw new Error(d.kind);
    expect(d.values).toMatchObject({ xpEarned: 0, nextReviewDate: "2026-03-11", newXp: 100 });
    expect(d.outcome("a-1")).toMatchObject({ practice: true, xpEarned: 0 });
  });

  it("the outcome shows the attempt, the answer key and the cited passage", () => {
    const d = decideAnswer(USER, state(), input({ selectedIndex: 1 }), T0, rules);
    if (d.kind !== "write") throw new Error(d.kind);
    expect(d.outcome("a-9")).toMatchObject({
      attemptId: "a-9",
      questionId: QID,
      replayed: false,
      practice: false,
      isCorrect: false,
      selectedIndex: 1,
      correctIndex: 2,
      explanation: "Because C.",
      citation: { quote: "the quote", materialId: "m-1", materialTitle: "Heart", heading: "Chambers", pageStart: 3, pageEnd: 4 },
    });
  });
});
