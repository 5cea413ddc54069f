/**
 * Collections: a student's named sets of their own questions (a deck to study as a session).
 * Names are unique per user (the collections_user_name_idx index: a duplicate throws the unique
 * violation, which lib/bank/service.ts turns into its message); another user's collection or
 * question reads as missing (null).
 */
import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { collectionQuestions, collections, questions } from "@/db/schema";
/** The user's collections with how many questions each holds, by name. */
export async function listCollections(userId: string) {
  const db = await getDb();
  return db
    .select({
      id: collections.id,
      name: collections.name,
      description: collections.description,
      questionCount: count(collectionQuestions.questionId),
    })
    .from(collections)
    .leftJoin(collectionQuestions, eq(collectionQuestions.collectionId, collections.id))
    .where(eq(collections.userId, userId))
    .groupBy(collections.id)
    .orderBy(asc(collections.name));
}

/**
 * Creates a collection, with a first question in it when `questionId` is given (one transaction);
 * null (nothing written) when that question is missing.
 */
export async function createCollection(
  userId: string,
  input: { name: string; description?: string | null; questionId?: string },
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (input.questionId) {
      const [q] = await tx
        .select({ id: questions.id })
        .from(questions)
        .where(and(eq(questions.id, input.questionId), eq(questions.userId, userId)));
      if (!q) return null;
    }
    const [row] = await tx
      .insert(collections)
      .values({ userId, name: input.name, description: input.description ?? null })
      .returning({ id: collections.id, name: collections.name });
    if (input.questionId)
      await tx.insert(collectionQuestions).values({ collectionId: row!.id, questionId: input.questionId });
    return row!;
  });
}

/** Renames a collection; null when missing. */
export async function renameCollection(userId: string, collectionId: string, name: string) {
  const db = await getDb();
  const [row] = await db
    .update(collections)
    .set({ name })
    .where(and(eq(collections.id, collectionId), eq(collections.userId, userId)))
    .returning({ id: collections.id, name: collections.name });
  return row ?? null;
}

/** Deletes the collection, not its questions (only the membership rows cascade); false when missing. */
export async function deleteCollection(userId: string, collectionId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .delete(collections)
    .where(and(eq(collections.id, collectionId), eq(collections.userId, userId)))
    .returning({ id: collections.id });
  return Boolean(row);
}

/**
 * Adds or removes a question. Both must be the user's: the insert selects from the two rows under
 * the owner check, so a foreign id inserts nothing and reads as missing ("collection" or
 * "question": which one is not the student's).
 */
export async function setCollectionMembership(
  userId: string,
  input: { collectionId: string; questionId: string; member: boolean },
) {
  const db = await getDb();
  const [owned] = await db
    .select({
      collection: sql<boolean>`EXISTS (SELECT 1 FROM ${collections} WHERE ${collections.id} = ${input.collectionId} AND ${collections.userId} = ${userId})`,
      question: sql<boolean>`EXISTS (SELECT 1 FROM ${questions} WHERE ${questions.id} = ${input.questionId} AND ${questions.userId} = ${userId})`,
    })
    .from(sql`(SELECT 1) AS one`);
  if (!owned?.collection) return { missing: "collection" as const };
  if (!owned.question) return { missing: "question" as const };
  if (input.member) {
    await db
      .insert(collectionQuestions)
      .values({ collectionId: input.collectionId, questionId: input.questionId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(collectionQuestions)
      .where(and(eq(collectionQuestions.collectionId, input.collectionId), eq(collectionQuestions.questionId, input.questionId)));
  }
  return { member: input.member };
}
