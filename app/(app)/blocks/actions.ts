"use server";
/** Block actions: create, save a timed block's progress, link a tutor answer, submit; mark a question. */
import { authedAction } from "@/lib/actions/client";
import { CreateBlockInput, LinkTutorAnswerInput, MarkInput, SaveProgressInput } from "@/lib/blocks/schemas";
import { markQuestion, recordTutorAnswer, saveProgress, startBlock, submitBlock } from "@/lib/blocks/service";

export const createBlockAction = authedAction(CreateBlockInput, (input, { user }) => startBlock(user.id, input));

export const saveBlockProgressAction = authedAction(SaveProgressInput, ({ blockId, ...p }, { user }) => saveProgress(user.id, blockId, p));

export const linkTutorAnswerAction = authedAction(LinkTutorAnswerInput, ({ blockId, ...input }, { user }) =>
  recordTutorAnswer(user.id, blockId, input),
);

export const submitBlockAction = authedAction(SaveProgressInput.partial({ currentPosition: true, elapsedSeconds: true, items: true }), (input, { user }) =>
  submitBlock(
    user.id,
    input.blockId,
    input.items && input.currentPosition !== undefined && input.elapsedSeconds !== undefined
      ? { currentPosition: input.currentPosition, elapsedSeconds: input.elapsedSeconds, items: input.items }
      : undefined,
  ),
);

export const markQuestionAction = authedAction(MarkInput, (input, { user }) => markQuestion(user.id, input.questionId, input.marked));

