/**
 * Replaying one question's attempt log, in time order, under both schedulers. Pure. The switch
 * (lib/srs/scheduler-service.ts) writes what this returns; analytics reads its predictions.
 *
 * An answer on the same local day as the previous one that moved the schedule is practice (the
 * rule in answer.ts) and is skipped, so a replay reaches the state the answers reached when they
 * were recorded. Days are the student's local dates in their current time zone.
 */
import type { ReviewStatus } from "@/db/schema/srs";
import { type FsrsSettings, type FsrsStep, replayFsrs, weightsOf } from "./fsrs";
import { gradeAnswer } from "./grade";
import { sm2Recall } from "./predict";
import { ratingForAnswer } from "./rating";
import { addDays, daysBetween } from "@/lib/dates";
import { type Sm2Params, type Sm2Result, initialState, reviewCard } from "./sm2";
import { localDate } from "@/lib/dates";
import { forgetting_curve } from "ts-fsrs";

export type LoggedAnswer = { answeredAt: Date; isCorrect: boolean; confidence: number };

/** One review's outcome and what each scheduler predicted for it beforehand. */
export type ReviewPrediction = { answeredAt: Date; recalled: boolean; elapsedDays: number; sm2: number; fsrs: number };

export type QuestionReplay = {
  sm2: Sm2Result & { due: string };
  fsrs: FsrsStep;
  lastAnsweredAt: Date;
  /** Answers that moved the schedule (practice answers excluded). */
  reviews: number;
  /** For every review after the first (the first has no prior state to predict from). */
  predictions: ReviewPrediction[];
};

/** The schedule row's status: SM-2's learning/reviewing rule, "mastered" on the active interval. */
export function statusFor(sm2: Pick<Sm2Result, "lapsed" | "repetitions">, activeInterval: number, p: Sm2Params): ReviewStatus {
  if (sm2.lapsed) return "learning";
  if (activeInterval >= p.masteredIntervalDays) return "mastered";
  return sm2.repetitions >= 2 ? "reviewing" : "learning";
}

export function replayQuestion(
  log: readonly LoggedAnswer[],
  timeZone: string,
  sm2Params: Sm2Params,
  fsrs: FsrsSettings,
): QuestionReplay | null {
  const sorted = [...log].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
  const reviews: { date: string; answer: LoggedAnswer; sm2Before: Sm2Result | null; sm2After: Sm2Result }[] = [];
  let sm2: Sm2Result | null = null;
  for (const answer of sorted) {
    const date = localDate(answer.answeredAt, timeZone);
    if (reviews.length && reviews[reviews.length - 1]!.date === date) continue;
    const after = reviewCard(sm2 ?? initialState(sm2Params), gradeAnswer(answer.isCorrect, answer.confidence), sm2Params);
    reviews.push({ date, answer, sm2Before: sm2, sm2After: after });
    sm2 = after;
  }
  if (!sm2) return null;
  const steps = replayFsrs(
    reviews.map((r) => ({ date: r.date, rating: ratingForAnswer(r.answer.isCorrect, r.answer.confidence) })),
    fsrs,
  );
  const w = weightsOf(fsrs);
  const predictions: ReviewPrediction[] = [];
  for (let i = 1; i < reviews.length; i++) {
    const r = reviews[i]!;
    const elapsedDays = daysBetween(reviews[i - 1]!.date, r.date);
    predictions.push({
      answeredAt: r.answer.answeredAt,
      recalled: r.answer.isCorrect,
      elapsedDays,
      sm2: sm2Recall(elapsedDays, r.sm2Before!.intervalDays),
      fsrs: forgetting_curve(w, elapsedDays, steps[i - 1]!.memory.stability),
    });
  }
  const last = reviews[reviews.length - 1]!;
  return {
    sm2: { ...sm2, due: addDays(last.date, sm2.intervalDays) },
    fsrs: steps[steps.length - 1]!,
    lastAnsweredAt: sorted[sorted.length - 1]!.answeredAt,
    reviews: reviews.length,
    predictions,
  };
}
