/**
 * GET: the signed-in student's materials with live status (the library polls it).
 * POST: multipart upload of one or more files (field "files"), read as it streams in and refused
 * (413) once past UPLOAD_MAX_FILE_MB; each file is checked against the limits before any work,
 * stored as a material, and ingested in the background. Answers 201 with the per-file results once
 * the files are stored, without waiting for ingestion.
 */
import { listMaterialsRoute, uploadMaterialsRoute } from "@/lib/api/routes";
import { getEnv } from "@/lib/env";
import { validationError } from "@/lib/errors";
import { authedRoute } from "@/lib/http/route";
import { limiter } from "@/lib/ratelimit";
import { listUserMaterials } from "@/lib/rag/manage";
import { MAX_FILES_PER_UPLOAD, acceptUploads, discardUploads, uploadsDir } from "@/lib/rag/upload";
import { readUploadForm } from "@/lib/rag/upload-body";
import { fileNameSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = authedRoute(listMaterialsRoute, async (_input, { user }) => ({ materials: await listUserMaterials(user.id) }));

/** Refused with 403 when it comes from another site, 401 without a session (lib/http/route.ts). */
export const POST = authedRoute(uploadMaterialsRoute, async (_input, { user, req }) => {
  await limiter("material-upload", { tokens: 60, windowSeconds: 3600 }).consume(user.id, "You have uploaded many files in the last hour.");
  // Never req.formData(): it reads any body whole. This refuses past the limit as it streams in.
  const env = getEnv();
  const files = await readUploadForm(req, { maxFileMb: env.UPLOAD_MAX_FILE_MB, maxFiles: MAX_FILES_PER_UPLOAD, spoolDir: uploadsDir() });
  if (files.length === 0) throw validationError("Choose at least one file to upload.", { files: "Choose at least one file to upload." });
  // Every name is checked before any file is stored (a NUL byte used to fail mid-upload).
  const badName = files.map((f) => fileNameSchema.safeParse(f.name)).find((r) => !r.success);
  if (badName) {
    await discardUploads(files);
    const message = badName.error!.issues[0]!.message;
    throw validationError(message, { files: message });
  }
  const results = await acceptUploads(user.id, files);
  const headers = { "cache-control": "private, no-store" };
  if (results.some((r) => r.ok)) return Response.json({ results }, { status: 201, headers });
  // None stored: the one error shape (each file's reason under files.N), with the results beside it.
  const fields = Object.fromEntries(results.flatMap((r, i) => (r.ok ? [] : [[`files.${i}`, r.error]])));
  const error = validationError(results.length === 1 && !results[0]!.ok ? results[0]!.error : "None of the files could be added.", fields).toShape();
  return Response.json({ error, results }, { status: 422, headers });
});
