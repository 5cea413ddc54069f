/** Generation jobs, generated questions and prompt templates. */
import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
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

export type NewGenerationJob = {
  request: Record<string, unknown>;
  requestedCount: number;
  model: string;
  passages: Record<string, unknown>[];
  context: Record<string, unknown>;
};

/** Generation jobs as created, all or none (one statement): waiting for a worker, with what it needs. */
export async function createJobs(userId: string, jobs: NewGenerationJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .insert(generationJobs)
    .values(jobs.map((job) => ({ userId, status: "pending" as const, ...job })))
    .returning({ id: generationJobs.id });
  return rows.map((r) => r.id);
}

/** One generation job as created (see createJobs). */
export async function createJob(userId: string, job: NewGenerationJob): Promise<string> {
  const [id] = await createJobs(userId, [job]);
  return id!;
}

/** A job by id for the worker that runs it (no user in scope: the job carries its user). */
export async function jobById(jobId: string) {
  const db = await getDb();
  const [job] = await db.select().from(generationJobs).where(eq(generationJobs.id, jobId)).limit(1);
  return job ?? null;
}

/**
 * A worker takes the job: one more attempt, "running". Null when there is nothing to run: the job
 * is gone, already finished, or cancelled before it started.
 */
export async function claimJob(jobId: string) {
  const db = await getDb();
  const [job] = await db
    .update(generationJobs)
    .set({
      status: "running",
      attempts: sql`${generationJobs.attempts} + 1`,
      startedAt: sql`coalesce(${generationJobs.startedAt}, now())`,
      heartbeatAt: sql`now()`,
    })
    .where(and(eq(generationJobs.id, jobId), inArray(generationJobs.status, ["pending", "running"]), isNull(generationJobs.cancelRequestedAt)))
    .returning();
  return job ?? null;
}

/**
 * The running worker's check-in: whether Cancel was pressed (its fallback when a signal is missed)
 * and, with `beat`, a sign of life (Cancel ends a job whose worker stopped giving one).
 */
export async function checkIn(jobId: string, beat: boolean): Promise<{ cancelRequested: boolean }> {
  const db = await getDb();
  const [row] = beat
    ? await db.update(generationJobs).set({ heartbeatAt: sql`now()` }).where(eq(generationJobs.id, jobId)).returning({ at: generationJobs.cancelRequestedAt })
    : await db.select({ at: generationJobs.cancelRequestedAt }).from(generationJobs).where(eq(generationJobs.id, jobId)).limit(1);
  return { cancelRequested: Boolean(row?.at) };
}

/** A running job's worker has given no sign of life for this long: it is gone. */
export const WORKER_GONE_SECONDS = 20;

/** A card the run finished (saved, or a pending preview), kept on the job in order. */
export async function addJobCard(jobId: string, card: Record<string, unknown>) {
  const db = await getDb();
  await db
    .update(generationJobs)
    .set({ cards: sql`${generationJobs.cards} || ${JSON.stringify([card])}::jsonb` })
    .where(eq(generationJobs.id, jobId));
}

/**
 * The student's decision on a preview card kept on the job (accepted with the saved question's id,
 * or discarded), found by its card id or its token. False when no such card is the user's.
 */
export async function decideJobCard(
  userId: string,
  jobId: string,
  card: { cardId: string } | { previewToken: string },
  decision: { decision: "accepted" | "discarded"; questionId?: string },
): Promise<boolean> {
  const db = await getDb();
  const [field, value] = "cardId" in card ? ["cardId", card.cardId] : ["previewToken", card.previewToken];
  const patch = JSON.stringify(decision);
  const rows = await db
    .update(generationJobs)
    .set({
      cards: sql`(SELECT coalesce(jsonb_agg(CASE WHEN c->>${field} = ${value} THEN c || ${patch}::jsonb ELSE c END ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(${generationJobs.cards}) WITH ORDINALITY AS t(c, n))`,
    })
    .where(
      and(
        eq(generationJobs.id, jobId),
        eq(generationJobs.userId, userId),
        sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${generationJobs.cards}) AS c WHERE c->>${field} = ${value})`,
      ),
    )
    .returning({ id: generationJobs.id });
  return rows.length > 0;
}

/** Questions saved by the job (not counting previews accepted later). */
export async function savedByJob(jobId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(questions)
    .where(eq(questions.generationJobId, jobId));
  return row?.n ?? 0;
}

/**
 * Records how a run ended, once: a job already finished (by another attempt, or cancelled while
 * waiting) is left as it is. Returns whether this call finished it. The worker's context goes.
 */
export async function finishJob(
  jobId: string,
  r: {
    status: "complete" | "failed" | "cancelled";
    generatedCount: number;
    savedCount: number;
    drops: { reason: string; detail?: string }[];
    error?: string | null;
  },
): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(generationJobs)
    .set({
      status: r.status,
      generatedCount: r.generatedCount,
      savedCount: r.savedCount,
      droppedCount: r.drops.length,
      drops: r.drops.map((d) => ({ reason: d.reason, detail: d.detail?.slice(0, 300) })),
      error: r.error ?? null,
      context: null,
      finishedAt: new Date(),
    })
    .where(and(eq(generationJobs.id, jobId), inArray(generationJobs.status, ["pending", "running"])))
    .returning({ id: generationJobs.id });
  return rows.length > 0;
}

/**
 * Cancel: marks the request on a job still waiting or running (a waiting one is cancelled at once).
 * Null when the job is not the user's; otherwise its status after the call.
 */
export async function requestCancel(userId: string, jobId: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({
        status: generationJobs.status,
        workerGone: sql<boolean>`coalesce(${generationJobs.heartbeatAt}, ${generationJobs.startedAt}) < now() - make_interval(secs => ${WORKER_GONE_SECONDS})`,
      })
      .from(generationJobs)
      .where(and(eq(generationJobs.id, jobId), eq(generationJobs.userId, userId)))
      .for("update")
      .limit(1);
    if (!job) return null;
    if (job.status === "running") {
      await tx.update(generationJobs).set({ cancelRequestedAt: sql`coalesce(${generationJobs.cancelRequestedAt}, now())` }).where(eq(generationJobs.id, jobId));
      return { status: job.status, wasWaiting: false, workerGone: Boolean(job.workerGone) };
    } else if (job.status === "pending") {
      await tx
        .update(generationJobs)
        .set({ status: "cancelled", cancelRequestedAt: new Date(), finishedAt: new Date(), context: null, error: CANCELLED_BEFORE_START })
        .where(eq(generationJobs.id, jobId));
      return { status: "cancelled" as const, wasWaiting: true, workerGone: false };
    }
    return { status: job.status, wasWaiting: false, workerGone: false };
  });
}

export const CANCELLED_BEFORE_START = "Cancelled before it started.";

/** The user's jobs among these ids (others' and unknown ids are left out), in the order asked. */
export async function jobsOfUser(userId: string, jobIds: string[]) {
  if (jobIds.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select()
    .from(generationJobs)
    .where(and(eq(generationJobs.userId, userId), inArray(generationJobs.id, jobIds)));
  return jobIds.flatMap((id) => rows.filter((r) => r.id === id));
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

/**
 * Questions generated for a user since `since`, for the daily quota: what each finished job's model
 * wrote that passed validation (saved, or shown as a preview whether accepted later or not), and
 * for a job waiting or running, what it asked for (a job cannot stay so for good: the job engine's
 * expiry ends it). Also the oldest counted job's start, for "try again in".
 */
export async function generatedSince(userId: string, since: Date) {
  const db = await getDb();
  const counted = sql<number>`CASE WHEN ${generationJobs.status} IN ('pending', 'running') THEN ${generationJobs.requestedCount} ELSE ${generationJobs.generatedCount} END`;
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
