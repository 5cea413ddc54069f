/**
 * The ingestion pipeline for one stored material: extract -> chunk -> store passages -> embed ->
 * index in Chroma, writing progress to `materials.status/progress` as it goes so the page can show
 * it (and the student can leave and come back). Runs in the server process after the upload has
 * returned, one material at a time (2 cores; a 654-page PDF should not starve the app).
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

type Job = { material: MaterialRow; bytes: Uint8Array };
const g = globalThis as unknown as { __studyinIngest?: { queue: Job[]; running: boolean; active: Set<string>; idle: Set<() => void> } };
const queue = () => (g.__studyinIngest ??= { queue: [], running: false, active: new Set(), idle: new Set() });

/** Queues a material for ingestion in this process and returns at once. */
export function enqueueIngestion(material: MaterialRow, bytes: Uint8Array): void {
  const q = queue();
  q.queue.push({ material, bytes });
  q.active.add(material.id);
  if (!q.running) void drain();
}

async function drain() {
  const q = queue();
  q.running = true;
  try {
    for (let job = q.queue.shift(); job; job = q.queue.shift()) {
      try {
        await ingestMaterial(job.material, job.bytes);
      } catch (e) {
        console.error(`[ingest] ${job.material.id}: could not record the outcome:`, e);
      } finally {
        q.active.delete(job.material.id);
      }
    }
  } finally {
    q.running = false;
    for (const resolve of q.idle) resolve();
    q.idle.clear();
  }
}

/** True while this process is ingesting (or about to ingest) the material. */
export const isIngesting = (materialId: string) => queue().active.has(materialId);

/** Resolves when the queue is empty (tests, benchmarks). */
export function ingestionIdle(): Promise<void> {
  const q = queue();
  if (!q.running && q.queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => q.idle.add(resolve));
}
