/**
 * The block service: create, save progress, record (tutor) and submit (timed), and marks. A timed
 * block's answers are submitted through the bulk answer path (db/queries/answer-batch.ts), which
 * also closes the block in the same transaction; a tutor block's answers go one by one through the
 * ordinary answer path, and each is linked to its item afterwards.
 */
import "server-only";
import { recordAnswerBatch } from "@/lib/srs/service";
import {
  blockAnswersToSubmit,
  closeBlock,
  closeBlockInTx,
  createBlock,
  findBlock,
  linkTutorAnswer,
  saveBlockProgress,
  setQuestionMark,
} from "@/db/queries/blocks";
import type { BlockProgress } from "@/db/queries/blocks";
import { now } from "@/lib/request-clock";
import { AppError, notFound } from "@/lib/errors";
import { studentToday } from "@/lib/srs/service";
import type { CreateBlockInput } from "./schemas";

/** Timed-mode answers carry no confidence unless the student set one: "somewhat sure". */
export const DEFAULT_TIMED_CONFIDENCE = 3;

export async function startBlock(userId: string, input: CreateBlockInput): Promise<{ id: string; questionCount: number }> {
  const made = await createBlock(
    userId,
    {
      mode: input.mode,
      count: input.count,
      secondsPerQuestion: input.secondsPerQuestion,
      criteria: {
        pool: input.pool,
        topics: input.topics,
        materialIds: input.materialIds,
        tags: input.tags,
        collectionIds: input.collectionIds,
      },
    },
    await studentToday(userId),
  );
  if (!made) throw new AppError("validation", "No questions match these choices. Widen the pool or the filters.");
  return made;
}

export async function saveProgress(userId: string, blockId: string, p: BlockProgress): Promise<{ saved: boolean }> {
  return { saved: await saveBlockProgress(userId, blockId, p) };
}

export async function recordTutorAnswer(userId: string, blockId: string, input: { position: number; attemptId: string; timeSpentSeconds: number }) {
  if (!(await linkTutorAnswer(userId, blockId, input))) throw notFound("That block item");
  return { linked: true };
}

/**
 * Ends a block. Timed: the kept answers go through the bulk path in one transaction that also
 * closes the block; sending it again (a retry, a second tab) records nothing more, because each
 * item's idempotency key was made with the block. Unanswered items are left unanswered (omitted).
 */
export async function submitBlock(userId: string, blockId: string, progress?: BlockProgress): Promise<{ answered: number }> {
  const block = await findBlock(userId, blockId);
  if (!block) throw notFound("That block");
  if (progress && block.status === "in_progress") await saveBlockProgress(userId, blockId, progress);
  if (block.mode === "tutor") {
    if (!(await closeBlock(userId, blockId))) throw notFound("That block");
    return { answered: (await blockAnswersToSubmit(userId, blockId)).filter((i) => i.attemptId).length };
  }
  const items = (await blockAnswersToSubmit(userId, blockId)).filter((i) => i.selectedIndex !== null);
  if (items.length === 0) {
    if (!(await closeBlock(userId, blockId))) throw notFound("That block");
    return { answered: 0 };
  }
  await recordAnswerBatch(
    userId,
    items.map((i) => ({
      questionId: i.questionId,
      selectedIndex: i.selectedIndex!,
      confidence: i.confidence ?? DEFAULT_TIMED_CONFIDENCE,
      timeTakenSeconds: i.timeSpentSeconds,
      idempotencyKey: i.idempotencyKey,
    })),
    await now(),
    (tx, linked) => closeBlockInTx(tx, blockId, linked),
  );
  return { answered: items.length };
}

export async function markQuestion(userId: string, questionId: string, marked: boolean) {
  const r = await setQuestionMark(userId, questionId, marked);
  if (r === null) throw notFound("That question");
  return { marked: r };
}
