/**
 * Weak areas: which of the student's topics most need work, by one documented score (0-1, higher
 * = weaker). Pure; the counts come from db/queries/insights.ts.
 *
 *   score = 0.6 x (1 - upper) + 0.2 x min(1, lapses / 3) + 0.2 x confidentlyWrong / answered
 *
 * - `upper` is the upper bound of the 95 % Wilson score interval of the topic's accuracy. Using
 *   the optimistic end means a topic is called weak only when even the best accuracy its answers
 *   allow is low: 1 of 2 correct (upper 0.91) and even 0 of 1 (upper 0.79) rank below 5 of 20
 *   (upper 0.47). More answers narrow the interval, so it takes evidence to rank high.
 * - `lapses`: wrong answers in the last LAPSE_WINDOW_DAYS days to questions answered before (a
 *   forgotten question, not a first miss). Three recent lapses count fully.
 * - confidently wrong: wrong answers given with confidence 4-5 (a misconception, the worst SM-2
 *   grade), as a share of the topic's answers.
 *
 * Topics without answers are not ranked (nothing is known). Ties go to the topic with more answers.
 */
import type { TopicEvidence } from "@/db/queries/insights";

export const LAPSE_WINDOW_DAYS = 14;
export const WEIGHTS = { accuracy: 0.6, lapses: 0.2, confidentlyWrong: 0.2 } as const;
const Z95 = 1.959963984540054;

export type { TopicEvidence };

export type WeakArea = TopicEvidence & { accuracy: number; upper: number; score: number };

/** The Wilson score interval of k successes in n trials (z = 1.96 for 95 %); [0, 1] for n = 0. */
export function wilsonInterval(k: number, n: number, z = Z95): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export function weakAreaScore(e: TopicEvidence): WeakArea {
  const { upper } = wilsonInterval(e.correct, e.answered);
  const score =
    WEIGHTS.accuracy * (1 - upper) +
    WEIGHTS.lapses * Math.min(1, e.recentLapses / 3) +
    WEIGHTS.confidentlyWrong * (e.answered > 0 ? e.confidentlyWrong / e.answered : 0);
  return { ...e, accuracy: e.answered > 0 ? e.correct / e.answered : 0, upper, score };
}

/** The `limit` weakest topics, weakest first (only topics with answers). */
export function rankWeakAreas(topics: TopicEvidence[], limit = 5): WeakArea[] {
  return topics
    .filter((t) => t.answered > 0)
    .map(weakAreaScore)
    .sort((a, b) => b.score - a.score || b.answered - a.answered || a.topic.localeCompare(b.topic))
    .slice(0, limit);
}
