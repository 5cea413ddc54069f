/**
 * Recomputes a question's quality score and retirement from its answers and flags (the rule is
 * pure, in lib/srs/quality.ts). Called inside the transaction that changed the inputs (a flag, an
 * answer), after the question row is locked, so the stored score always matches the counts.
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db";
import { questions, userAttempts } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { qualityScore, shouldRetire } from "@/lib/srs/quality";

export async function refreshQuality(tx: Queryable, questionId: string) {
  const [agg] = await tx
    .select({
      timesAnswered: sql<number>`count(*)`.mapWith(Number),
      timesCorrect: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})`.mapWith(Number),
      meanTimeSeconds: sql<number>`coalesce(avg(${userAttempts.timeTakenSeconds}), 0)`.mapWith(Number),
      // attemptCalibration in SQL: correct -> (confidence-1)/4, wrong -> (5-confidence)/4.
      meanCalibration: sql<number>`coalesce(avg(CASE WHEN ${userAttempts.isCorrect}
        THEN (${userAttempts.confidence} - 1) / 4.0 ELSE (5 - ${userAttempts.confidence}) / 4.0 END), 0)`.mapWith(Number),
    })
    .from(userAttempts)
    .where(eq(userAttempts.questionId, questionId));
  const [q] = await tx
    .select({ timesFlagged: questions.timesFlagged, retired: questions.retired })
    .from(questions)
    .where(eq(questions.id, questionId));
  if (!q || !agg) return null;
  const env = getEnv();
  const stats = { ...agg, timesFlagged: q.timesFlagged };
  const score = qualityScore(stats);
  // Retirement is one-way here: a later answer lowering the flag rate does not bring back a question
  // the student said was wrong.
  const retired =
    q.retired ||
    shouldRetire(stats, { minAnswers: env.QUALITY_RETIRE_MIN_ANSWERS, flagRate: env.QUALITY_RETIRE_FLAG_RATE });
  await tx.update(questions).set({ qualityScore: score, retired }).where(eq(questions.id, questionId));
  return { qualityScore: score, retired, timesFlagged: q.timesFlagged, timesAnswered: agg.timesAnswered };
}
