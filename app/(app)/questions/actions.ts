"use server";
/** The bank's server actions: each validates with zod and runs as the signed-in user (authedAction). */
import { revalidatePath } from "next/cache";
import {
  createCollection,
  deleteCollection,
  deleteQuestion,
  flagQuestion,
  renameCollection,
  setCollectionMembership,
  updateTags,
} from "@/lib/bank/service";
import { authedAction } from "@/lib/actions/client";
import {
  collectionRefSchema,
  createCollectionSchema,
  flagQuestionSchema,
  membershipSchema,
  questionRefSchema,
  renameCollectionSchema,
  updateTagsSchema,
} from "@/lib/bank/schemas";

const refreshBank = (questionId?: string) => {
  revalidatePath("/questions");
  if (questionId) revalidatePath(`/questions/${questionId}`);
};

/** Replaces a question's tags (normalised: trimmed, lower-case, de-duplicated). */
export const updateTagsAction = authedAction(updateTagsSchema, async ({ questionId, tags }, { user }) => {
  const saved = await updateTags(user.id, questionId, tags);
  refreshBank(questionId);
  return { tags: saved };
});

/** Flags a question as wrong; may retire it (see lib/srs/quality.ts). */
export const flagQuestionAction = authedAction(flagQuestionSchema, async ({ questionId, reason }, { user }) => {
  const result = await flagQuestion(user.id, questionId, reason);
  refreshBank(questionId);
  return result;
});

/** Deletes a question with its attempts, schedule and flags. */
export const deleteQuestionAction = authedAction(questionRefSchema, async ({ questionId }, { user }) => {
  await deleteQuestion(user.id, questionId);
  revalidatePath("/questions");
  return { deleted: questionId };
});

/** Creates a collection, and adds the given question to it when one is passed. */
export const createCollectionAction = authedAction(createCollectionSchema, async (input, { user }) => {
  const created = await createCollection(user.id, input);
  refreshBank(input.questionId);
  return created;
});

export const renameCollectionAction = authedAction(renameCollectionSchema, async ({ collectionId, name }, { user }) => {
  const renamed = await renameCollection(user.id, collectionId, name);
  refreshBank();
  return renamed;
});

export const deleteCollectionAction = authedAction(collectionRefSchema, async ({ collectionId }, { user }) => {
  await deleteCollection(user.id, collectionId);
  refreshBank();
  return { deleted: collectionId };
});

export const setMembershipAction = authedAction(membershipSchema, async (input, { user }) => {
  const result = await setCollectionMembership(user.id, input);
  refreshBank(input.questionId);
  return result;
});
