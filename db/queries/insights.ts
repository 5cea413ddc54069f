/**
 * Study insights read from the attempt log: the evidence per topic for weak areas
 * (lib/analytics/weak-areas.ts ranks it). Reads only; retired questions are left out.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { questions, userAttempts } from "@/db/schema";
import { LAPSE_WINDOW_DAYS, type TopicEvidence } from "@/lib/analytics/weak-areas";

function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/** Per topic: answers, correct, recent lapses (wrong on a question answered before), confidently wrong. */
export async function topicEvidence(userId: string, now: Date): Promise<TopicEvidence[]> {
  const db = await getDb();
  const since = new Date(now.getTime() - LAPSE_WINDOW_DAYS * 86_400_000).toISOString();
  const res = await db.execute(sql`
    WITH a AS (
      SELECT q.topic, ua.is_correct, ua.confidence, ua.answered_at,
        row_number() OVER (PARTITION BY ua.question_id ORDER BY ua.answered_at, ua.id) AS nth
      FROM ${userAttempts} ua JOIN ${questions} q ON q.id = ua.question_id
      WHERE ua.user_id = ${userId} AND q.user_id = ${userId} AND NOT q.retired
    )
    SELECT topic, count(*)::int AS answered, (count(*) FILTER (WHERE is_correct))::int AS correct,
      (count(*) FILTER (WHERE NOT is_correct AND nth > 1 AND answered_at >= ${since}))::int AS "recentLapses",
      (count(*) FILTER (WHERE NOT is_correct AND confidence >= 4))::int AS "confidentlyWrong"
    FROM a GROUP BY topic`);
  return rowsOf<TopicEvidence>(res).map((r) => ({
    topic: r.topic,
    answered: Number(r.answered),
    correct: Number(r.correct),
    recentLapses: Number(r.recentLapses),
    confidentlyWrong: Number(r.confidentlyWrong),
  }));
}
