/**
 * The exam date: saving it (and moving already-scheduled dates under the exam cap, lib/srs/exam.ts)
 * and the counts the plan needs. Scoped to the student.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";

function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/**
 * Saves the exam date (null clears it). When today is before the exam's last `finalWeekDays` days,
 * scheduled reviews that would land on or after the exam move into that window, by the same rule
 * and spread as capForExam (lib/srs/exam.ts); clearing the date leaves dates as they are (the next
 * answer schedules normally). Returns how many reviews moved.
 */
export async function saveExamDate(userId: string, examDate: string | null, today: string, finalWeekDays: number): Promise<{ moved: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM ${userProfiles} WHERE ${userProfiles.userId} = ${userId} FOR UPDATE`);
    await tx.update(userProfiles).set({ examDate, updatedAt: new Date() }).where(eq(userProfiles.userId, userId));
    if (!examDate) return { moved: 0 };
    const res = await tx.execute(sql`
      UPDATE ${reviewSchedules} SET
        next_review_date = (${examDate}::date - ${finalWeekDays}::int)
          + ((('x' || right(question_id::text, 2))::bit(8)::int) % ${finalWeekDays}::int),
        updated_at = now()
      WHERE user_id = ${userId} AND review_status IN ('learning', 'reviewing', 'mastered')
        AND next_review_date >= ${examDate}::date
        AND ${today}::date < ${examDate}::date - ${finalWeekDays}::int
      RETURNING question_id`);
    return { moved: rowsOf(res).length };
  });
}

export async function examDateOf(userId: string): Promise<string | null> {
  const db = await getDb();
  const [p] = await db.select({ examDate: userProfiles.examDate }).from(userProfiles).where(eq(userProfiles.userId, userId));
  return p?.examDate ?? null;
}

/** Bank size, questions answered once / at least twice, and scheduled reviews per date before `until`. */
export async function examCounts(userId: string, until: string) {
  const db = await getDb();
  const [bank] = rowsOf<{ bank: number; once: number; twice: number }>(
    await db.execute(sql`
      SELECT count(*)::int AS bank,
        (count(*) FILTER (WHERE n = 1))::int AS once, (count(*) FILTER (WHERE n >= 2))::int AS twice
      FROM (SELECT q.id, (SELECT count(*) FROM ${userAttempts} a WHERE a.user_id = ${userId} AND a.question_id = q.id) AS n
            FROM ${questions} q WHERE q.user_id = ${userId} AND NOT q.retired) x`),
  );
  const due = await db
    .select({ date: sql<string>`${reviewSchedules.nextReviewDate}::text`, count: sql<number>`count(*)::int` })
    .from(reviewSchedules)
    .innerJoin(questions, eq(questions.id, reviewSchedules.questionId))
    .where(
      and(
        eq(reviewSchedules.userId, userId),
        sql`${reviewSchedules.reviewStatus} IN ('learning', 'reviewing', 'mastered')`,
        sql`${reviewSchedules.nextReviewDate} < ${until}`,
        eq(questions.retired, false),
      ),
    )
    .groupBy(reviewSchedules.nextReviewDate);
  return {
    bankSize: Number(bank?.bank ?? 0),
    seenOnce: Number(bank?.once ?? 0),
    seenTwice: Number(bank?.twice ?? 0),
    due: due.map((d) => ({ date: d.date, count: Number(d.count) })),
  };
}
