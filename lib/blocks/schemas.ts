/** Block inputs, validated the same way by the form, the actions and the tests. */
import { z } from "zod";
import { BLOCK_MODES, BLOCK_POOLS } from "@/db/schema/blocks";
import { safeLine } from "@/lib/validation";

export { POOL_LABELS } from "./pools";

export const BLOCK_MAX_QUESTIONS = 40;
/** NBME blocks allow about 90 s per question. */
export const DEFAULT_SECONDS_PER_QUESTION = 90;

/** A form sends one value as a string and several as an array; both become a list. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(item).max(max));

export const CreateBlockInput = z.object({
  mode: z.enum(BLOCK_MODES).default("tutor"),
  count: z.coerce.number().int().min(1, "A block holds 1-40 questions.").max(BLOCK_MAX_QUESTIONS, "A block holds 1-40 questions."),
  secondsPerQuestion: z.coerce.number().int().min(10).max(600).default(DEFAULT_SECONDS_PER_QUESTION),
  pool: z.enum(BLOCK_POOLS).default("all"),
  topics: list(safeLine().trim().min(1).max(200), 100).default([]),
  materialIds: list(z.uuid(), 100).default([]),
  tags: list(safeLine().trim().min(1).max(100), 100).default([]),
  collectionIds: list(z.uuid(), 100).default([]),
});
export type CreateBlockInput = z.infer<typeof CreateBlockInput>;

export const BlockId = z.object({ blockId: z.uuid("Unknown block.") });

export const SaveProgressInput = BlockId.extend({
  currentPosition: z.number().int().min(0).max(BLOCK_MAX_QUESTIONS - 1),
  elapsedSeconds: z.number().int().min(0).max(24 * 3600),
  items: z
    .array(
      z.object({
        position: z.number().int().min(0).max(BLOCK_MAX_QUESTIONS - 1),
        selectedIndex: z.number().int().min(0).max(4).nullable(),
        confidence: z.number().int().min(1).max(5).nullable(),
        timeSpentSeconds: z.number().int().min(0).max(24 * 3600),
      }),
    )
    .max(BLOCK_MAX_QUESTIONS),
});

export const LinkTutorAnswerInput = BlockId.extend({
  position: z.number().int().min(0).max(BLOCK_MAX_QUESTIONS - 1),
  attemptId: z.uuid(),
  timeSpentSeconds: z.number().int().min(0).max(24 * 3600),
});

export const MarkInput = z.object({ questionId: z.uuid("Unknown question."), marked: z.boolean() });
