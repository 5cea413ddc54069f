/** The answer and session inputs, validated the same way by the server action and the JSON route. */
import { z } from "zod";

export const AnswerBody = z.object({
  selectedIndex: z.number().int().min(0).max(4),
  confidence: z.number().int().min(1).max(5),
  /** Measured in the page; any finite value is accepted and capped to 1-3600 s when stored. */
  timeTakenSeconds: z.number().finite().min(0),
  idempotencyKey: z
    .string()
    .min(8, "idempotencyKey must be 8-100 characters")
    .max(100, "idempotencyKey must be 8-100 characters")
    .regex(/^[A-Za-z0-9_-]+$/, "idempotencyKey may use letters, digits, - and _"),
});

export const AnswerInput = AnswerBody.extend({ questionId: z.uuid("Unknown question.") });

export const SessionInput = z.object({
  source: z.enum(["due", "new", "collection"]).default("due"),
  collectionId: z.uuid().optional(),
  /** Questions already answered in this session (new and collection sessions skip them). */
  exclude: z.array(z.uuid()).max(1000).default([]),
});

/** The most answers one batch may carry (a block holds at most 40). */
export const MAX_BATCH_ANSWERS = 40;

/** `POST /api/questions/answers/batch` and the block's submit: answers in the order they were given. */
export const AnswerBatchInput = z.object({
  answers: z.array(AnswerInput).min(1, "Send at least one answer.").max(MAX_BATCH_ANSWERS, `A batch holds at most ${MAX_BATCH_ANSWERS} answers.`),
});
