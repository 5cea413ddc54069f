/**
 * Analytics for one student: mastery by topic (review status shares and answer accuracy) and
 * progress over the last days in their time zone. Reads only; retired questions are left out of
 * mastery (they no longer come up) but their past answers still count as progress.
 */
import "server-only";
import { and, count, eq, gte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { questions, reviewSchedules, userAttempts } from "@/db/schema";

export type TopicMastery = {
  topic: string;
  total: number;
  new: number;
  learning: number;
  reviewing: number;
  mastered: number;
  answered: number;
  correct: number;
  /** null when no answers yet: "no data" is not 0 %. */
  accuracy: number | null;
};

export async function masteryByTopic(userId: string): Promise<TopicMastery[]> {
  const db = await getDb();
  const status = sql`coalesce(${reviewSchedules.reviewStatus}, 'new')`;
  const byStatus = (s: string) => sql<number>`count(*) FILTER (WHERE ${status} = ${s})`.mapWith(Number);
  const [statusRows, answerRows] = await Promise.all([
    db
      .select({
        topic: questions.topic,
        total: count(),
        new: byStatus("new"),
        learning: byStatus("learning"),
        reviewing: byStatus("reviewing"),
        mastered: byStatus("mastered"),
      })
      .from(questions)
      .leftJoin(reviewSchedules, and(eq(reviewSchedules.questionId, questions.id), eq(reviewSchedules.userId, questions.userId)))
      .where(and(eq(questions.userId, userId), eq(questions.retired, false)))
      .groupBy(questions.topic),
    db
      .select({
        topic: questions.topic,
        answered: count(),
        correct: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})`.mapWith(Number),
      })
      .from(userAttempts)
      .innerJoin(questions, eq(questions.id, userAttempts.questionId))
      .where(and(eq(userAttempts.userId, userId), eq(questions.retired, false)))
      .groupBy(questions.topic),
  ]);
  const answers = new Map(answerRows.map((r) => [r.topic, r]));
  return statusRows
    .map((r) => {
      const a = answers.get(r.topic);
      const answered = a?.answered ?? 0;
      const correct = a?.correct ?? 0;
      return { ...r, answered, correct, accuracy: answered > 0 ? correct / answered : null };
    })
    .sort((x, y) => y.total - x.total || x.topic.localeCompare(y.topic));
}

/**
 * Answers and correct answers per local day (YYYY-MM-DD in `timeZone`, which the caller has
 * checked) for answers at or after `since`; days without answers have no row.
 */
export async function answersByLocalDay(userId: string, timeZone: string, since: Date) {
  const db = await getDb();
  const localDay = sql<string>`((${userAttempts.answeredAt} AT TIME ZONE ${timeZone})::date)::text`;
  return db
    .select({
      day: localDay,
      answered: count(),
      correct: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})`.mapWith(Number),
    })
    .from(userAttempts)
    .where(and(eq(userAttempts.userId, userId), gte(userAttempts.answeredAt, since)))
    .groupBy(sql`1`);
}
