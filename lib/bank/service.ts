/**
 * The bank service: listing (pagination over the bank's queries), one question, tags, flags,
 * deletion and collections. The queries return null/false for a question or collection that is
 * missing or another student's; here that becomes the app's NotFound (404 at a route).
 */
import "server-only";
import {
  createCollection as insertCollection,
  deleteCollection as removeCollection,
  renameCollection as updateCollectionName,
  setCollectionMembership as writeMembership,
} from "@/db/queries/collections";
import { isUniqueViolation } from "@/db/queries/errors";
import {
  bankCount,
  bankPage,
  deleteQuestion as removeQuestion,
  flagQuestion as insertFlag,
  getQuestionDetail,
  setQuestionTags,
} from "@/db/queries/questions";
import { AppError, notFound } from "@/lib/errors";
import { refreshQuestionStats } from "@/lib/srs/question-stats";
import { type BankQuery, BANK_PAGE_SIZE, effectiveSort, pageCount } from "./query";
import type { BankRow, QuestionDetail } from "./types";

export type BankListing = { rows: BankRow[]; total: number; page: number; pages: number; sort: ReturnType<typeof effectiveSort> };

/** One page of the student's bank; a page past the end shows the last page. */
export async function listBank(userId: string, q: BankQuery): Promise<BankListing> {
  const total = await bankCount(userId, q);
  const pages = pageCount(total);
  const page = Math.min(q.page, pages);
  const sort = effectiveSort(q);
  const rows = await bankPage(userId, q, sort, { limit: BANK_PAGE_SIZE, offset: (page - 1) * BANK_PAGE_SIZE });
  return { rows, total, page, pages, sort };
}

/** A question with its passages, attempts and collections. */
export async function questionDetail(userId: string, questionId: string): Promise<QuestionDetail> {
  const d = await getQuestionDetail(userId, questionId);
  if (!d) throw notFound("That question");
  return d;
}

/** Replaces a question's tags (already normalised by the action's schema). */
export async function updateTags(userId: string, questionId: string, tags: string[]): Promise<string[]> {
  const saved = await setQuestionTags(userId, questionId, tags);
  if (!saved) throw notFound("That question");
  return saved;
}

/** Flags a question as wrong and recomputes its quality, which may retire it (lib/srs/quality.ts). */
export async function flagQuestion(userId: string, questionId: string, reason: string) {
  // The same recount and rule the answering path applies.
  const after = await insertFlag(userId, questionId, reason, refreshQuestionStats);
  if (!after) throw notFound("That question");
  return after;
}

/** Deletes a question with its attempts, schedule, flags and collection entries. */
export async function deleteQuestion(userId: string, questionId: string): Promise<void> {
  if (!(await removeQuestion(userId, questionId))) throw notFound("That question");
}

const duplicateName = (name: string) =>
  new AppError("conflict", `You already have a collection named "${name}".`, {
    fields: { name: "Choose a name you have not used yet." },
  });

/** Names are unique per student: the index's violation reads as this conflict. */
async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(name);
    throw e;
  }
}

/** Creates a collection, with a first question in it when `questionId` is given. */
export async function createCollection(userId: string, input: { name: string; description?: string | null; questionId?: string }) {
  const created = await uniqueName(input.name, () => insertCollection(userId, input));
  if (!created) throw notFound("That question");
  return created;
}

export async function renameCollection(userId: string, collectionId: string, name: string) {
  const renamed = await uniqueName(name, () => updateCollectionName(userId, collectionId, name));
  if (!renamed) throw notFound("That collection");
  return renamed;
}

/** Deletes the collection, not its questions. */
export async function deleteCollection(userId: string, collectionId: string): Promise<void> {
  if (!(await removeCollection(userId, collectionId))) throw notFound("That collection");
}

/** Adds or removes a question; both must be the student's. */
export async function setCollectionMembership(userId: string, input: { collectionId: string; questionId: string; member: boolean }) {
  const r = await writeMembership(userId, input);
  if ("missing" in r) throw notFound(r.missing === "collection" ? "That collection" : "That question");
  return r;
}
