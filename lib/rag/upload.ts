/**
 * Accepting uploaded files: every limit and cheap content check runs before any work, then each
 * accepted file is reserved against the student's total and stored — the material row and the
 * file's bytes in the blob store, in one transaction — and an ingestion job is queued. So once the
 * request has answered, the file survives a restart and any worker can ingest it. Returns per-file
 * results. A refused file leaves nothing: no material row, no stored or spooled bytes.
 */
import "server-only";
import type { UploadResult } from "./types";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { markFailed, reserveMaterial } from "@/db/queries/materials";
import { getEnv } from "@/lib/env";
import { materialTypeOf, sniffContent } from "./extract";
import { NOT_QUEUED_REASON, enqueueIngestion } from "./ingest-job";
import { fileRefusal, totalRefusal } from "./limits";

/** A file held in memory (tests, scripts). */
export type InMemoryUpload = { name: string; size: number; bytes: () => Promise<Uint8Array> };
/** A file streamed to disk by the upload route (lib/rag/upload-body.ts), hashed on the way. */
export type SpooledUpload = { name: string; size: number; path: string; sha256: string; head: Uint8Array };
export type UploadFile = InMemoryUpload | SpooledUpload;
export const MAX_FILES_PER_UPLOAD = 20;
const MB = 1024 * 1024;

/** Where an upload is spooled while the request reads it (removed before the request answers). */
export const uploadsDir = () => path.resolve(getEnv().DATA_DIR, "uploads");


/** The title shown in the library: the file name without its extension. */
export const titleFromFileName = (name: string) => name.replace(/\.[^.]+$/, "").replace(/[_]+/g, " ").trim().slice(0, 200) || name;

/** Removes the spooled files of an upload that will not be accepted (idempotent). */
export async function discardUploads(files: UploadFile[]): Promise<void> {
  await Promise.all(files.map((f) => ("path" in f ? fs.promises.rm(f.path, { force: true }) : undefined)));
}

export async function acceptUploads(userId: string, files: UploadFile[]): Promise<UploadResult[]> {
  const results: UploadResult[] = [];
  try {
    for (const file of files) results.push(await acceptOne(userId, file));
  } finally {
    // Accepted files are in the blob store by now: every spooled file goes.
    await discardUploads(files);
  }
  return results;
}

async function acceptOne(userId: string, file: UploadFile): Promise<UploadResult> {
  const env = getEnv();
  const refused = (error: string): UploadResult => ({ fileName: file.name, ok: false, error });
  const refusal = fileRefusal(file, { maxFileMb: env.UPLOAD_MAX_FILE_MB });
  if (refusal) return refused(refusal);
  const type = materialTypeOf(file.name)!;

  const inMemory = "path" in file ? null : await file.bytes();
  const bad = sniffContent(type, "path" in file ? file.head : inMemory!);
  if (bad) return refused(`"${file.name}": ${bad}`);
  // The blob store takes the whole file (UPLOAD_MAX_FILE_MB at most) in one statement.
  const bytes = inMemory ?? new Uint8Array(await fs.promises.readFile((file as SpooledUpload).path));
  const contentHash = "path" in file ? file.sha256 : crypto.createHash("sha256").update(bytes).digest("hex");

  const reservation = await reserveMaterial(
    { userId, title: titleFromFileName(file.name), fileName: file.name.slice(0, 255), type, sizeBytes: file.size, contentHash },
    { maxTotalBytes: env.UPLOAD_MAX_USER_TOTAL_MB * MB },
    bytes,
  );
  if (!reservation.ok) {
    if (reservation.reason === "total")
      return refused(totalRefusal(file, reservation.storedBytes, { maxUserTotalMb: env.UPLOAD_MAX_USER_TOTAL_MB })!);
    // The same bytes twice would only repeat every passage in search and generation.
    const where = reservation.same.archived ? " (archived)" : "";
    return refused(`"${file.name}": you already uploaded this file as "${reservation.same.title}"${where}.`);
  }
  const material = reservation.material;
  try {
    await enqueueIngestion(material);
  } catch (e) {
    // The file is stored: the student can press Retry once the job engine is back.
    console.error(`[upload] ${material.id}: could not queue the ingestion:`, e);
    await markFailed(material.id, NOT_QUEUED_REASON);
  }
  return { fileName: file.name, ok: true, materialId: material.id };
}
