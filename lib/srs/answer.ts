/**
 * Everything one answer changes, computed without I/O: the SM-2 grade and new card state, the
 * FSRS-6 memory state beside it, the next review date (from the student's scheduler) in their
 * calendar, XP, level and streak. The answer use-case (decide.ts) calls this on the state
 * db/queries/answers.ts read, and that module writes the result.
 *
 * Both schedulers run on every answer, whichever one the student uses: SM-2 is a few arithmetic
 * operations, FSRS one ts-fsrs step, and keeping both states current is what lets the answer and
 * question pages show the interval each would choose without another query.
 */
import type { SchedulerName } from "@/db/schema/profiles";
import type { ReviewStatus } from "@/db/schema/srs";
import { type FsrsMemory, type FsrsSettings, fsrsFromSm2, fsrsRecall, fsrsReview } from "./fsrs";
import { gradeAnswer } from "./grade";
import { sm2Recall } from "./predict";
import { ratingForAnswer } from "./rating";
import { statusFor } from "./replay";
import { addDays, daysBetween, localDate } from "@/lib/dates";
import { type Sm2Params, type Sm2State, reviewCard } from "./sm2";
import { type StreakState, streakAfterAnswer } from "./streak";
import { levelForXp, xpForAnswer } from "./xp";

export const MAX_TIME_SECONDS = 3600;

/** Time measured in the page, stored within the schema's 1-3600 s: a long pause is capped, never rejected. */
export function clampTimeTaken(seconds: number): number {
  if (!Number.isFinite(seconds)) return 1;
  return Math.min(MAX_TIME_SECONDS, Math.max(1, Math.round(seconds)));
}

export type AnswerPlanInput = {
  at: Date;
  timeZone: string;
  difficulty: number;
  isCorrect: boolean;
  confidence: number;
  /** The schedule as it stands; `lastAnsweredAt` etc. are absent for a question never answered. */
  card: Sm2State & {
    lastAnsweredAt?: Date | null;
    status?: ReviewStatus;
    nextReviewDate?: string | null;
    /** FSRS memory state and due date; absent for rows written before FSRS was kept. */
    fsrs?: (FsrsMemory & { due: string }) | null;
  };
  profile: StreakState & { xp: number };
  sm2: Sm2Params;
  scheduler: SchedulerName;
  fsrs: FsrsSettings;
  baseXp: number;
};

/** What each scheduler thought of this question at the moment of answering. */
export type Forecast = {
  scheduler: SchedulerName;
  /** Predicted probability of recall before the answer; null for a question never reviewed. */
  recall: { sm2: number | null; fsrs: number | null };
  /** The interval (days) each scheduler gives after this answer; the active one set the date. */
  intervals: { sm2: number; fsrs: number };
};

export type AnswerPlan = {
  today: string;
  /**
   * A second answer to the same question on the same day in the student's calendar (a collection
   * session, another tab): recorded, but it earns no XP and leaves the schedule as it is, so
   * studying a card again cannot push its next review out or farm XP.
   */
  practice: boolean;
  grade: number;
  xpEarned: number;
  card: Sm2State & { status: ReviewStatus; nextReviewDate: string; lapsed: boolean };
  /** The active scheduler's interval (card.intervalDays is always SM-2's). */
  activeIntervalDays: number;
  fsrs: FsrsMemory & { due: string };
  forecast: Forecast;
  profile: StreakState & { xp: number; level: number };
};

/** The question's FSRS state before this answer: as stored, else converted from SM-2, else none. */
function fsrsBefore(card: AnswerPlanInput["card"], lastDay: string | null, s: FsrsSettings) {
  if (card.fsrs) return card.fsrs;
  if (!lastDay || !card.status || card.status === "new") return null;
  const step = fsrsFromSm2(card.easiness, Math.max(1, card.intervalDays), lastDay, s);
  return { ...step.memory, due: step.due };
}

export function planAnswer(i: AnswerPlanInput): AnswerPlan {
  const today = localDate(i.at, i.timeZone);
  const grade = gradeAnswer(i.isCorrect, i.confidence);
  const { lastAnsweredAt, status, nextReviewDate } = i.card;
  // Formatting a date in a time zone is the costliest step here: once per answer.
  const lastDay = lastAnsweredAt ? localDate(lastAnsweredAt, i.timeZone) : null;
  const fsrsPrior = fsrsBefore(i.card, lastDay, i.fsrs);
  const recall = {
    sm2: lastDay && status && status !== "new" ? sm2Recall(daysBetween(lastDay, today), i.card.intervalDays) : null,
    fsrs: fsrsPrior ? fsrsRecall(fsrsPrior, today, i.fsrs) : null,
  };
  if (lastDay && status && nextReviewDate && lastDay === today) {
    const fsrs = fsrsPrior ?? { ...fsrsReview(null, ratingForAnswer(i.isCorrect, i.confidence), today, i.fsrs).memory, due: nextReviewDate };
    const intervals = { sm2: i.card.intervalDays, fsrs: daysBetween(fsrs.lastReview, fsrs.due) };
    return {
      today,
      practice: true,
      grade,
      xpEarned: 0,
      card: {
        easiness: i.card.easiness,
        intervalDays: i.card.intervalDays,
        repetitions: i.card.repetitions,
        status,
        nextReviewDate,
        lapsed: false,
      },
      activeIntervalDays: daysBetween(today, nextReviewDate),
      fsrs,
      forecast: { scheduler: i.scheduler, recall, intervals },
      profile: { ...streakAfterAnswer(i.profile, today), xp: i.profile.xp, level: levelForXp(i.profile.xp) },
    };
  }
  const next = reviewCard(i.card, grade, i.sm2);
  const fsrsNext = fsrsReview(fsrsPrior, ratingForAnswer(i.isCorrect, i.confidence), today, i.fsrs);
  const onFsrs = i.scheduler === "fsrs";
  const activeIntervalDays = onFsrs ? fsrsNext.intervalDays : next.intervalDays;
  const xpEarned = xpForAnswer({ difficulty: i.difficulty, isCorrect: i.isCorrect, confidence: i.confidence }, i.baseXp);
  const xp = i.profile.xp + xpEarned;
  return {
    today,
    practice: false,
    grade,
    xpEarned,
    card: {
      easiness: next.easiness,
      intervalDays: next.intervalDays,
      repetitions: next.repetitions,
      lapsed: next.lapsed,
      status: statusFor(next, activeIntervalDays, i.sm2),
      nextReviewDate: onFsrs ? fsrsNext.due : addDays(today, next.intervalDays),
    },
    activeIntervalDays,
    fsrs: { ...fsrsNext.memory, due: fsrsNext.due },
    forecast: { scheduler: i.scheduler, recall, intervals: { sm2: next.intervalDays, fsrs: fsrsNext.intervalDays } },
    profile: { ...streakAfterAnswer(i.profile, today), xp, level: levelForXp(xp) },
  };
}
