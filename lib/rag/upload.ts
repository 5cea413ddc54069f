/**
 * Accepting uploaded files: every limit and cheap content check runs before any work, then each
 * accepted file becomes a `stored` material and is queued for ingestion. Returns per-file results.
 */
import "server-only";
import crypto from "node:crypto";
import { createMaterial, findMaterialByHash, storedBytes } from "@/db/queries/materials";
import { getEnv } from "@/lib/env";
import { materialTypeOf, sniffContent } from "./extract";
import { enqueueIngestion } from "./ingest";
import { uploadRefusals } from "./limits";

export type UploadFile = { name: string; size: number; bytes: () => Promise<Uint8Array> };
export type UploadResult =
  | { fileName: string; ok: true; materialId: string }
  | { fileName: string; ok: false; error: string };

export const MAX_FILES_PER_UPLOAD = 20;

/** The title shown in the library: the file name without its extension. */
export const titleFromFileName = (name: string) => name.replace(/\.[^.]+$/, "").replace(/[_]+/g, " ").trim().slice(0, 200) || name;

export async function acceptUploads(userId: string, files: UploadFile[]): Promise<UploadResult[]> {
  const env = getEnv();
  const refusals = uploadRefusals(
    files.map((f) => ({ name: f.name, size: f.size })),
    await storedBytes(userId),
    { maxFileMb: env.UPLOAD_MAX_FILE_MB, maxUserTotalMb: env.UPLOAD_MAX_USER_TOTAL_MB },
  );
  const results: UploadResult[] = [];
  for (const [i, file] of files.entries()) {
    const refusal = refusals[i];
    if (refusal) {
      results.push({ fileName: file.name, ok: false, error: refusal });
      continue;
    }
    const type = materialTypeOf(file.name)!;
    const bytes = await file.bytes();
    const bad = sniffContent(type, bytes);
    if (bad) {
      results.push({ fileName: file.name, ok: false, error: `"${file.name}": ${bad}` });
      continue;
    }
    const contentHash = crypto.createHash("sha256").update(bytes).digest("hex");
    // The same bytes twice would only repeat every passage in search and generation.
    const same = await findMaterialByHash(userId, contentHash);
    if (same) {
      const where = same.archived ? " (archived)" : "";
      results.push({ fileName: file.name, ok: false, error: `"${file.name}": you already uploaded this file as "${same.title}"${where}.` });
      continue;
    }
    const material = await createMaterial({
      userId,
      title: titleFromFileName(file.name),
      fileName: file.name.slice(0, 255),
      type,
      sizeBytes: bytes.byteLength,
      contentHash,
    });
    enqueueIngestion(material, bytes);
    results.push({ fileName: file.name, ok: true, materialId: material.id });
  }
  return results;
}
