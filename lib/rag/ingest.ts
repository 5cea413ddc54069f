/**
 * The ingestion pipeline for one stored material: extract -> chunk -> store passages -> embed ->
 * index in Chroma, writing progress to `materials.status/progress` as it goes so the page can show
 * it (and the student can leave and come back). Runs after the upload has returned, at most
 * INGEST_CONCURRENCY materials at once and one per student, students taking turns: one student's
 * slow file never delays another's. PDFs are read in a child process with its own budgets.
 *
 * A failure marks the material failed with a reason a student understands and removes whatever
 * was written (passages in Postgres, vectors in Chroma). Chroma being down is not a failure: the
 * passages stay searchable by full text and the material is marked as needing re-indexing.
 */
import "server-only";
import fs from "node:fs";
import type { MaterialStatus } from "@/db/schema";
import {
  type MaterialRow,
  analyzeChunks,
  deleteChunks,
  insertChunks,
  markFailed,
  markReady,
  setProgress,
} from "@/db/queries/materials";
import { getEnv } from "@/lib/env";
import { chunkBlocks } from "./chunk";
import { FairQueue } from "./fair-queue";
import { embedderId, getEmbedder } from "./embedder";
import { IngestError, type Extracted, extractPdf, extractTextual } from "./extract";
import { addVectors, deleteMaterialVectors } from "./vector-store";

const EMBED_BATCH = 128;
const PROGRESS_EVERY_MS = 250;

/** Writes progress at most every 250 ms, but always on a stage change or the last step. */
function progressWriter(materialId: string) {
  let last = 0;
  let lastStage: MaterialStatus | null = null;
  return async (stage: MaterialStatus, current?: number, total?: number) => {
    const now = Date.now();
    if (stage === lastStage && now - last < PROGRESS_EVERY_MS && current !== total) return;
    last = now;
    lastStage = stage;
    await setProgress(materialId, stage, { stage, current, total });
  };
}

export type IngestOutcome =
  | { status: "ready"; pageCount: number | null; chunkCount: number; needsReindex: boolean }
  | { status: "failed"; reason: string };

/** Ingests a stored material from its file (`source` a path) or its bytes. */
export async function ingestMaterial(material: MaterialRow, source: string | Uint8Array): Promise<IngestOutcome> {
  const env = getEnv();
  const progress = progressWriter(material.id);
  let wroteChunks = false;
  let wroteVectors = false;
  try {
    await progress("extracting", 0, undefined);
    let extracted: Extracted;
    if (material.type === "pdf") {
      extracted = await extractPdf(source, {
        maxPages: env.UPLOAD_MAX_PAGES,
        maxMemoryMb: env.UPLOAD_EXTRACT_MEMORY_MB,
        pageTimeoutMs: env.UPLOAD_PAGE_TIMEOUT_SECONDS * 1000,
        fileTimeoutMs: env.UPLOAD_FILE_TIMEOUT_SECONDS * 1000,
        maxPageChars: env.UPLOAD_MAX_PAGE_CHARS,
        onPage: (n, total) => progress("extracting", n, total),
      });
    } else {
      extracted = extractTextual(material.type, typeof source === "string" ? new Uint8Array(await fs.promises.readFile(source)) : source);
    }

    await progress("chunking");
    const chunks = chunkBlocks(extracted.blocks, { sizeWords: env.CHUNK_SIZE_WORDS, overlapWords: env.CHUNK_OVERLAP_WORDS });
    if (chunks.length === 0) throw new IngestError("The file has no text in it.");
    wroteChunks = true;
    const ids = await insertChunks(material, chunks);
    // Without fresh statistics the planner filters every row instead of using the GIN index.
    await analyzeChunks().catch((e) => console.warn("[ingest] analyze failed:", (e as Error).message));

    await progress("embedding", 0, chunks.length);
    let needsReindex = false;
    let embedder: string | null = null;
    try {
      const e = await getEmbedder(env);
      for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
        const batch = chunks.slice(i, i + EMBED_BATCH);
        const vectors = await e.embed(batch.map((c) => (c.heading ? `${c.heading}\n${c.content}` : c.content)));
        wroteVectors = true;
        await addVectors(
          e.name,
          batch.map((c, j) => ({
            chunkId: ids[i + j]!,
            userId: material.userId,
            materialId: material.id,
            page: c.pageStart,
            embedding: vectors[j]!,
          })),
        );
        embedder ??= embedderId(e.name, vectors[0]!.length);
        await progress("embedding", Math.min(i + EMBED_BATCH, chunks.length), chunks.length);
      }
    } catch (e) {
      // Vector search (or the embedding model) is down: the passages are in Postgres and full-text
      // search finds them; "Re-index" adds the vectors later.
      console.warn(`[ingest] ${material.id}: vectors not written, marked for re-indexing:`, (e as Error).message);
      needsReindex = true;
      embedder = null;
    }
    await markReady(material.id, { pageCount: extracted.pageCount, chunkCount: chunks.length, embedder, needsReindex });
    return { status: "ready", pageCount: extracted.pageCount, chunkCount: chunks.length, needsReindex };
  } catch (e) {
    const reason =
      e instanceof IngestError ? e.message : "Something went wrong while processing this file. Please try uploading it again.";
    if (!(e instanceof IngestError)) console.error(`[ingest] ${material.id} failed:`, e);
    if (wroteChunks) await deleteChunks(material.id).catch((err) => console.error("[ingest] cleanup (chunks):", err));
    if (wroteVectors)
      await deleteMaterialVectors(material.userId, material.id).catch((err) => console.error("[ingest] cleanup (vectors):", err));
    await markFailed(material.id, reason);
    return { status: "failed", reason };
  }
}

type Job = { material: MaterialRow; source: string | Uint8Array };
const g = globalThis as unknown as { __studyinIngest?: FairQueue<Job> };
const queue = () =>
  (g.__studyinIngest ??= new FairQueue<Job>({
    concurrency: getEnv().INGEST_CONCURRENCY,
    key: (job) => job.material.userId,
    run: async (job) => {
      try {
        await ingestMaterial(job.material, job.source);
      } catch (e) {
        console.error(`[ingest] ${job.material.id}: could not record the outcome:`, e);
      } finally {
        // The spooled upload is not kept: its passages are what the app uses.
        if (typeof job.source === "string") await fs.promises.rm(job.source, { force: true });
      }
    },
  }));

/**
 * Queues a material for ingestion in this process and returns at once. `source` is its spooled
 * file (removed once ingested) or its bytes. Students take turns; see FairQueue.
 */
export function enqueueIngestion(material: MaterialRow, source: string | Uint8Array): void {
  queue().push({ material, source });
}

/** True while this process is ingesting (or about to ingest) the material. */
export const isIngesting = (materialId: string) => queue().has((job) => job.material.id === materialId);

/** Resolves when the queue is empty (tests, benchmarks). */
export const ingestionIdle = (): Promise<void> => queue().idle();
