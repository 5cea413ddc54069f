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
  card: Sm2State;
  profile: StreakState & { xp: number };
  sm2: Sm2Params;
  baseXp: number;
};

export type AnswerPlan = {
  today: string;
  grade: number;
  xpEarned: number;
  card: Sm2State & { status: ReviewStatus; nextReviewDate: string; lapsed: boolean };
  profile: StreakState & { xp: number; level: number };
};

export function planAnswer(i: AnswerPlanInput): AnswerPlan {
  const today = localDate(i.at, i.timeZone);
  const grade = gradeAnswer(i.isCorrect, i.confidence);
  const next = reviewCard(i.card, grade, i.sm2);
  const xpEarned = xpForAnswer({ difficulty: i.difficulty, isCorrect: i.isCorrect, confidence: i.confidence }, i.baseXp);
  const xp = i.profile.xp + xpEarned;
  return {
    today,
    grade,
    xpEarned,
    card: { ...next, nextReviewDate: addDays(today, next.intervalDays) },
    profile: { ...streakAfterAnswer(i.profile, today), xp, level: levelForXp(xp) },
  };
}
