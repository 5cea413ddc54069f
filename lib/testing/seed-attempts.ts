/**
 * Test-only: writes answer history straight into the database (attempts, the question's counters,
 * optionally its schedule status), for the `/api/test/attempts` browser hook and integration tests
 * that need history without going through the answering flow (its 5 s rule and SM-2).
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type Db, type Queryable, getDb } from "@/db";
import { refreshQuestionStats } from "@/lib/srs/question-stats";
import { questions, reviewSchedules, userAttempts } from "@/db/schema";
import type { ReviewStatus } from "@/db/schema/srs";
import { notFound } from "@/lib/errors";

export type AttemptSpec = {
  isCorrect?: boolean;
  confidence?: number;
  seconds?: number;
  answeredAt?: Date;
  selectedIndex?: number;
  xp?: number;
};

/** Inserts attempts for the user's own question, then recounts it (counters, quality, retirement). */
export async function seedAttempts(db: Queryable, userId: string, questionId: string, specs: AttemptSpec[]) {
  const [q] = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.id, questionId), eq(questions.userId, userId)));
  if (!q) throw notFound("That question");
  if (specs.length === 0) return;
  await db.insert(userAttempts).values(
    specs.map((s) => ({
      userId,
      questionId,
      selectedIndex: s.selectedIndex ?? 0,
      isCorrect: s.isCorrect ?? true,
      confidence: s.confidence ?? 3,
      timeTakenSeconds: s.seconds ?? 90,
      grade: s.isCorrect === false ? 1 : 4,
      xpEarned: s.xp ?? 10,
      easinessAfter: 2.5,
      intervalAfter: 1,
      repetitionsAfter: 1,
      nextReviewDate: "2026-01-02",
      reviewStatusAfter: "learning" as const,
      answeredAt: s.answeredAt ?? new Date(),
      idempotencyKey: `seed-${crypto.randomUUID()}`,
    })),
  );
  // Counters, quality and retirement as the answering path leaves them.
  const [row] = await db
    .select({ timesFlagged: questions.timesFlagged, retired: questions.retired })
    .from(questions)
    .where(eq(questions.id, questionId));
  // On a Tx this opens a savepoint; on the Db, a transaction (refreshQuestionStats wants one).
  await (db as Db).transaction((tx) => refreshQuestionStats(tx, questionId, row!.timesFlagged, row!.retired));
}

/** Sets a question's review status (creating its schedule row). */
export async function seedReviewStatus(db: Queryable, userId: string, questionId: string, status: ReviewStatus) {
  const nextReviewDate = status === "new" ? null : "2026-01-10";
  await db
    .insert(reviewSchedules)
    .values({ userId, questionId, easiness: 2.5, reviewStatus: status, nextReviewDate, intervalDays: status === "mastered" ? 30 : 1 })
    .onConflictDoUpdate({
      target: [reviewSchedules.userId, reviewSchedules.questionId],
      set: { reviewStatus: status, nextReviewDate },
    });
}

/**
 * The attempts test hook's whole write, in one transaction: answer history `daysAgo` before `at`,
 * then (if given) the question's review status.
 */
export async function seedAttemptHistory(
  userId: string,
  questionId: string,
  attempts: (Omit<AttemptSpec, "answeredAt"> & { daysAgo: number })[],
  status: ReviewStatus | undefined,
  at: Date,
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await seedAttempts(
      tx,
      userId,
      questionId,
      attempts.map((a) => ({ ...a, answeredAt: new Date(at.getTime() - a.daysAgo * 86_400_000) })),
    );
    if (status) await seedReviewStatus(tx, userId, questionId, status);
  });
}
