/**
 * The question bank: listing with filters, full-text search and sort; one question with its
 * passages and attempts; tags; flags; delete. Every query is scoped to the owner: a question that
 * is not theirs behaves exactly like one that does not exist.
 */
import "server-only";
import { type SQL, and, asc, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type Tx, getDb } from "@/db";
import {
  collectionQuestions,
  collections,
  materialChunks,
  materials,
  questionFlags,
  questionMarks,
  questions,
  reviewSchedules,
  userProfiles,
  userAttempts,
} from "@/db/schema";
import type { ReviewStatus } from "@/db/schema/srs";

const scheduleJoin = and(eq(reviewSchedules.questionId, questions.id), eq(reviewSchedules.userId, questions.userId));
const reviewStatus = sql<ReviewStatus>`coalesce(${reviewSchedules.reviewStatus}, 'new')`;

function searchQuery(text: string) {
  return sql`websearch_to_tsquery('english', ${text})`;
}

/** The bank's filters (lib/bank/query.ts parses them from the URL). */
export type BankFilters = {
  q?: string;
  topic?: string;
  difficulty?: number;
  status?: ReviewStatus | "retired";
  tag?: string;
  material?: string;
  collection?: string;
};

/** The orders the bank lists in (lib/bank/href.ts names them for the menu). */
export type BankOrder = "newest" | "oldest" | "hardest" | "easiest" | "quality" | "answered" | "relevance";

function bankConditions(userId: string, q: BankFilters): SQL {
  const conds: (SQL | undefined)[] = [eq(questions.userId, userId)];
  if (q.q) conds.push(sql`${questions.tsv} @@ ${searchQuery(q.q)}`);
  if (q.topic) conds.push(eq(questions.topic, q.topic));
  if (q.difficulty) conds.push(eq(questions.difficulty, q.difficulty));
  if (q.tag) conds.push(sql`${questions.tags} @> ARRAY[${q.tag}]::text[]`);
  if (q.material) conds.push(eq(questions.materialId, q.material));
  if (q.collection)
    // The collection must be the user's own too, or filtering by someone else's id would leak nothing
    // but still be a probe; this keeps it an empty result.
    conds.push(sql`EXISTS (
      SELECT 1 FROM ${collectionQuestions} JOIN ${collections} ON ${collections.id} = ${collectionQuestions.collectionId}
      WHERE ${collectionQuestions.questionId} = ${questions.id} AND ${collections.id} = ${q.collection} AND ${collections.userId} = ${userId})`);
  if (q.status === "retired") conds.push(eq(questions.retired, true));
  else if (q.status === "new") conds.push(or(isNull(reviewSchedules.reviewStatus), eq(reviewSchedules.reviewStatus, "new")));
  else if (q.status) conds.push(eq(reviewSchedules.reviewStatus, q.status));
  return and(...conds)!;
}

function bankOrder(sort: BankOrder, text: string | undefined): SQL[] {
  const tiebreak = [desc(questions.createdAt), desc(questions.id)];
  switch (sort) {
    case "oldest":
      return [asc(questions.createdAt), asc(questions.id)];
    case "hardest":
      return [desc(questions.difficulty), ...tiebreak];
    case "easiest":
      return [asc(questions.difficulty), ...tiebreak];
    case "quality":
      return [desc(questions.qualityScore), ...tiebreak];
    case "answered":
      return [desc(questions.timesAnswered), ...tiebreak];
    case "relevance":
      return [desc(sql`ts_rank(${questions.tsv}, ${searchQuery(text ?? "")})`), ...tiebreak];
    default:
      return tiebreak;
  }
}

export type BankRow = Awaited<ReturnType<typeof bankPage>>[number];

/** How many of the student's questions match the filters. */
export async function bankCount(userId: string, q: BankFilters): Promise<number> {
  const db = await getDb();
  const [{ total }] = (await db
    .select({ total: count() })
    .from(questions)
    .leftJoin(reviewSchedules, scheduleJoin)
    .where(bankConditions(userId, q))) as [{ total: number }];
  return total;
}

/** One page of the student's matching questions, in `sort` order. */
export async function bankPage(userId: string, q: BankFilters, sort: BankOrder, page: { limit: number; offset: number }) {
  const db = await getDb();
  return db
    .select({
      id: questions.id,
      topic: questions.topic,
      difficulty: questions.difficulty,
      leadIn: questions.leadIn,
      vignette: sql<string>`left(${questions.vignette}, 220)`,
      tags: questions.tags,
      retired: questions.retired,
      qualityScore: questions.qualityScore,
      timesAnswered: questions.timesAnswered,
      timesCorrect: questions.timesCorrect,
      timesFlagged: questions.timesFlagged,
      createdAt: questions.createdAt,
      materialTitle: materials.title,
      status: reviewStatus,
      nextReviewDate: reviewSchedules.nextReviewDate,
      /** The student's own "mark" (db/schema/blocks.ts). */
      marked: sql<boolean>`EXISTS (SELECT 1 FROM ${questionMarks} m WHERE m.user_id = ${userId} AND m.question_id = ${questions.id})`,
    })
    .from(questions)
    .leftJoin(reviewSchedules, scheduleJoin)
    .leftJoin(materials, eq(materials.id, questions.materialId))
    .where(bankConditions(userId, q))
    .orderBy(...bankOrder(sort, q.q))
    .limit(page.limit)
    .offset(page.offset);
}

/** The values the bank's filter menus offer: only what the student actually has. */
export async function bankFacets(userId: string) {
  const db = await getDb();
  const [topics, tags, mats] = await Promise.all([
    db.selectDistinct({ topic: questions.topic }).from(questions).where(eq(questions.userId, userId)).orderBy(questions.topic),
    db.execute<{ tag: string }>(
      sql`SELECT DISTINCT unnest(${questions.tags}) AS tag FROM ${questions} WHERE ${questions.userId} = ${userId} ORDER BY 1`,
    ),
    db
      .selectDistinct({ id: materials.id, title: materials.title })
      .from(materials)
      .innerJoin(questions, eq(questions.materialId, materials.id))
      .where(and(eq(materials.userId, userId), eq(questions.userId, userId)))
      .orderBy(materials.title, materials.id),
  ]);
  const tagRows = "rows" in tags ? (tags.rows as { tag: string }[]) : (tags as unknown as { tag: string }[]);
  return { topics: topics.map((t) => t.topic), tags: tagRows.map((t) => t.tag), materials: mats };
}

/** A question with everything its page shows, or null when it is missing or not the user's. */
export async function getQuestionDetail(userId: string, questionId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      question: questions,
      materialTitle: materials.title,
      status: reviewStatus,
      // null while the question has never been answered (no schedule row yet).
      schedule: {
        nextReviewDate: reviewSchedules.nextReviewDate,
        intervalDays: reviewSchedules.intervalDays,
        easiness: reviewSchedules.easiness,
      },
    })
    .from(questions)
    .leftJoin(reviewSchedules, scheduleJoin)
    .leftJoin(materials, eq(materials.id, questions.materialId))
    .where(and(eq(questions.id, questionId), eq(questions.userId, userId)))
    .limit(1);
  if (!row) return null;
  const ids = row.question.sourceChunkIds;
  const [passages, attempts, memberOf] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .select({
            id: materialChunks.id,
            heading: materialChunks.heading,
            content: materialChunks.content,
            pageStart: materialChunks.pageStart,
            pageEnd: materialChunks.pageEnd,
            materialId: materials.id,
            materialTitle: materials.title,
          })
          .from(materialChunks)
          .innerJoin(materials, eq(materials.id, materialChunks.materialId))
          .where(and(inArray(materialChunks.id, ids), eq(materialChunks.userId, userId))),
    db
      .select({
        id: userAttempts.id,
        answeredAt: userAttempts.answeredAt,
        selectedIndex: userAttempts.selectedIndex,
        isCorrect: userAttempts.isCorrect,
        confidence: userAttempts.confidence,
        timeTakenSeconds: userAttempts.timeTakenSeconds,
        xpEarned: userAttempts.xpEarned,
        intervalAfter: userAttempts.intervalAfter,
        nextReviewDate: userAttempts.nextReviewDate,
      })
      .from(userAttempts)
      .where(and(eq(userAttempts.questionId, questionId), eq(userAttempts.userId, userId)))
      .orderBy(desc(userAttempts.answeredAt))
      .limit(200),
    db
      .select({ id: collectionQuestions.collectionId })
      .from(collectionQuestions)
      .where(eq(collectionQuestions.questionId, questionId)),
  ]);
  // Keep the order the generator cited the passages in.
  passages.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  return { ...row, passages, attempts, collectionIds: memberOf.map((m) => m.id) };
}
export type QuestionDetail = NonNullable<Awaited<ReturnType<typeof getQuestionDetail>>>;

/** Replaces a question's tags (already normalised and validated by the caller's schema); null when missing. */
export async function setQuestionTags(userId: string, questionId: string, tags: string[]) {
  const db = await getDb();
  const [row] = await db
    .update(questions)
    .set({ tags, updatedAt: new Date() })
    .where(and(eq(questions.id, questionId), eq(questions.userId, userId)))
    .returning({ tags: questions.tags });
  return row ? row.tags : null;
}

/**
 * Deletes a question; its attempts, schedule, flags and collection entries go with it (cascade),
 * and the profile's answered/correct totals drop by its attempts, so the dashboard's all-time
 * figures keep agreeing with analytics. XP already earned stays. The question row is locked first,
 * so an answer being written to it finishes before it is counted. False when missing.
 */
export async function deleteQuestion(userId: string, questionId: string): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [q] = await tx
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.id, questionId), eq(questions.userId, userId)))
      .for("update");
    if (!q) return false;
    const [counts] = await tx
      .select({ n: sql<number>`count(*)::int`, c: sql<number>`(count(*) FILTER (WHERE ${userAttempts.isCorrect}))::int` })
      .from(userAttempts)
      .where(and(eq(userAttempts.questionId, questionId), eq(userAttempts.userId, userId)));
    await tx.delete(questions).where(eq(questions.id, questionId));
    if (counts && counts.n > 0) {
      const answered = sql`greatest(0, ${userProfiles.totalQuestionsAnswered} - ${counts.n})`;
      await tx
        .update(userProfiles)
        .set({
          totalQuestionsAnswered: answered,
          totalCorrectAnswers: sql`least(${answered}, greatest(0, ${userProfiles.totalCorrectAnswers} - ${counts.c}))`,
        })
        .where(eq(userProfiles.userId, userId));
    }
    return true;
  });
}

/**
 * Records a "this question is wrong" flag and has `rescore` (lib/srs/question-stats.ts) recompute
 * the question's quality, which may retire it, in the same transaction; null when missing. The row
 * lock serialises concurrent flags and answers on the same question.
 */
export async function flagQuestion(
  userId: string,
  questionId: string,
  reason: string,
  rescore: (tx: Tx, questionId: string, timesFlagged: number, retired: boolean) => Promise<void>,
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [q] = await tx
      .select({ timesFlagged: questions.timesFlagged, retired: questions.retired })
      .from(questions)
      .where(and(eq(questions.id, questionId), eq(questions.userId, userId)))
      .for("update");
    if (!q) return null;
    await tx.insert(questionFlags).values({ userId, questionId, reason });
    await tx
      .update(questions)
      .set({ timesFlagged: sql`${questions.timesFlagged} + 1`, updatedAt: new Date() })
      .where(eq(questions.id, questionId));
    await rescore(tx, questionId, q.timesFlagged + 1, q.retired);
    const [after] = await tx
      .select({
        timesFlagged: questions.timesFlagged,
        timesAnswered: questions.timesAnswered,
        qualityScore: questions.qualityScore,
        retired: questions.retired,
      })
      .from(questions)
      .where(eq(questions.id, questionId));
    return after!;
  });
}
