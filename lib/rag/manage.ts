/**
 * Managing a material: rename, archive, delete, re-index. Another user's material is "not found".
 * A material that questions were generated from cannot be deleted (questions.material_id is ON
 * DELETE RESTRICT: their citations point at its passages), so deleting it archives it instead.
 */
import "server-only";
import fs from "node:fs";
import {
  type MaterialRow,
  allChunks,
  deleteChunks,
  deleteMaterialRow,
  findMaterial,
  listMaterials,
  markFailed,
  questionCount,
  renameMaterial,
  setArchived,
  setReindexState,
} from "@/db/queries/materials";
import { isForeignKeyViolation } from "@/db/queries/errors";
import { AppError, notFound } from "@/lib/errors";
import { embedderId, getEmbedder } from "./embedder";
import { isIngesting } from "./ingest";
import { type MaterialSummary, isInProgress } from "./status";
import { spooledPathOf } from "./upload";
import { VectorStoreUnavailable, addVectors, deleteMaterialVectors } from "./vector-store";

const MATERIAL = "That material";

/** An ingestion with no progress for this long, and not running here, was cut off (a restart). */
const INTERRUPTED_AFTER_MS = 10 * 60 * 1000;
export const INTERRUPTED_REASON = "Processing was interrupted (the server restarted). Please upload the file again.";

export function toSummary(m: MaterialRow): MaterialSummary {
  return {
    id: m.id,
    title: m.title,
    fileName: m.fileName,
    type: m.type,
    sizeBytes: m.sizeBytes,
    pageCount: m.pageCount,
    chunkCount: m.chunkCount,
    status: m.status,
    progress: m.progress ?? null,
    failureReason: m.failureReason,
    needsReindex: m.needsReindex,
    archived: m.archived,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Marks ingestions cut off by a restart as failed (removing their partial passages, vectors and spooled file). */
async function failInterrupted(rows: MaterialRow[]): Promise<MaterialRow[]> {
  const now = Date.now();
  return Promise.all(
    rows.map(async (m) => {
      if (!isInProgress(m.status) || isIngesting(m.id) || now - m.updatedAt.getTime() < INTERRUPTED_AFTER_MS) return m;
      await deleteChunks(m.id);
      await deleteMaterialVectors(m.userId, m.id).catch(() => {});
      await fs.promises.rm(spooledPathOf(m.id), { force: true });
      await markFailed(m.id, INTERRUPTED_REASON);
      return { ...m, status: "failed" as const, failureReason: INTERRUPTED_REASON, chunkCount: 0 };
    }),
  );
}

export async function listUserMaterials(userId: string): Promise<MaterialSummary[]> {
  return (await failInterrupted(await listMaterials(userId))).map(toSummary);
}

export async function getUserMaterial(userId: string, id: string): Promise<MaterialSummary> {
  const m = await findMaterial(userId, id);
  if (!m) throw notFound(MATERIAL);
  const [row] = await failInterrupted([m]);
  return toSummary(row!);
}

export async function renameUserMaterial(userId: string, id: string, title: string) {
  if (!(await renameMaterial(userId, id, title))) throw notFound(MATERIAL);
}

export async function archiveUserMaterial(userId: string, id: string, archived: boolean) {
  if (!(await setArchived(userId, id, archived))) throw notFound(MATERIAL);
}

export type DeleteOutcome = { deleted: true } | { deleted: false; archived: true; questions: number; message: string };

export async function deleteUserMaterial(userId: string, id: string): Promise<DeleteOutcome> {
  const m = await findMaterial(userId, id);
  if (!m) throw notFound(MATERIAL);
  if (["extracting", "chunking", "embedding"].includes(m.status))
    throw new AppError("conflict", "This material is still being processed. Wait until it is ready (or failed), then delete it.");
  const archiveInstead = async (n: number): Promise<DeleteOutcome> => {
    await setArchived(userId, id, true);
    return {
      deleted: false,
      archived: true,
      questions: n,
      message: `"${m.title}" has ${n} question${n === 1 ? "" : "s"} generated from it, so it was archived instead of deleted: its passages stay for those questions' citations, but it is no longer searched.`,
    };
  };
  const n = await questionCount(id);
  if (n > 0) return archiveInstead(n);
  try {
    await deleteMaterialRow(userId, id);
  } catch (e) {
    // A question was generated between the count and the delete: the RESTRICT caught it.
    if (isForeignKeyViolation(e)) return archiveInstead(await questionCount(id));
    throw e;
  }
  // Vectors of a deleted material are harmless (retrieval joins on Postgres rows) but take space.
  await deleteMaterialVectors(userId, id).catch((e) => console.warn("[materials] vectors not deleted:", (e as Error).message));
  return { deleted: true };
}

/** Writes the material's vectors again with the current embedder (after Chroma was down, or the embedder changed). */
export async function reindexMaterial(userId: string, id: string): Promise<{ chunks: number; embedder: string }> {
  const m = await findMaterial(userId, id);
  if (!m) throw notFound(MATERIAL);
  if (m.status !== "ready") throw new AppError("conflict", "Only a ready material can be re-indexed.");
  const chunks = await allChunks(id);
  try {
    const e = await getEmbedder();
    await deleteMaterialVectors(userId, id);
    let dim = 0;
    for (let i = 0; i < chunks.length; i += 128) {
      const batch = chunks.slice(i, i + 128);
      const vectors = await e.embed(batch.map((c) => (c.heading ? `${c.heading}\n${c.content}` : c.content)));
      dim = vectors[0]?.length ?? dim;
      await addVectors(
        e.name,
        batch.map((c, j) => ({ chunkId: c.id, userId, materialId: id, page: c.pageStart, embedding: vectors[j]! })),
      );
    }
    const embedder = embedderId(e.name, dim);
    await setReindexState(id, { needsReindex: false, embedder });
    return { chunks: chunks.length, embedder };
  } catch (e) {
    await setReindexState(id, { needsReindex: true });
    if (e instanceof VectorStoreUnavailable)
      throw new AppError("unavailable", "Vector search is still unavailable, so the material could not be re-indexed. Try again later.");
    throw new AppError("unavailable", "The embedding model could not be reached, so the material could not be re-indexed. Try again later.");
  }
}
