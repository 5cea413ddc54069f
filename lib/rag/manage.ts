/**
 * Managing a material: rename, archive, delete (one or several), retry a failed ingestion,
 * re-index. Another user's material is "not found".
 * A material that questions were generated from cannot be deleted (questions.material_id is ON
 * DELETE RESTRICT: their citations point at its passages), so deleting it archives it instead.
 */
import "server-only";
import {
  type MaterialRow,
  allChunks,
  deleteMaterialRow,
  findMaterial,
  listMaterials,
  markFailed,
  questionCount,
  renameMaterial,
  requeueFailedMaterial,
  setArchived,
  setReindexState,
} from "@/db/queries/materials";
import { isForeignKeyViolation } from "@/db/queries/errors";
import { hasBlob } from "@/db/queries/blobs";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { getEmbedder } from "./embedder";
import { indexPassages } from "./index-vectors";
import { NOT_QUEUED_REASON, enqueueIngestion } from "./ingest-job";
import type { MaterialSummary } from "./types";
import { VectorStoreUnavailable, deleteMaterialVectors } from "./vector-store";

const MATERIAL = "That material";

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

export async function listUserMaterials(userId: string): Promise<MaterialSummary[]> {
  return (await listMaterials(userId)).map(toSummary);
}

export async function getUserMaterial(userId: string, id: string): Promise<MaterialSummary> {
  const m = await findMaterial(userId, id);
  if (!m) throw notFound(MATERIAL);
  return toSummary(m);
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

export type BulkDeleteOutcome = { id: string; title: string | null } & (DeleteOutcome | { deleted: false; error: string });

/**
 * Deletes several materials, each as `deleteUserMaterial` would (one with questions is archived
 * instead); one that cannot go (not found, still processing) is reported and the rest still go.
 */
export async function deleteUserMaterials(userId: string, ids: string[]): Promise<BulkDeleteOutcome[]> {
  const out: BulkDeleteOutcome[] = [];
  for (const id of new Set(ids)) {
    const title = (await findMaterial(userId, id))?.title ?? null;
    try {
      out.push({ id, title, ...(await deleteUserMaterial(userId, id)) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push({ id, title, deleted: false, error: e.message });
    }
  }
  return out;
}

const MB = 1024 * 1024;

/** Queues a failed material's stored file for another ingestion; the library shows its progress again. */
export async function retryMaterial(userId: string, id: string): Promise<void> {
  const m = await findMaterial(userId, id);
  if (!m) throw notFound(MATERIAL);
  if (m.status !== "failed") throw new AppError("conflict", "Only a material whose processing failed can be retried.");
  // Uploaded before files were kept: there is nothing to process again.
  if (!(await hasBlob(id))) throw new AppError("conflict", "This file was not kept after its upload failed. Please upload it again.");
  const maxTotalMb = getEnv().UPLOAD_MAX_USER_TOTAL_MB;
  const r = await requeueFailedMaterial(userId, id, { maxTotalBytes: maxTotalMb * MB });
  if (!r.ok) {
    if (r.reason === "not_found") throw notFound(MATERIAL);
    if (r.reason === "not_failed") throw new AppError("conflict", "This material is already being processed again.");
    if (r.reason === "duplicate")
      throw new AppError("conflict", `You already have this file as "${r.same.title}"${r.same.archived ? " (archived)" : ""}.`);
    throw new AppError("validation", `Retrying "${m.title}" would take you past your ${maxTotalMb} MB of stored files. Remove some first.`);
  }
  try {
    await enqueueIngestion(r.material);
  } catch (e) {
    console.error(`[materials] ${id}: could not queue the retry:`, e);
    await markFailed(id, NOT_QUEUED_REASON);
    throw new AppError("unavailable", "Processing could not be started right now. Try again in a minute.");
  }
}

/** Writes the material's vectors again with the current embedder (after Chroma was down, or the embedder changed). */
export async function reindexMaterial(userId: string, id: string): Promise<{ chunks: number; embedder: string }> {
  const m = await findMaterial(userId, id);
  if (!m) throw notFound(MATERIAL);
  if (m.status !== "ready") throw new AppError("conflict", "Only a ready material can be re-indexed.");
  const chunks = await allChunks(id);
  try {
    const embedder = await indexPassages(await getEmbedder(), { userId, materialId: id }, chunks);
    await setReindexState(id, { needsReindex: false, embedder });
    return { chunks: chunks.length, embedder };
  } catch (e) {
    await setReindexState(id, { needsReindex: true });
    if (e instanceof VectorStoreUnavailable)
      throw new AppError("unavailable", "Vector search is still unavailable, so the material could not be re-indexed. Try again later.");
    throw new AppError("unavailable", "The embedding model could not be reached, so the material could not be re-indexed. Try again later.");
  }
}
