/**
 * The review service: what the answer action, the JSON routes, the blocks service and the review
 * page call. The answer use-case runs here: db/queries/answers.ts reads, `decideAnswer` (decide.ts,
 * pure) decides, the same module writes; "now" and "today" are resolved in the student's zone.
 */
import "server-only";
import { answerBatchInTransaction } from "@/db/queries/answer-batch";
import { type PriorAttempt, answerWithRetry } from "@/db/queries/answers";
import { attemptRecord } from "@/db/queries/attempts";
import {
  type SessionSource,
  type StudyCard,
  dueCards,
  dueCount,
  findCollection,
  nextReviewDate,
  nextSessionCard,
  profileTimezone,
} from "@/db/queries/reviews";
import type { Tx } from "@/db";
import { now } from "@/lib/request-clock";
import { addDays, daysBetween, localDate } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import { IDEMPOTENCY_CONFLICT, answerRules, decideAnswer } from "./decide";
import { MAX_BATCH_ANSWERS } from "./input";
import type { AnswerInput, AnswerOutcome } from "./types";


/** Records one answer at `at` (or returns the earlier result for a repeated idempotency key). */
export async function recordAnswer(userId: string, input: AnswerInput, at: Date): Promise<AnswerOutcome> {
  const rules = answerRules();
  const r = await answerWithRetry(userId, input, (state) => decideAnswer(userId, state, input, at, rules));
  if (!r) throw notFound("That question");
  return "outcome" in r ? r.outcome : priorOutcome(userId, input, r);
}

/**
 * Several answers in one transaction, in order (a timed block): all or nothing, each decided as it
 * would be alone. `inTransaction` runs in the same transaction (db/queries/answer-batch.ts).
 */
export async function recordAnswerBatch(
  userId: string,
  inputs: AnswerInput[],
  at: Date,
  inTransaction?: (tx: Tx, outcomes: { questionId: string; attemptId: string }[]) => Promise<void>,
): Promise<AnswerOutcome[]> {
  if (inputs.length === 0 || inputs.length > MAX_BATCH_ANSWERS)
    throw new AppError("validation", `A batch holds 1-${MAX_BATCH_ANSWERS} answers.`);
  if (new Set(inputs.map((i) => i.questionId)).size !== inputs.length)
    throw new AppError("validation", "Each question may appear once in a batch.");
  if (new Set(inputs.map((i) => i.idempotencyKey)).size !== inputs.length)
    throw new AppError("validation", "Each answer in a batch needs its own idempotency key.");
  const rules = answerRules();
  const results = await answerBatchInTransaction(
    userId,
    inputs,
    (state, i) => decideAnswer(userId, state, inputs[i]!, at, rules),
    inTransaction,
  );
  // Replayed answers are read back as the single path does, after the commit.
  return Promise.all(results.map((r, i) => ("outcome" in r ? r.outcome : priorOutcome(userId, inputs[i]!, r))));
}

/** A repeated submit: the earlier attempt's result, if the key was used for this same question. */
async function priorOutcome(userId: string, input: AnswerInput, prior: PriorAttempt): Promise<AnswerOutcome> {
  if (prior.questionId !== input.questionId) throw new AppError("conflict", IDEMPOTENCY_CONFLICT);
  return loadOutcome(userId, prior.attemptId, true);
}

/** The result of an attempt as the card shows it: correctness, every explanation, the cited passage. */
export async function loadOutcome(userId: string, attemptId: string, replayed: boolean): Promise<AnswerOutcome> {
  const row = await attemptRecord(userId, attemptId);
  if (!row) throw notFound("That answer");
  const { a, q, p } = row;
  return {
    attemptId: a.id,
    questionId: q.id,
    replayed,
    practice: row.practice,
    isCorrect: a.isCorrect,
    selectedIndex: a.selectedIndex,
    correctIndex: q.correctIndex,
    confidence: a.confidence,
    grade: a.grade,
    xpEarned: a.xpEarned,
    // interval_after is SM-2's; under FSRS the interval is the distance to the date it set.
    intervalDays: a.scheduler === "fsrs" ? daysBetween(localDate(a.answeredAt, p.timezone), a.nextReviewDate) : a.intervalAfter,
    nextReviewDate: a.nextReviewDate,
    reviewStatus: a.reviewStatusAfter,
    forecast: null,
    options: q.options,
    explanation: q.explanation,
    optionExplanations: q.optionExplanations,
    citation: row.citation,
    profile: { xp: p.xp, level: p.level, streak: p.streak, bestStreak: p.bestStreak },
  };
}

/** Several answers in one transaction, in order, by the app clock (the batch route). */
export async function answerBatch(userId: string, inputs: AnswerInput[]): Promise<AnswerOutcome[]> {
  return recordAnswerBatch(userId, inputs, await now());
}

/** One answer by the app clock (the answer action and route). */
export async function answerQuestion(userId: string, input: AnswerInput): Promise<AnswerOutcome> {
  return recordAnswer(userId, input, await now());
}

/** The student's "today" (YYYY-MM-DD in their time zone) by the app clock. */
export async function studentToday(userId: string): Promise<string> {
  const [at, tz] = await Promise.all([now(), profileTimezone(userId)]);
  return localDate(at, tz);
}

export type SessionStep = { card: StudyCard | null; remaining: number };

/**
 * The session's next card and how many remain (the review page's first card, then the session
 * action's each next one). `today` when the caller already has it.
 */
export async function nextCard(
  userId: string,
  input: { source: SessionSource["kind"]; collectionId?: string; exclude: string[] },
  today?: string,
): Promise<SessionStep> {
  let source: SessionSource = { kind: input.source === "new" ? "new" : "due" };
  if (input.source === "collection") {
    if (!input.collectionId || !(await findCollection(userId, input.collectionId))) throw notFound("That collection");
    source = { kind: "collection", collectionId: input.collectionId };
  }
  return nextSessionCard(userId, source, today ?? (await studentToday(userId)), input.exclude);
}

export type SessionSummaryData = { today: string; dueTomorrow: number; nextReview: string | null };

export async function sessionOutlook(userId: string): Promise<SessionSummaryData> {
  const today = await studentToday(userId);
  const [dueTomorrow, next] = await Promise.all([dueCount(userId, addDays(today, 1)), nextReviewDate(userId, today)]);
  return { today, dueTomorrow, nextReview: next };
}

/** What is due today or earlier (the JSON API's due list): the first `limit` cards and the total. */
export async function dueReviews(userId: string, limit: number): Promise<{ today: string; total: number; reviews: StudyCard[] }> {
  const today = await studentToday(userId);
  const [reviews, total] = await Promise.all([dueCards(userId, today, limit), dueCount(userId, today)]);
  return { today, total, reviews };
}
