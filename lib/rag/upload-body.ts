/**
 * Reading an upload's multipart body without ever holding more than the limit: Content-Length is
 * checked before anything is read, a counting reader over `req.body` stops the moment the body
 * passes the limit, and each file streams to a spool file on disk (hashed on the way, its first
 * 8 KB kept for the content sniff). `req.formData()` would read any body whole into memory first.
 *
 * Multipart is parsed by @fastify/busboy (a maintained fork of busboy, no dependencies) fed from
 * the bounded stream: Next's route handlers get a Web Request, busboy is a Node Writable, and the
 * counting loop between them is where the limit lives.
 */
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { Busboy } from "@fastify/busboy";
import { AppError } from "@/lib/errors";
import { formatMb } from "./limits";
import type { SpooledUpload } from "./upload";

/** Room for the multipart boundaries and part headers around the files. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const HEAD_BYTES = 8192;

export type UploadBodyLimits = { maxFileMb: number; maxFiles: number; spoolDir: string };

const unreadable = () => new AppError("validation", "The upload could not be read. Choose the files again.");
const bodyTooLarge = (maxFileMb: number, size?: number) =>
  new AppError(
    "too_large",
    size !== undefined
      ? `The upload is ${formatMb(size)}; the limit is ${maxFileMb} MB per file. Upload large files one at a time.`
      : `The upload is larger than ${maxFileMb} MB, the limit per file. Upload large files one at a time.`,
  );

/**
 * The files of the multipart field "files", spooled under `spoolDir`. Throws AppError: too_large
 * past the limit (nothing more is read), validation for a body that is not a readable upload.
 * On any failure the spool files written so far are removed.
 */
export async function readUploadForm(req: Request, limits: UploadBodyLimits): Promise<SpooledUpload[]> {
  const maxFileBytes = Math.floor(limits.maxFileMb * 1024 * 1024);
  const maxBodyBytes = maxFileBytes + MULTIPART_OVERHEAD_BYTES;
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw unreadable();
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw bodyTooLarge(limits.maxFileMb, declared);
  if (!req.body) throw new AppError("validation", "Choose at least one file to upload.");

  await fs.promises.mkdir(limits.spoolDir, { recursive: true });
  const files: SpooledUpload[] = [];
  const writes: Promise<void>[] = [];
  const streams: NodeJS.ReadableStream[] = [];
  let failure: AppError | null = null;
  const bb = new Busboy({
    headers: { "content-type": contentType },
    limits: {
      fileSize: maxFileBytes,
      files: limits.maxFiles,
      fields: 10,
      fieldSize: 1024,
      parts: limits.maxFiles + 10,
      headerPairs: 20,
    },
  });
  bb.on("filesLimit", () => {
    failure ??= new AppError("validation", `Upload at most ${limits.maxFiles} files at once.`);
  });
  bb.on("file", (field, stream, fileName) => {
    if (field !== "files" || !fileName) {
      stream.resume(); // not ours: drained, not stored
      return;
    }
    const spooled: SpooledUpload = {
      name: fileName,
      size: 0,
      path: path.join(limits.spoolDir, `${crypto.randomUUID()}.part`),
      sha256: "",
      head: new Uint8Array(),
    };
    files.push(spooled);
    streams.push(stream);
    const hash = crypto.createHash("sha256");
    const head: Buffer[] = [];
    let headBytes = 0;
    stream.on("limit", () => {
      failure ??= new AppError("too_large", `"${fileName}" is larger than ${limits.maxFileMb} MB; the limit is ${limits.maxFileMb} MB per file.`);
    });
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        spooled.size += chunk.byteLength;
        hash.update(chunk);
        if (headBytes < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.byteLength, HEAD_BYTES - headBytes);
        }
        done(null, chunk);
      },
    });
    writes.push(
      pipeline(stream, tap, fs.createWriteStream(spooled.path)).then(() => {
        spooled.sha256 = hash.digest("hex");
        spooled.head = new Uint8Array(Buffer.concat(head));
      }),
    );
  });
  const parsed = new Promise<void>((resolve, reject) => {
    bb.once("finish", resolve);
    bb.once("error", reject);
  });
  parsed.catch(() => {}); // awaited below; a failure before then must not go unhandled

  const reader = req.body.getReader();
  let received = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBodyBytes) throw bodyTooLarge(limits.maxFileMb);
      if (failure) throw failure;
      if (!bb.write(value)) await Promise.race([once(bb, "drain"), parsed]);
    }
    bb.end();
    await parsed.catch(() => {
      throw unreadable();
    });
    await Promise.all(writes);
    if (failure) throw failure;
    return files;
  } catch (e) {
    await reader.cancel().catch(() => {});
    for (const s of streams) (s as unknown as { destroy: (e: Error) => void }).destroy(new Error("upload abandoned"));
    bb.destroy();
    await Promise.allSettled(writes);
    await Promise.all(files.map((f) => fs.promises.rm(f.path, { force: true })));
    throw e instanceof AppError ? e : unreadable();
  }
}
