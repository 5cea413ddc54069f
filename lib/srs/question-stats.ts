/**
 * A question's quality score and retirement recomputed from its whole answer log (the bank's flag
 * path and the test seeders; the answer path applies the same rule to one more answer in decide.ts).
 */
import "server-only";
import type { Tx } from "@/db";
import { questionAnswerStats, saveQuestionStats } from "@/db/queries/attempts";
import { retirementRule } from "./config";
import { qualityScore, shouldRetire } from "./quality";

export async function refreshQuestionStats(tx: Tx, questionId: string, timesFlagged: number, retired: boolean) {
  const stats = { ...(await questionAnswerStats(tx, questionId)), timesFlagged };
  await saveQuestionStats(tx, questionId, {
    timesAnswered: stats.timesAnswered,
    timesCorrect: stats.timesCorrect,
    qualityScore: qualityScore(stats),
    // Retirement is one-way here: un-retiring is a decision for the student, not for new answers.
    retired: retired || shouldRetire(stats, retirementRule()),
  });
}
