/** Upload limits, checked before any work. Pure: the caller passes the limits and what is stored. */
import { materialTypeOf } from "./file-types";

export type UploadLimits = { maxFileMb: number; maxUserTotalMb: number };
export type UploadCandidate = { name: string; size: number };

const MB = 1024 * 1024;

export const formatMb = (bytes: number) => {
  if (bytes < MB) return `${Math.ceil(bytes / 1024)} KB`;
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
};
const limitMb = (mb: number) => `${mb} MB`;

/** Why a file is refused on its own (type, empty, size); null when it may be uploaded. */
export function fileRefusal(f: UploadCandidate, limits: Pick<UploadLimits, "maxFileMb">): string | null {
  if (!materialTypeOf(f.name)) return `"${f.name}": only PDF, Markdown (.md) and plain-text (.txt) files can be uploaded.`;
  if (f.size === 0) return `"${f.name}" is empty.`;
  if (f.size > limits.maxFileMb * MB) return `"${f.name}" is ${formatMb(f.size)}; the limit is ${limitMb(limits.maxFileMb)} per file.`;
  return null;
}

/** Why a file is refused given what the student already stores; null when it fits the total. */
export function totalRefusal(f: UploadCandidate, storedBytes: number, limits: Pick<UploadLimits, "maxUserTotalMb">): string | null {
  if (storedBytes + f.size <= limits.maxUserTotalMb * MB) return null;
  return `"${f.name}" (${formatMb(f.size)}) would take your materials to ${formatMb(storedBytes + f.size)}; the limit is ${limitMb(limits.maxUserTotalMb)} in total. Delete some materials first.`;
}

/**
 * Why each file is refused (null: accepted), in order; accepted files count towards the total
 * for the files after them. The upload box's check; the server reserves the total per file in one
 * transaction (db/queries/materials.ts reserveMaterial).
 */
export function uploadRefusals(files: UploadCandidate[], storedBytes: number, limits: UploadLimits): (string | null)[] {
  let used = storedBytes;
  return files.map((f) => {
    const refusal = fileRefusal(f, limits) ?? totalRefusal(f, used, limits);
    if (refusal === null) used += f.size;
    return refusal;
  });
}
