/** What the library shows for a material: a plain summary and a progress label. Pure. */
import type { MaterialStatus } from "@/db/schema/materials";
import type { MaterialSummary } from "./types";


export const IN_PROGRESS: readonly MaterialStatus[] = ["stored", "extracting", "chunking", "embedding"];
export const isInProgress = (s: MaterialStatus) => IN_PROGRESS.includes(s);

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export function progressLabel(m: Pick<MaterialSummary, "status" | "progress" | "pageCount" | "chunkCount" | "failureReason">): string {
  const p = m.progress;
  switch (m.status) {
    case "stored":
      // A message: an attempt was cut off and the job engine will run it again.
      return p?.message ? "Interrupted, waiting to be processed again" : "Uploaded, waiting to be processed";
    case "extracting":
      return p?.current && p.total ? `Extracting page ${p.current} of ${p.total}` : "Extracting text";
    case "chunking":
      return "Splitting into passages";
    case "embedding":
      return p?.total ? `Indexing passages (${p.current ?? 0} of ${p.total})` : "Indexing passages";
    case "ready":
      return `Ready (${m.pageCount ? `${plural(m.pageCount, "page")}, ` : ""}${plural(m.chunkCount, "passage")})`;
    case "failed":
      return `Failed: ${m.failureReason ?? "unknown reason"}`;
  }
}

/** Percent done for a progress bar, or null when unknown. */
export function progressPercent(m: Pick<MaterialSummary, "status" | "progress">): number | null {
  const p = m.progress;
  if (m.status === "extracting" && p?.current && p.total) return Math.round((p.current / p.total) * 80);
  if (m.status === "chunking") return 82;
  if (m.status === "embedding" && p?.total) return 85 + Math.round(((p.current ?? 0) / p.total) * 15);
  if (m.status === "ready") return 100;
  return null;
}
