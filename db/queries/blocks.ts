/**
 * Blocks (db/schema/blocks.ts): choosing the questions, saving a timed block's progress, linking
 * tutor answers, submitting, the review screen and the list; and marks. Every query is scoped to
 * the owner: another student's block or question behaves as one that does not exist.
 */
import "server-only";
import { type SQL, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { type Tx, getDb } from "@/db";
import {
  type BlockCriteria,
  type BlockMode,
  blockItems,
  blocks,
  collectionQuestions,
  collections,
  materials,
  questionFlags,
  questionMarks,
  questions,
  reviewSchedules,
  userAttempts,
} from "@/db/schema";
import type { StudyCard } from "./reviews";

/** The pool and filters as SQL conditions on `questions` (the student's own, not retired). */
function poolConditions(userId: string, c: BlockCriteria, today: string): SQL {
  const conds: SQL[] = [eq(questions.userId, userId), eq(questions.retired, false)];
  if (c.topics.length) conds.push(inArray(questions.topic, c.topics));
  if (c.materialIds.length) conds.push(inArray(questions.materialId, c.materialIds));
  if (c.tags.length) conds.push(sql`${questions.tags} && ARRAY[${sql.join(c.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`);
  if (c.collectionIds.length)
    conds.push(sql`EXISTS (SELECT 1 FROM ${collectionQuestions} JOIN ${collections} ON ${collections.id} = ${collectionQuestions.collectionId}
      WHERE ${collectionQuestions.questionId} = ${questions.id} AND ${collections.userId} = ${userId}
      AND ${collections.id} IN (${sql.join(c.collectionIds.map((id) => sql`${id}`), sql`, `)}))`);
  const incorrect = sql`EXISTS (SELECT 1 FROM ${reviewSchedules} rs JOIN ${userAttempts} a ON a.id = rs.last_attempt_id
        WHERE rs.user_id = ${userId} AND rs.question_id = ${questions.id} AND NOT a.is_correct)`;
  const due = sql`EXISTS (SELECT 1 FROM ${reviewSchedules} rs WHERE rs.user_id = ${userId} AND rs.question_id = ${questions.id}
        AND rs.review_status IN ('learning', 'reviewing', 'mastered') AND rs.next_review_date <= ${today})`;
  switch (c.pool) {
    case "unused":
      conds.push(sql`NOT EXISTS (SELECT 1 FROM ${userAttempts} a WHERE a.user_id = ${userId} AND a.question_id = ${questions.id})`);
      break;
    case "incorrect":
      // The latest answer to it was wrong (UWorld's "incorrect").
      conds.push(incorrect);
      break;
    case "marked":
      conds.push(sql`EXISTS (SELECT 1 FROM ${questionMarks} m WHERE m.user_id = ${userId} AND m.question_id = ${questions.id})`);
      break;
    case "flagged":
      conds.push(sql`EXISTS (SELECT 1 FROM ${questionFlags} f WHERE f.user_id = ${userId} AND f.question_id = ${questions.id})`);
      break;
    case "due":
      conds.push(due);
      break;
    case "due_or_incorrect":
      conds.push(sql`(${due} OR ${incorrect})`);
      break;
    case "all":
      break;
  }
  return and(...conds)!;
}

/** How many of the student's questions a block with these criteria could draw from. */
export async function poolSize(userId: string, c: BlockCriteria, today: string): Promise<number> {
  const db = await getDb();
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(questions).where(poolConditions(userId, c, today));
  return r?.n ?? 0;
}

/**
 * Makes a block of up to `count` questions drawn at random from the pool (fewer when the pool is
 * smaller); null when the pool is empty.
 */
export async function createBlock(
  userId: string,
  input: { mode: BlockMode; count: number; secondsPerQuestion: number; criteria: BlockCriteria },
  today: string,
): Promise<{ id: string; questionCount: number } | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: questions.id })
      .from(questions)
      .where(poolConditions(userId, input.criteria, today))
      .orderBy(sql`random()`)
      .limit(input.count);
    if (picked.length === 0) return null;
    const [block] = await tx
      .insert(blocks)
      .values({
        userId,
        mode: input.mode,
        criteria: input.criteria,
        questionCount: picked.length,
        timeLimitSeconds: input.mode === "timed" ? picked.length * input.secondsPerQuestion : null,
      })
      .returning({ id: blocks.id });
    await tx.insert(blockItems).values(picked.map((q, position) => ({ blockId: block!.id, position, questionId: q.id })));
    return { id: block!.id, questionCount: picked.length };
  });
}

export type BlockRow = typeof blocks.$inferSelect;

export async function findBlock(userId: string, blockId: string): Promise<BlockRow | null> {
  const db = await getDb();
  const [b] = await db.select().from(blocks).where(and(eq(blocks.id, blockId), eq(blocks.userId, userId)));
  return b ?? null;
}

/** One item as the runner sees it before the block ends: never the key or the explanations. */
export type BlockRunnerItem = {
  position: number;
  card: StudyCard;
  selectedIndex: number | null;
  confidence: number | null;
  timeSpentSeconds: number;
  answered: boolean;
  marked: boolean;
};

export async function blockRunnerItems(userId: string, blockId: string): Promise<BlockRunnerItem[]> {
  const db = await getDb();
  const rows = await db
    .select({
      position: blockItems.position,
      selectedIndex: blockItems.selectedIndex,
      confidence: blockItems.confidence,
      timeSpentSeconds: blockItems.timeSpentSeconds,
      attemptId: blockItems.attemptId,
      id: questions.id,
      topic: questions.topic,
      difficulty: questions.difficulty,
      vignette: questions.vignette,
      leadIn: questions.leadIn,
      options: questions.options,
      materialTitle: materials.title,
      marked: sql<boolean>`EXISTS (SELECT 1 FROM ${questionMarks} m WHERE m.user_id = ${userId} AND m.question_id = ${questions.id})`,
    })
    .from(blockItems)
    .innerJoin(blocks, eq(blocks.id, blockItems.blockId))
    .innerJoin(questions, eq(questions.id, blockItems.questionId))
    .leftJoin(materials, eq(materials.id, questions.materialId))
    .where(and(eq(blockItems.blockId, blockId), eq(blocks.userId, userId)))
    .orderBy(asc(blockItems.position));
  return rows.map((r) => ({
    position: r.position,
    card: {
      id: r.id,
      topic: r.topic,
      difficulty: r.difficulty,
      vignette: r.vignette,
      leadIn: r.leadIn,
      options: r.options,
      materialTitle: r.materialTitle,
      dueDate: null,
    },
    selectedIndex: r.selectedIndex,
    confidence: r.confidence,
    timeSpentSeconds: r.timeSpentSeconds,
    answered: r.attemptId !== null,
    marked: Boolean(r.marked),
  }));
}

export type BlockProgress = {
  currentPosition: number;
  elapsedSeconds: number;
  items: { position: number; selectedIndex: number | null; confidence: number | null; timeSpentSeconds: number }[];
};

/** Saves a block's progress while it is in progress; false when it is not (submitted, or not theirs). */
export async function saveBlockProgress(userId: string, blockId: string, p: BlockProgress): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [b] = await tx
      .update(blocks)
      .set({
        currentPosition: sql`least(${p.currentPosition}, ${blocks.questionCount} - 1)`,
        // Time only moves forward: a late save from an older tab cannot give time back.
        elapsedSeconds: sql`greatest(${blocks.elapsedSeconds}, ${p.elapsedSeconds})`,
        updatedAt: new Date(),
      })
      .where(and(eq(blocks.id, blockId), eq(blocks.userId, userId), eq(blocks.status, "in_progress")))
      .returning({ id: blocks.id, mode: blocks.mode });
    if (!b) return false;
    for (const item of p.items) {
      await tx
        .update(blockItems)
        .set({
          // Tutor answers are fixed once recorded; timed choices may change until submission.
          selectedIndex: sql`CASE WHEN ${blockItems.attemptId} IS NULL THEN ${item.selectedIndex}::smallint ELSE ${blockItems.selectedIndex} END`,
          confidence: sql`CASE WHEN ${blockItems.attemptId} IS NULL THEN ${item.confidence}::smallint ELSE ${blockItems.confidence} END`,
          timeSpentSeconds: sql`greatest(${blockItems.timeSpentSeconds}, ${item.timeSpentSeconds})`,
        })
        .where(and(eq(blockItems.blockId, blockId), eq(blockItems.position, item.position)));
    }
    return true;
  });
}

/** What a timed block submits: each answered item as an answer, with the key made with the block. */
export async function blockAnswersToSubmit(userId: string, blockId: string) {
  const db = await getDb();
  return db
    .select({
      position: blockItems.position,
      questionId: blockItems.questionId,
      selectedIndex: blockItems.selectedIndex,
      confidence: blockItems.confidence,
      timeSpentSeconds: blockItems.timeSpentSeconds,
      idempotencyKey: blockItems.idempotencyKey,
      attemptId: blockItems.attemptId,
    })
    .from(blockItems)
    .innerJoin(blocks, eq(blocks.id, blockItems.blockId))
    .where(and(eq(blockItems.blockId, blockId), eq(blocks.userId, userId)))
    .orderBy(asc(blockItems.position));
}

/** Inside the answer batch's transaction: link each attempt to its item and close the block. */
export async function closeBlockInTx(tx: Tx, blockId: string, linked: { questionId: string; attemptId: string }[]) {
  for (const l of linked)
    await tx
      .update(blockItems)
      .set({ attemptId: l.attemptId })
      .where(and(eq(blockItems.blockId, blockId), eq(blockItems.questionId, l.questionId)));
  await tx
    .update(blocks)
    .set({ status: "submitted", submittedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(blocks.id, blockId), eq(blocks.status, "in_progress")));
}

/** Closes a block with no answers to record (tutor blocks, or a timed block left blank); false when missing. */
export async function closeBlock(userId: string, blockId: string): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [b] = await tx.select({ id: blocks.id }).from(blocks).where(and(eq(blocks.id, blockId), eq(blocks.userId, userId)));
    if (!b) return false;
    await closeBlockInTx(tx, blockId, []);
    return true;
  });
}

/**
 * Tutor mode: the answer went through the ordinary answer path; this links the attempt to the item.
 * The attempt must be the student's, for this item's question.
 */
export async function linkTutorAnswer(
  userId: string,
  blockId: string,
  input: { position: number; attemptId: string; timeSpentSeconds: number },
): Promise<boolean> {
  const db = await getDb();
  const res = await db
    .update(blockItems)
    .set({
      attemptId: input.attemptId,
      selectedIndex: sql`(SELECT a.selected_index FROM ${userAttempts} a WHERE a.id = ${input.attemptId})`,
      confidence: sql`(SELECT a.confidence FROM ${userAttempts} a WHERE a.id = ${input.attemptId})`,
      timeSpentSeconds: input.timeSpentSeconds,
    })
    .where(
      and(
        eq(blockItems.blockId, blockId),
        eq(blockItems.position, input.position),
        sql`EXISTS (SELECT 1 FROM ${blocks} b WHERE b.id = ${blockId} AND b.user_id = ${userId} AND b.mode = 'tutor')`,
        sql`EXISTS (SELECT 1 FROM ${userAttempts} a WHERE a.id = ${input.attemptId} AND a.user_id = ${userId} AND a.question_id = ${blockItems.questionId})`,
      ),
    )
    .returning({ position: blockItems.position });
  if (res.length) await db.update(blocks).set({ currentPosition: input.position, updatedAt: new Date() }).where(eq(blocks.id, blockId));
  return res.length > 0;
}

/** The review screen: every item with the question, the choice, the key and the explanations. */
export async function blockReviewItems(userId: string, blockId: string) {
  const db = await getDb();
  return db
    .select({
      position: blockItems.position,
      questionId: questions.id,
      topic: questions.topic,
      vignette: questions.vignette,
      leadIn: questions.leadIn,
      options: questions.options,
      correctIndex: questions.correctIndex,
      explanation: questions.explanation,
      optionExplanations: questions.optionExplanations,
      selectedIndex: blockItems.selectedIndex,
      confidence: blockItems.confidence,
      timeSpentSeconds: blockItems.timeSpentSeconds,
      attemptId: blockItems.attemptId,
      isCorrect: userAttempts.isCorrect,
      marked: sql<boolean>`EXISTS (SELECT 1 FROM ${questionMarks} m WHERE m.user_id = ${userId} AND m.question_id = ${questions.id})`,
    })
    .from(blockItems)
    .innerJoin(blocks, eq(blocks.id, blockItems.blockId))
    .innerJoin(questions, eq(questions.id, blockItems.questionId))
    .leftJoin(userAttempts, eq(userAttempts.id, blockItems.attemptId))
    .where(and(eq(blockItems.blockId, blockId), eq(blocks.userId, userId)))
    .orderBy(asc(blockItems.position));
}
export type BlockReviewItem = Awaited<ReturnType<typeof blockReviewItems>>[number];

/** The student's blocks, newest first, with how many were answered and answered correctly. */
export async function listBlocks(userId: string, limit = 50) {
  const db = await getDb();
  return db
    .select({
      id: blocks.id,
      mode: blocks.mode,
      status: blocks.status,
      criteria: blocks.criteria,
      questionCount: blocks.questionCount,
      timeLimitSeconds: blocks.timeLimitSeconds,
      elapsedSeconds: blocks.elapsedSeconds,
      createdAt: blocks.createdAt,
      submittedAt: blocks.submittedAt,
      answered: sql<number>`count(${blockItems.attemptId})::int`,
      correct: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})::int`,
    })
    .from(blocks)
    .leftJoin(blockItems, eq(blockItems.blockId, blocks.id))
    .leftJoin(userAttempts, eq(userAttempts.id, blockItems.attemptId))
    .where(eq(blocks.userId, userId))
    .groupBy(blocks.id)
    .orderBy(desc(blocks.createdAt))
    .limit(limit);
}
export type BlockSummary = Awaited<ReturnType<typeof listBlocks>>[number];

/** Marks or unmarks one of the student's questions; null when it is not theirs. */
export async function setQuestionMark(userId: string, questionId: string, marked: boolean): Promise<boolean | null> {
  const db = await getDb();
  const [q] = await db.select({ id: questions.id }).from(questions).where(and(eq(questions.id, questionId), eq(questions.userId, userId)));
  if (!q) return null;
  if (marked) await db.insert(questionMarks).values({ userId, questionId }).onConflictDoNothing();
  else await db.delete(questionMarks).where(and(eq(questionMarks.userId, userId), eq(questionMarks.questionId, questionId)));
  return marked;
}

/** Which of these questions the student has marked. */
export async function markedAmong(userId: string, questionIds: string[]): Promise<Set<string>> {
  if (questionIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: questionMarks.questionId })
    .from(questionMarks)
    .where(and(eq(questionMarks.userId, userId), inArray(questionMarks.questionId, questionIds)));
  return new Set(rows.map((r) => r.id));
}

/** Topics, tags and materials the student can build a block from. */
export async function blockFacets(userId: string) {
  const db = await getDb();
  const [topics, tags, mats] = await Promise.all([
    db.selectDistinct({ topic: questions.topic }).from(questions).where(eq(questions.userId, userId)).orderBy(asc(questions.topic)),
    db.execute(sql`SELECT DISTINCT unnest(tags) AS tag FROM ${questions} WHERE user_id = ${userId} ORDER BY 1`),
    db
      .selectDistinct({ id: materials.id, title: materials.title })
      .from(materials)
      .innerJoin(questions, eq(questions.materialId, materials.id))
      .where(eq(questions.userId, userId))
      .orderBy(asc(materials.title)),
  ]);
  const tagRows = (Array.isArray(tags) ? tags : (tags as unknown as { rows: unknown[] }).rows) as { tag: string }[];
  return { topics: topics.map((t) => t.topic), tags: tagRows.map((t) => t.tag), materials: mats };
}
