/**
 * Attempts after the fact: an attempt with what its result shows (a repeated submit's outcome),
 * and a question's answers recounted from the log (the flag path's quality refresh).
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type Queryable, getDb } from "@/db";
import { materialChunks, materials, questions, userAttempts, userProfiles } from "@/db/schema";
import { calibrationSql } from "./answers";

/** A question's answers recounted from the log (its own index: a handful of rows per question). */
export async function questionAnswerStats(tx: Queryable, questionId: string) {
  const [agg] = await tx
    .select({
      answered: sql<number>`count(*)::int`,
      correct: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})::int`,
      meanTime: sql<number>`coalesce(avg(${userAttempts.timeTakenSeconds}), 0)::float8`,
      meanCalibration: sql<number>`coalesce(avg(${calibrationSql}), 0)::float8`,
    })
    .from(userAttempts)
    .where(eq(userAttempts.questionId, questionId));
  return {
    timesAnswered: agg!.answered,
    timesCorrect: agg!.correct,
    meanTimeSeconds: Number(agg!.meanTime),
    meanCalibration: Number(agg!.meanCalibration),
  };
}

export async function saveQuestionStats(
  tx: Queryable,
  questionId: string,
  v: { timesAnswered: number; timesCorrect: number; qualityScore: number; retired: boolean },
) {
  await tx.update(questions).set(v).where(eq(questions.id, questionId));
}

/** An attempt with its question, the profile and its cited passage; null when it is not the student's. */
export async function attemptRecord(userId: string, attemptId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      a: userAttempts,
      q: questions,
      p: userProfiles,
      // An earlier answer to the same question on the same local day made this one practice.
      practice: sql<boolean>`EXISTS (SELECT 1 FROM ${userAttempts} AS earlier WHERE earlier.user_id = ${userAttempts.userId}
        AND earlier.question_id = ${userAttempts.questionId} AND earlier.answered_at < ${userAttempts.answeredAt}
        AND (earlier.answered_at AT TIME ZONE ${userProfiles.timezone})::date = (${userAttempts.answeredAt} AT TIME ZONE ${userProfiles.timezone})::date)`,
    })
    .from(userAttempts)
    .innerJoin(questions, eq(questions.id, userAttempts.questionId))
    .innerJoin(userProfiles, eq(userProfiles.userId, userAttempts.userId))
    .where(and(eq(userAttempts.id, attemptId), eq(userAttempts.userId, userId)));
  if (!row) return null;
  const citation = await loadCitation(userId, row.q.materialId, row.q.sourceChunkIds[0] ?? null, row.q.sourceQuote);
  return { ...row, practice: Boolean(row.practice), citation };
}

/** The passage a question cites, as the answer card shows it. */
export type Citation = {
  quote: string | null;
  materialId: string | null;
  materialTitle: string | null;
  heading: string | null;
  pageStart: number | null;
  pageEnd: number | null;
};

async function loadCitation(
  userId: string,
  materialId: string | null,
  chunkId: string | null,
  quote: string | null,
): Promise<Citation> {
  const db = await getDb();
  const empty: Citation = { quote, materialId, materialTitle: null, heading: null, pageStart: null, pageEnd: null };
  if (!materialId) return empty;
  const [m] = await db
    .select({ title: materials.title })
    .from(materials)
    .where(and(eq(materials.id, materialId), eq(materials.userId, userId)));
  const [c] = chunkId
    ? await db
        .select({ heading: materialChunks.heading, pageStart: materialChunks.pageStart, pageEnd: materialChunks.pageEnd })
        .from(materialChunks)
        .where(and(eq(materialChunks.id, chunkId), eq(materialChunks.userId, userId)))
    : [];
  return { ...empty, materialTitle: m?.title ?? null, heading: c?.heading ?? null, pageStart: c?.pageStart ?? null, pageEnd: c?.pageEnd ?? null };
}
