/** zod schemas for the bank's actions, shared by the forms and the server actions. */
import { z } from "zod";
import { safeText } from "@/lib/validation";
import { MAX_COLLECTION_DESCRIPTION, MAX_COLLECTION_NAME, MAX_FLAG_REASON } from "./limits";
import { tagListSchema } from "./tags";

export { MAX_COLLECTION_DESCRIPTION, MAX_COLLECTION_NAME, MAX_FLAG_REASON };

const id = (what: string) => z.uuid(`${what} is not a valid id.`);

export const collectionNameSchema = safeText()
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Give the collection a name.")
      .max(MAX_COLLECTION_NAME, `A collection name can be at most ${MAX_COLLECTION_NAME} characters.`),
  );

export const questionRefSchema = z.object({ questionId: id("The question") });

export const updateTagsSchema = z.object({ questionId: id("The question"), tags: tagListSchema });

export const flagQuestionSchema = z.object({
  questionId: id("The question"),
  reason: safeText()
    .trim()
    .min(3, "Say briefly what is wrong (at least 3 characters).")
    .max(MAX_FLAG_REASON, `Keep the reason under ${MAX_FLAG_REASON} characters.`),
});

export const createCollectionSchema = z.object({
  name: collectionNameSchema,
  description: safeText()
    .trim()
    .max(MAX_COLLECTION_DESCRIPTION)
    .optional()
    .transform((s) => (s ? s : undefined)),
  /** Optionally add this question to the new collection right away (from a question's page). */
  questionId: z.preprocess((v) => (v === "" ? undefined : v), id("The question").optional()),
});

export const renameCollectionSchema = z.object({ collectionId: id("The collection"), name: collectionNameSchema });

export const collectionRefSchema = z.object({ collectionId: id("The collection") });

export const membershipSchema = z.object({
  collectionId: id("The collection"),
  questionId: id("The question"),
  member: z.boolean(),
});
