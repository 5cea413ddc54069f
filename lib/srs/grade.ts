/**
 * Maps an answer (correct or not, confidence 1-5) to the SM-2 grade q (0-5).
 *
 * | confidence | 1 | 2 | 3 | 4 | 5 |
 * |------------|---|---|---|---|---|
 * | correct    | 3 | 3 | 4 | 5 | 5 |
 * | wrong      | 2 | 2 | 1 | 0 | 0 |
 *
 * Why: SM-2's 3 is "correct with serious difficulty" (a guess that landed), 5 "perfect response".
 * Wrong answers are all failures (q < 3), and the more sure the student was, the worse: a confident
 * wrong answer is a misconception, the worst grade (0); an unsure wrong answer is 2 ("incorrect,
 * but the correct one seemed easy to recall").
 */
export type Confidence = 1 | 2 | 3 | 4 | 5;

const CORRECT: readonly number[] = [3, 3, 4, 5, 5];
const WRONG: readonly number[] = [2, 2, 1, 0, 0];

export function gradeAnswer(isCorrect: boolean, confidence: number): number {
  const c = Math.min(5, Math.max(1, Math.round(confidence)));
  return (isCorrect ? CORRECT : WRONG)[c - 1]!;
}
