/**
 * Recording a batch of answers (a timed block, `POST /api/questions/answers/batch`) in one
 * transaction, on top of the single-answer path: each answer runs the same read, the same
 * decision (lib/srs/decide.ts, handed in) and the same guarded write as `answerWithRetry`, in the
 * order given, so the 5 s rule and the same-day practice rule apply per question exactly as they
 * would one by one. The batch's own checks (size, distinct questions and keys) are the service's.
 *
 * - All or nothing: any refused answer (another student's question, an option out of range, a
 *   re-answer within ANSWER_MIN_INTERVAL_SECONDS, a reused key) rolls the whole batch back.
 * - Idempotent per answer: an answer whose idempotency key was already recorded is returned as it
 *   was (`replayed: true`) and not recorded again. Idempotent as a whole: because a batch commits
 *   entirely or not at all, sending it again finds every answer recorded and records nothing.
 * - Locks: every question of the batch (in id order), then the profile, before any read. The single
 *   path locks one question and then the profile, and a scheduler change locks the profile first;
 *   taking every question before the profile means this never waits for a question while holding
 *   the profile, so none of them can deadlock with another.
 */
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type Tx, getDb } from "@/db";
import { questions, userProfiles } from "@/db/schema";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { type AnswerKey, type AnswerState, type AnswerStep, type PriorAttempt, transactionExecutor, tryAnswer } from "./answers";

/**
 * Records `inputs` in order inside one transaction and returns, per input in order, the outcome
 * `decide` built or the prior attempt a repeated key found (the caller reads those after the
 * commit). `inTransaction` runs after the answers, in the same transaction (the block marks itself
 * submitted there), so the batch and what refers to it commit together.
 */
export async function answerBatchInTransaction<O extends { questionId: string; attemptId: string }>(
  userId: string,
  inputs: AnswerKey[],
  decide: (state: AnswerState, index: number) => AnswerStep<O>,
  inTransaction?: (tx: Tx, outcomes: { questionId: string; attemptId: string }[]) => Promise<void>,
): Promise<({ outcome: O } | PriorAttempt)[]> {
  const db = await getDb();
  const results = await db.transaction(async (tx) => {
    const ids = inputs.map((i) => i.questionId);
    const locked = await tx
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.userId, userId), inArray(questions.id, ids)))
      .orderBy(asc(questions.id))
      .for("update");
    // Another student's question, or none at all: the same 404 as the single path, nothing written.
    if (locked.length !== ids.length) throw notFound("One of those questions");
    await tx.insert(userProfiles).values({ userId }).onConflictDoNothing();
    await tx.execute(sql`SELECT 1 FROM ${userProfiles} WHERE ${userProfiles.userId} = ${userId} FOR UPDATE`);

    const exec = transactionExecutor(tx);
    const out: ({ outcome: O } | PriorAttempt)[] = [];
    for (const [index, input] of inputs.entries()) {
      let step: { outcome: O } | PriorAttempt | "retry" | null = "retry";
      // Everything is locked, so the guard can only miss once: when the profile row was just made.
      for (let tries = 0; step === "retry" && tries < 3; tries++) {
        try {
          step = await tryAnswer(userId, input, (state) => decide(state, index), exec);
        } catch (e) {
          if (isAppError(e) && e.code !== "not_found")
            throw new AppError(e.code, `Answer ${index + 1}: ${e.message}`, e.extra);
          throw e;
        }
      }
      // Missing here (all were locked above) would mean deleted meanwhile: roll the batch back.
      if (step === null) throw notFound("One of those questions");
      if (step === "retry") throw new AppError("conflict", "The answers could not be recorded. Please submit again.");
      out.push(step);
    }
    await inTransaction?.(
      tx,
      out.map((o) => ("outcome" in o ? { questionId: o.outcome.questionId, attemptId: o.outcome.attemptId } : o)),
    );
    return out;
  });
  return results;
}
