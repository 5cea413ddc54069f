/**
 * The review service: what the answer action, the JSON route and the review page call. Thin over
 * the query modules: it resolves "now" and "today" in the student's zone and checks ownership.
 */
import "server-only";
import { recordAnswerBatch } from "@/db/queries/answer-batch";
import { type AnswerInput, type AnswerOutcome, recordAnswer } from "@/db/queries/answers";
import {
  type SessionSource,
  type StudyCard,
  dueCount,
  findCollection,
  nextReviewDate,
  nextSessionCard,
  profileTimezone,
} from "@/db/queries/reviews";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/errors";
import { addDays } from "./sm2";
import { localDate } from "./streak";

/** Several answers in one transaction, in order (a timed block; db/queries/answer-batch.ts). */
export async function answerBatch(userId: string, inputs: AnswerInput[]): Promise<AnswerOutcome[]> {
  return recordAnswerBatch(userId, inputs, await now());
}

export async function answerQuestion(userId: string, input: AnswerInput): Promise<AnswerOutcome> {
  return recordAnswer(userId, input, await now());
}

/** The student's "today" (YYYY-MM-DD in their time zone) by the app clock. */
export async function studentToday(userId: string): Promise<string> {
  const [at, tz] = await Promise.all([now(), profileTimezone(userId)]);
  return localDate(at, tz);
}

export type SessionStep = { card: StudyCard | null; remaining: number };

export async function nextCard(
  userId: string,
  input: { source: SessionSource["kind"]; collectionId?: string; exclude: string[] },
): Promise<SessionStep> {
  let source: SessionSource = { kind: input.source === "new" ? "new" : "due" };
  if (input.source === "collection") {
    if (!input.collectionId || !(await findCollection(userId, input.collectionId))) throw notFound("That collection");
    source = { kind: "collection", collectionId: input.collectionId };
  }
  return nextSessionCard(userId, source, await studentToday(userId), input.exclude);
}

export type SessionSummaryData = { today: string; dueTomorrow: number; nextReview: string | null };

export async function sessionOutlook(userId: string): Promise<SessionSummaryData> {
  const today = await studentToday(userId);
  const [dueTomorrow, next] = await Promise.all([dueCount(userId, addDays(today, 1)), nextReviewDate(userId, today)]);
  return { today, dueTomorrow, nextReview: next };
}
