/**
 * Accepting uploaded files: every limit and cheap content check runs before any work, then each
 * accepted file is reserved against the student's total and stored as a `stored` material in one
 * transaction, and queued for ingestion. Returns per-file results. A refused file leaves nothing:
 * no material row, no spooled bytes.
 */
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { reserveMaterial } from "@/db/queries/materials";
import { getEnv } from "@/lib/env";
import { materialTypeOf, sniffContent } from "./extract";
import { enqueueIngestion } from "./ingest";
import { fileRefusal, totalRefusal } from "./limits";

/** A file held in memory (tests, scripts). */
export type InMemoryUpload = { name: string; size: number; bytes: () => Promise<Uint8Array> };
/** A file streamed to disk by the upload route (lib/rag/upload-body.ts), hashed on the way. */
export type SpooledUpload = { name: string; size: number; path: string; sha256: string; head: Uint8Array };
export type UploadFile = InMemoryUpload | SpooledUpload;
export type UploadResult =
  | { fileName: string; ok: true; materialId: string }
  | { fileName: string; ok: false; error: string };

export const MAX_FILES_PER_UPLOAD = 20;
const MB = 1024 * 1024;

/** Where uploads wait for ingestion (removed once ingested). */
export const uploadsDir = () => path.resolve(getEnv().DATA_DIR, "uploads");

/** The spooled file of a material that was accepted but whose ingestion was cut off, if any. */
export const spooledPathOf = (materialId: string) => path.join(uploadsDir(), materialId);

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
    // Accepted files were moved to their material's name; the rest (refused, or not reached after a
    // failure) go.
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

  let head: Uint8Array;
  let contentHash: string;
  let bytes: Uint8Array | null = null;
  if ("path" in file) {
    head = file.head;
    contentHash = file.sha256;
  } else {
    bytes = await file.bytes();
    head = bytes;
    contentHash = crypto.createHash("sha256").update(bytes).digest("hex");
  }
  const bad = sniffContent(type, head);
  if (bad) return refused(`"${file.name}": ${bad}`);

  const reservation = await reserveMaterial(
    { userId, title: titleFromFileName(file.name), fileName: file.name.slice(0, 255), type, sizeBytes: file.size, contentHash },
    { maxTotalBytes: env.UPLOAD_MAX_USER_TOTAL_MB * MB },
  );
  if (!reservation.ok) {
    if (reservation.reason === "total")
      return refused(totalRefusal(file, reservation.storedBytes, { maxUserTotalMb: env.UPLOAD_MAX_USER_TOTAL_MB })!);
    // The same bytes twice would only repeat every passage in search and generation.
    const where = reservation.same.archived ? " (archived)" : "";
    return refused(`"${file.name}": you already uploaded this file as "${reservation.same.title}"${where}.`);
  }
  const material = reservation.material;
  if ("path" in file) {
    const kept = spooledPathOf(material.id);
    await fs.promises.rename(file.path, kept);
    enqueueIngestion(material, kept);
  } else {
    enqueueIngestion(material, bytes!);
  }
  return { fileName: file.name, ok: true, materialId: material.id };
}
