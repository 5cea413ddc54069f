/**
 * The answer use-case, without I/O: given everything one answer depends on (one read,
 * db/queries/answers.ts) it refuses the answer, recognises a repeated submit, or returns every
 * value to write and the result to show. The rules: the option must exist; an idempotency key
 * belongs to one question; the same question again within ANSWER_MIN_INTERVAL_SECONDS is refused
 * (the "5 s rule"); a question never answered starts from the default card; the plan (SM-2/FSRS,
 * XP, streak: answer.ts) and the exam cap (exam.ts) set the schedule; the question's quality score
 * and retirement follow from its answers (quality.ts).
 */
import type { AnswerState, AnswerStep, AnswerWrite } from "@/db/queries/answers";
import { type Env, getEnv } from "@/lib/env";
import { daysBetween } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { clampTimeTaken, planAnswer } from "./answer";
import { retirementRule, sm2Params } from "./config";
import { capForExam } from "./exam";
import { storedFsrs } from "./fsrs";
import { type RetirementRule, attemptCalibration, qualityScore, shouldRetire } from "./quality";
import type { Sm2Params } from "./sm2";
import type { AnswerInput, AnswerOutcome } from "./types";

/** The configuration one answer is decided under. */
export type AnswerRules = {
  sm2: Sm2Params;
  minGapSeconds: number;
  baseXp: number;
  retirement: RetirementRule;
};

export function answerRules(e: Env = getEnv()): AnswerRules {
  return { sm2: sm2Params(e), minGapSeconds: e.ANSWER_MIN_INTERVAL_SECONDS, baseXp: e.XP_BASE, retirement: retirementRule(e) };
}

export const IDEMPOTENCY_CONFLICT = "That submission was already used for a different question. Reload the page and answer again.";

/** The 5 s rule: the refusal for answering the same question `sinceMs` after the last answer, or null. */
export function tooSoon(sinceMs: number, minGapSeconds: number): AppError | null {
  const minGapMs = minGapSeconds * 1000;
  if (sinceMs >= minGapMs) return null;
  const wait = Math.max(1, Math.ceil((minGapMs - sinceMs) / 1000));
  return new AppError("too_fast", `You answered this question a moment ago. Wait ${wait} s before answering it again.`, {
    retryAfterSeconds: wait,
  });
}

export function decideAnswer(
  userId: string,
  state: AnswerState,
  input: AnswerInput,
  at: Date,
  rules: AnswerRules,
): AnswerStep<AnswerOutcome> {
  const question = state.q;
  if (input.selectedIndex >= question.options.length)
    throw new AppError("validation", `Choose one of the ${question.options.length} options.`);
  if (state.priorId) {
    if (state.priorQuestionId !== question.id) throw new AppError("conflict", IDEMPOTENCY_CONFLICT);
    return { kind: "replay", attemptId: state.priorId };
  }
  const profile = state.profile;
  if (!profile) return { kind: "needs_profile" };
  const stored = state.card;
  const card = stored
    ? { ...stored, fsrs: storedFsrs(stored) }
    : {
        easiness: rules.sm2.initialEasiness,
        intervalDays: 0,
        repetitions: 0,
        lastAnsweredAt: null,
        status: "new" as const,
        nextReviewDate: null,
        fsrs: null,
      };

  if (card.lastAnsweredAt) {
    // Either way round: a request whose clock reading came just before the answer that beat it to
    // the lock is a re-answer within the gap too.
    const refusal = tooSoon(Math.abs(at.getTime() - card.lastAnsweredAt.getTime()), rules.minGapSeconds);
    if (refusal) throw refusal;
  }

  const isCorrect = input.selectedIndex === question.correctIndex;
  const timeTaken = clampTimeTaken(input.timeTakenSeconds);
  const plan = planAnswer({
    at,
    timeZone: profile.timezone,
    difficulty: question.difficulty,
    isCorrect,
    confidence: input.confidence,
    card,
    profile,
    sm2: rules.sm2,
    scheduler: profile.scheduler,
    fsrs: { desiredRetention: profile.desiredRetention, maximumInterval: profile.maximumInterval, weights: profile.fsrsWeights },
    baseXp: rules.baseXp,
  });
  // The exam cap (exam.ts), on top of the scheduler: only the date moves.
  const nextReviewDate = plan.practice
    ? plan.card.nextReviewDate
    : capForExam({ today: plan.today, due: plan.card.nextReviewDate, examDate: profile.examDate, questionId: question.id });
  const stats = {
    timesAnswered: state.answered + 1,
    timesCorrect: state.correct + (isCorrect ? 1 : 0),
    timesFlagged: question.timesFlagged,
    meanTimeSeconds: (Number(state.timeSum) + timeTaken) / (state.answered + 1),
    meanCalibration: (Number(state.calibrationSum) + attemptCalibration(isCorrect, input.confidence)) / (state.answered + 1),
  };
  const values: AnswerWrite = {
    userId,
    questionId: question.id,
    timesAnswered: question.timesAnswered,
    timesFlagged: question.timesFlagged,
    totalAnswered: profile.totalQuestionsAnswered,
    xp: profile.xp,
    timezone: profile.timezone,
    schedulerVersion: profile.schedulerVersion,
    scheduler: profile.scheduler,
    selectedIndex: input.selectedIndex,
    isCorrect,
    confidence: input.confidence,
    timeTaken,
    grade: plan.grade,
    xpEarned: plan.xpEarned,
    easiness: plan.card.easiness,
    intervalDays: plan.card.intervalDays,
    repetitions: plan.card.repetitions,
    nextReviewDate,
    status: plan.card.status,
    fsrsStability: plan.fsrs.stability,
    fsrsDifficulty: plan.fsrs.difficulty,
    fsrsState: plan.fsrs.state,
    fsrsLastReview: plan.fsrs.lastReview,
    fsrsDue: plan.fsrs.due,
    at: at.toISOString(),
    idempotencyKey: input.idempotencyKey,
    newXp: plan.profile.xp,
    level: plan.profile.level,
    streak: plan.profile.streak,
    bestStreak: plan.profile.bestStreak,
    lastActivityDate: plan.profile.lastActivityDate,
    correctIncrement: isCorrect ? 1 : 0,
    newTimesAnswered: stats.timesAnswered,
    newTimesCorrect: stats.timesCorrect,
    qualityScore: qualityScore(stats),
    retire: shouldRetire(stats, rules.retirement),
  };
  return {
    kind: "write",
    values,
    outcome: (attemptId) => ({
      attemptId,
      questionId: question.id,
      replayed: false,
      practice: plan.practice,
      isCorrect,
      selectedIndex: input.selectedIndex,
      correctIndex: question.correctIndex,
      confidence: input.confidence,
      grade: plan.grade,
      xpEarned: plan.xpEarned,
      intervalDays: nextReviewDate === plan.card.nextReviewDate ? plan.activeIntervalDays : daysBetween(plan.today, nextReviewDate),
      nextReviewDate,
      reviewStatus: plan.card.status,
      forecast: plan.forecast,
      options: question.options,
      explanation: question.explanation,
      optionExplanations: question.optionExplanations,
      citation: {
        quote: question.sourceQuote,
        materialId: question.materialId,
        materialTitle: state.materialTitle,
        heading: state.heading,
        pageStart: state.pageStart,
        pageEnd: state.pageEnd,
      },
      profile: { xp: plan.profile.xp, level: plan.profile.level, streak: plan.profile.streak, bestStreak: plan.profile.bestStreak },
    }),
  };
}
