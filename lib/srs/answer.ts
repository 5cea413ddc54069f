/**
 * Everything one answer changes, computed without I/O: the SM-2 grade and new card state, the
 * next review date in the student's calendar, XP, level and streak. The database layer
 * (db/queries/answers.ts) only loads the current state, calls this, and writes the result.
 */
import type { ReviewStatus } from "@/db/schema/srs";
import { gradeAnswer } from "./grade";
import { type Sm2Params, type Sm2State, addDays, reviewCard } from "./sm2";
import { type StreakState, localDate, streakAfterAnswer } from "./streak";
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
  card: Sm2State & { lastAnsweredAt?: Date | null; status?: ReviewStatus; nextReviewDate?: string | null };
  profile: StreakState & { xp: number };
  sm2: Sm2Params;
  baseXp: number;
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
  profile: StreakState & { xp: number; level: number };
};

export function planAnswer(i: AnswerPlanInput): AnswerPlan {
  const today = localDate(i.at, i.timeZone);
  const grade = gradeAnswer(i.isCorrect, i.confidence);
  const { lastAnsweredAt, status, nextReviewDate } = i.card;
  if (lastAnsweredAt && status && nextReviewDate && localDate(lastAnsweredAt, i.timeZone) === today) {
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
      profile: { ...streakAfterAnswer(i.profile, today), xp: i.profile.xp, level: levelForXp(i.profile.xp) },
    };
  }
  const next = reviewCard(i.card, grade, i.sm2);
  const xpEarned = xpForAnswer({ difficulty: i.difficulty, isCorrect: i.isCorrect, confidence: i.confidence }, i.baseXp);
  const xp = i.profile.xp + xpEarned;
  return {
    today,
    practice: false,
    grade,
    xpEarned,
    card: { ...next, nextReviewDate: addDays(today, next.intervalDays) },
    profile: { ...streakAfterAnswer(i.profile, today), xp, level: levelForXp(xp) },
  };
}
