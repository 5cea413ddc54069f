/**
 * Study insights read from the attempt log: the evidence per topic for weak areas
 * (lib/analytics/weak-areas.ts ranks it). Reads only; retired questions are left out.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { questions, reviewSchedules, userAttempts } from "@/db/schema";

/** One topic's evidence for weak areas, as lib/analytics/weak-areas.ts ranks it. */
export type TopicEvidence = {
  topic: string;
  answered: number;
  correct: number;
  /** Recent wrong answers to questions answered before (since `lapsesSince`). */
  recentLapses: number;
  /** Wrong answers with confidence >= 4. */
  confidentlyWrong: number;
};

function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/**
 * Per topic: answers, correct, recent lapses (wrong answers since `lapsesSince` to a question
 * answered before), confidently wrong (confidence >= 4).
 */
export async function topicEvidence(userId: string, lapsesSince: Date): Promise<TopicEvidence[]> {
  const db = await getDb();
  const since = lapsesSince.toISOString();
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

export type TopicConfidence = {
  topic: string;
  answered: number;
  correct: number;
  avgConfidence: number;
  /** Answers and correct ones at each confidence level 1-5. */
  byConfidence: { confidence: number; answered: number; correct: number }[];
};

/** Per topic: answered, accuracy, average confidence, and accuracy at each confidence level. */
export async function topicConfidence(userId: string): Promise<TopicConfidence[]> {
  const db = await getDb();
  const res = await db.execute(sql`
    SELECT q.topic, ua.confidence, count(*)::int AS answered, (count(*) FILTER (WHERE ua.is_correct))::int AS correct
    FROM ${userAttempts} ua JOIN ${questions} q ON q.id = ua.question_id
    WHERE ua.user_id = ${userId} AND q.user_id = ${userId}
    GROUP BY q.topic, ua.confidence`);
  const by = new Map<string, TopicConfidence>();
  for (const r of rowsOf<{ topic: string; confidence: number; answered: number; correct: number }>(res)) {
    const t = by.get(r.topic) ?? {
      topic: r.topic,
      answered: 0,
      correct: 0,
      avgConfidence: 0,
      byConfidence: [1, 2, 3, 4, 5].map((confidence) => ({ confidence, answered: 0, correct: 0 })),
    };
    const n = Number(r.answered);
    t.avgConfidence = (t.avgConfidence * t.answered + Number(r.confidence) * n) / (t.answered + n);
    t.answered += n;
    t.correct += Number(r.correct);
    const c = t.byConfidence[Number(r.confidence) - 1]!;
    c.answered += n;
    c.correct += Number(r.correct);
    by.set(r.topic, t);
  }
  return [...by.values()].sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic));
}

/** SM-2 effectiveness: per review status, how many questions, their average interval and easiness. */
export async function scheduleByStatus(userId: string) {
  const db = await getDb();
  const res = await db.execute(sql`
    SELECT rs.review_status AS status, count(*)::int AS count, avg(rs.interval_days)::float8 AS "avgInterval",
      avg(rs.easiness)::float8 AS "avgEasiness"
    FROM ${reviewSchedules} rs JOIN ${questions} q ON q.id = rs.question_id
    WHERE rs.user_id = ${userId} AND NOT q.retired
    GROUP BY rs.review_status`);
  return rowsOf<{ status: string; count: number; avgInterval: number; avgEasiness: number }>(res).map((r) => ({
    status: r.status,
    count: Number(r.count),
    avgInterval: Number(r.avgInterval),
    avgEasiness: Number(r.avgEasiness),
  }));
}

/**
 * Each answer's attempt number on its question and the days since the previous answer (in the
 * student's calendar), tallied: for the learning curve and retention by interval.
 */
export async function attemptSequence(userId: string, timeZone: string) {
  const db = await getDb();
  const res = await db.execute(sql`
    WITH a AS (
      SELECT ua.is_correct, (ua.answered_at AT TIME ZONE ${timeZone})::date AS day,
        row_number() OVER w AS nth,
        lag((ua.answered_at AT TIME ZONE ${timeZone})::date) OVER w AS prev_day
      FROM ${userAttempts} ua
      WHERE ua.user_id = ${userId}
      WINDOW w AS (PARTITION BY ua.question_id ORDER BY ua.answered_at, ua.id)
    )
    SELECT nth::int AS nth, coalesce(day - prev_day, -1)::int AS gap, count(*)::int AS answered,
      (count(*) FILTER (WHERE is_correct))::int AS correct
    FROM a GROUP BY 1, 2`);
  return rowsOf<{ nth: number; gap: number; answered: number; correct: number }>(res).map((r) => ({
    nth: Number(r.nth),
    gap: Number(r.gap),
    answered: Number(r.answered),
    correct: Number(r.correct),
  }));
}
