/**
 * The ingestion pipeline for one stored material: extract -> chunk -> store passages -> embed ->
 * index in Chroma, writing progress to `materials.status/progress` as it goes so the page can show
 * it (and the student can leave and come back). It runs as a background job (lib/rag/ingest-job.ts)
 * on whichever worker takes it. PDFs are read in a child process with its own budgets.
 *
 * A rerun is safe: passage ids are derived from the material and the passage's position, the
 * passages are replaced in one transaction and the vectors upserted under those ids, then any other
 * vector of the material removed, so an interrupted run followed by a retry leaves exactly one copy.
 *
 * A problem with the file (IngestError) marks the material failed with a reason a student
 * understands and removes whatever was written. Anything else (a crash, the database) is thrown for
 * the job engine to retry. Chroma being down is not a failure: the passages stay searchable by full
 * text and the material is marked as needing re-indexing.
 */
import "server-only";
import crypto from "node:crypto";
import type { MaterialStatus } from "@/db/schema";
import {
  type MaterialRow,
  analyzeChunks,
  deleteChunks,
  markFailed,
  markReady,
  replaceChunks,
  setProgress,
} from "@/db/queries/materials";
import { getEnv } from "@/lib/env";
import { chunkBlocks } from "./chunk";
import { getEmbedder } from "./embedder";
import { indexPassages } from "./index-vectors";
import { IngestError, type Extracted, extractPdf, extractTextual } from "./extract";
import { deleteMaterialVectors } from "./vector-store";

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

/** The id of a material's passage at `ordinal`: the same on every run (a UUID-shaped sha256). */
export function chunkIdFor(materialId: string, ordinal: number): string {
  const h = crypto.createHash("sha256").update(`${materialId}:${ordinal}`).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type IngestOutcome =
  | { status: "ready"; pageCount: number | null; chunkCount: number; needsReindex: boolean }
  | { status: "failed"; reason: string };

/** Removes whatever a run wrote for the material (passages and vectors); errors are logged. */
export async function discardIngestion(material: Pick<MaterialRow, "id" | "userId">) {
  await deleteChunks(material.id).catch((err) => console.error("[ingest] cleanup (chunks):", err));
  await deleteMaterialVectors(material.userId, material.id).catch((err) =>
    console.warn("[ingest] cleanup (vectors):", (err as Error).message),
  );
}

/**
 * Ingests a stored material from its bytes. Resolves with "ready" or "failed" (a problem with the
 * file, recorded on the material); throws on anything else, leaving the material for a retry.
 */
export async function ingestMaterial(material: MaterialRow, bytes: Uint8Array): Promise<IngestOutcome> {
  const env = getEnv();
  const progress = progressWriter(material.id);
  try {
    await progress("extracting", 0, undefined);
    let extracted: Extracted;
    if (material.type === "pdf") {
      extracted = await extractPdf(bytes, {
        maxPages: env.UPLOAD_MAX_PAGES,
        maxMemoryMb: env.UPLOAD_EXTRACT_MEMORY_MB,
        pageTimeoutMs: env.UPLOAD_PAGE_TIMEOUT_SECONDS * 1000,
        fileTimeoutMs: env.UPLOAD_FILE_TIMEOUT_SECONDS * 1000,
        maxPageChars: env.UPLOAD_MAX_PAGE_CHARS,
        onPage: (n, total) => progress("extracting", n, total),
      });
    } else {
      extracted = extractTextual(material.type, bytes);
    }

    await progress("chunking");
    const chunks = chunkBlocks(extracted.blocks, { sizeWords: env.CHUNK_SIZE_WORDS, overlapWords: env.CHUNK_OVERLAP_WORDS });
    if (chunks.length === 0) throw new IngestError("The file has no text in it.");
    const ids = await replaceChunks(
      material,
      chunks,
      chunks.map((c) => chunkIdFor(material.id, c.ordinal)),
    );
    // Without fresh statistics the planner filters every row instead of using the GIN index.
    await analyzeChunks().catch((e) => console.warn("[ingest] analyze failed:", (e as Error).message));

    await progress("embedding", 0, chunks.length);
    let needsReindex = false;
    let embedder: string | null = null;
    try {
      const passages = chunks.map((c, k) => ({ id: ids[k]!, heading: c.heading, content: c.content, pageStart: c.pageStart }));
      embedder = await indexPassages(await getEmbedder(env), { userId: material.userId, materialId: material.id }, passages, (done, total) =>
        progress("embedding", done, total),
      );
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
    if (!(e instanceof IngestError)) throw e;
    await discardIngestion(material);
    await markFailed(material.id, e.message);
    return { status: "failed", reason: e.message };
  }
}
