/**
 * Maps an answer (correct or not, confidence 1-5) to the FSRS rating, as grade.ts does for SM-2.
 *
 * | confidence | 1    | 2    | 3    | 4    | 5    |
 * |------------|------|------|------|------|------|
 * | correct    | Hard | Hard | Good | Good | Easy |
 * | wrong      | Again| Again| Again| Again| Again|
 *
 * Why: FSRS's ratings are about recall, and its model has one failure grade: any wrong answer is
 * Again (FSRS has no "worse" failure; how sure the student was changes nothing in its memory
 * model). A correct answer given with low confidence (1-2) is a recall that barely made it or a
 * guess that landed: Hard, as SM-2's q = 3 "correct with serious difficulty". Confidence 3-4 is
 * FSRS's ordinary success, Good: FSRS-6's default parameters were fitted on Anki logs where Good
 * is the usual button, so the middle of our scale belongs there. Easy multiplies the stability
 * gain (w16, about 1.9) and is rare in those logs; it is kept for "certain" (5) only. This differs
 * from SM-2's table at confidence 4 (q = 5 there): SM-2 has no separate Easy bonus to overspend.
 */
import { Rating } from "ts-fsrs";

export type FsrsGrade = Rating.Again | Rating.Hard | Rating.Good | Rating.Easy;

const CORRECT: readonly FsrsGrade[] = [Rating.Hard, Rating.Hard, Rating.Good, Rating.Good, Rating.Easy];

export function ratingForAnswer(isCorrect: boolean, confidence: number): FsrsGrade {
  if (!isCorrect) return Rating.Again;
  const c = Math.min(5, Math.max(1, Math.round(confidence)));
  return CORRECT[c - 1]!;
}

export const RATING_NAMES: Record<FsrsGrade, string> = {
  [Rating.Again]: "Again",
  [Rating.Hard]: "Hard",
  [Rating.Good]: "Good",
  [Rating.Easy]: "Easy",
};
