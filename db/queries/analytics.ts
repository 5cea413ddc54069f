/**
 * Analytics for one student: mastery by topic (review status shares and answer accuracy) and
 * progress over the last days in their time zone. Reads only; retired questions are left out of
 * mastery (they no longer come up) but their past answers still count as progress.
 */
import "server-only";
import { and, count, eq, gte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import { type DayPoint, fillDays, lastDays } from "@/lib/analytics/days";

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

/** A time zone Postgres and Intl both accept, else UTC (a bad stored value must not break the page). */
export function safeTimeZone(tz: string | null | undefined): string {
  if (!tz) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return "UTC";
  }
}

/** Answers and accuracy per local day, for the `days` days ending today in the student's zone. */
export async function progressByDay(userId: string, opts: { now?: Date; days?: number } = {}) {
  const db = await getDb();
  const now = opts.now ?? new Date();
  const [profile] = await db
    .select({ timezone: userProfiles.timezone })
    .from(userProfiles)
    .where(eq(userProfiles.userId, userId));
  const timeZone = safeTimeZone(profile?.timezone);
  const days = lastDays(now, timeZone, opts.days ?? 30);
  const localDay = sql<string>`((${userAttempts.answeredAt} AT TIME ZONE ${timeZone})::date)::text`;
  // One extra day of margin covers any zone offset; fillDays keeps only the days in range.
  const since = new Date(now.getTime() - (days.length + 1) * 86_400_000);
  const rows = await db
    .select({
      day: localDay,
      answered: count(),
      correct: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})`.mapWith(Number),
    })
    .from(userAttempts)
    .where(and(eq(userAttempts.userId, userId), gte(userAttempts.answeredAt, since)))
    .groupBy(sql`1`);
  const points: DayPoint[] = fillDays(days, rows);
  return { timeZone, points };
}
