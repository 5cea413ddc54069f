/** Generation jobs, generated questions and prompt templates. */
import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { type Queryable, getDb } from "@/db";
import {
  generationJobs,
  materialChunks,
  materials,
  promptTemplates,
  questions,
} from "@/db/schema";

export async function activeTemplates(name: string) {
  const db = await getDb();
  return db
    .select({
      id: promptTemplates.id,
      name: promptTemplates.name,
      version: promptTemplates.version,
      template: promptTemplates.template,
      weight: promptTemplates.weight,
    })
    .from(promptTemplates)
    .where(and(eq(promptTemplates.name, name), eq(promptTemplates.active, true)))
    .orderBy(asc(promptTemplates.version));
}

export async function createJob(userId: string, request: Record<string, unknown>, requestedCount: number, model: string) {
  const db = await getDb();
  const [job] = await db
    .insert(generationJobs)
    .values({ userId, request, requestedCount, model, status: "running", startedAt: new Date() })
    .returning({ id: generationJobs.id });
  return job!.id;
}

export async function finishJob(
  jobId: string,
  r: {
    status: "complete" | "failed" | "cancelled";
    generatedCount: number;
    savedCount: number;
    drops: { reason: string; detail?: string }[];
    error?: string | null;
  },
) {
  const db = await getDb();
  await db
    .update(generationJobs)
    .set({
      status: r.status,
      generatedCount: r.generatedCount,
      savedCount: r.savedCount,
      droppedCount: r.drops.length,
      drops: r.drops.map((d) => ({ reason: d.reason, detail: d.detail?.slice(0, 300) })),
      error: r.error ?? null,
      finishedAt: new Date(),
    })
    .where(eq(generationJobs.id, jobId));
}

/** A preview card the student accepted later: one more saved question on its job. */
export async function incrementJobSaved(jobId: string, userId: string) {
  const db = await getDb();
  await db
    .update(generationJobs)
    .set({ savedCount: sql`${generationJobs.savedCount} + 1` })
    .where(and(eq(generationJobs.id, jobId), eq(generationJobs.userId, userId)));
}

export async function getJob(userId: string, jobId: string) {
  const db = await getDb();
  const [job] = await db
    .select()
    .from(generationJobs)
    .where(and(eq(generationJobs.id, jobId), eq(generationJobs.userId, userId)))
    .limit(1);
  return job ?? null;
}

/** The ids of the questions a job saved (accepted previews included), oldest first. */
export async function jobQuestionIds(userId: string, jobId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.generationJobId, jobId), eq(questions.userId, userId)))
    .orderBy(asc(questions.createdAt), asc(questions.id));
  return rows.map((r) => r.id);
}

export async function recentJobs(userId: string, limit = 5) {
  const db = await getDb();
  return db
    .select()
    .from(generationJobs)
    .where(eq(generationJobs.userId, userId))
    .orderBy(desc(generationJobs.createdAt))
    .limit(limit);
}

/** A question row to insert (what generation, preview acceptance and the test seeders store). */
export type NewQuestionRow = typeof questions.$inferInsert;

/**
 * The one question insert: every saved question goes through here (lib/bank/save-question.ts for
 * generated ones, lib/testing/seed-questions.ts for the test seeders), on `db` or a transaction.
 */
export async function insertQuestions(rows: NewQuestionRow[], db?: Queryable): Promise<{ id: string; createdAt: Date }[]> {
  if (rows.length === 0) return [];
  return (db ?? (await getDb())).insert(questions).values(rows).returning({ id: questions.id, createdAt: questions.createdAt });
}

/** Token counts are known when a model call ends, after its questions were saved. */
export async function addUsageToQuestions(userId: string, ids: string[], usage: { inputTokens?: number; outputTokens?: number }) {
  if (ids.length === 0) return;
  const db = await getDb();
  const patch = JSON.stringify({ callInputTokens: usage.inputTokens ?? null, callOutputTokens: usage.outputTokens ?? null, questionsInCall: ids.length });
  await db
    .update(questions)
    .set({ generationMetadata: sql`${questions.generationMetadata} || ${patch}::jsonb` })
    .where(and(eq(questions.userId, userId), inArray(questions.id, ids)));
}

/** Vignette + lead-in of the user's most recent questions, for the near-duplicate check. */
export async function bankStems(userId: string, limit = 1000) {
  const db = await getDb();
  return db
    .select({
      vignette: questions.vignette,
      leadIn: questions.leadIn,
      sourceQuote: questions.sourceQuote,
      options: questions.options,
      correctIndex: questions.correctIndex,
    })
    .from(questions)
    .where(and(eq(questions.userId, userId), eq(questions.retired, false)))
    .orderBy(desc(questions.createdAt))
    .limit(limit);
}

/** Generated questions saved since `since` (the daily quota), and when the oldest of them was made. */
/**
 * Questions generated for a user since `since`, for the daily quota: what each finished job's model
 * wrote that passed validation (saved, or shown as a preview whether accepted later or not), and
 * for a job still running, what it asked for. A job left "running" by a crash stops counting its
 * request after `staleAfterMs`. Also the oldest counted job's start, for "try again in".
 */
export async function generatedSince(userId: string, since: Date, staleAfterMs = 15 * 60 * 1000) {
  const db = await getDb();
  const runningSince = new Date(Date.now() - staleAfterMs);
  const counted = sql<number>`CASE WHEN ${generationJobs.status} IN ('pending', 'running') AND ${generationJobs.createdAt} > ${runningSince.toISOString()}
    THEN ${generationJobs.requestedCount} ELSE ${generationJobs.generatedCount} END`;
  const [row] = await db
    .select({
      count: sql<number>`coalesce(sum(${counted}), 0)::int`,
      oldest: sql<string | null>`min(${generationJobs.createdAt}) FILTER (WHERE ${counted} > 0)`,
    })
    .from(generationJobs)
    .where(and(eq(generationJobs.userId, userId), gte(generationJobs.createdAt, since)));
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** The user's ready materials, for the "draw from" picker. */
export async function readyMaterials(userId: string) {
  const db = await getDb();
  return db
    .select({ id: materials.id, title: materials.title })
    .from(materials)
    .where(and(eq(materials.userId, userId), eq(materials.status, "ready"), eq(materials.archived, false)))
    .orderBy(desc(materials.createdAt));
}

/** Topic suggestions: the most frequent section headings in the user's material. */
export async function headingSuggestions(userId: string, limit = 12) {
  const db = await getDb();
  const leaf = sql<string>`trim(regexp_replace(${materialChunks.heading}, '^.*>', ''))`;
  const rows = await db
    .select({ heading: leaf, n: sql<number>`count(*)::int` })
    .from(materialChunks)
    .innerJoin(materials, eq(materials.id, materialChunks.materialId))
    .where(and(eq(materialChunks.userId, userId), isNotNull(materialChunks.heading), eq(materials.archived, false)))
    .groupBy(leaf)
    .orderBy(desc(sql`count(*)`))
    .limit(limit);
  return rows.map((r) => r.heading).filter((h) => h && h.length <= 80);
}

/** Passages by id, only the user's (preview acceptance re-checks the quote against them). */
export async function chunksForUser(userId: string, chunkIds: string[]) {
  if (chunkIds.length === 0) return [];
  const db = await getDb();
  return db
    .select({ id: materialChunks.id, materialId: materialChunks.materialId, content: materialChunks.content })
    .from(materialChunks)
    .where(and(eq(materialChunks.userId, userId), inArray(materialChunks.id, chunkIds)));
}

/** Up to `limit` passages of these materials (the user's only), for offline distractors. */
export async function passagesOfMaterials(userId: string, materialIds: string[], limit: number) {
  if (materialIds.length === 0) return [];
  const db = await getDb();
  return db
    .select({ chunkId: materialChunks.id, content: materialChunks.content })
    .from(materialChunks)
    .where(and(eq(materialChunks.userId, userId), inArray(materialChunks.materialId, materialIds)))
    .orderBy(asc(materialChunks.materialId), asc(materialChunks.ordinal))
    .limit(limit);
}
