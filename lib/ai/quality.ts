/**
 * Source quality in [0, 1] from retrieval: how near the cited passage was to the topic. Chroma's
 * cosine distance lies in [0, 2] (0 = same direction); a passage found by full-text search alone has
 * no distance, so its fused rank score stands in, scaled against the best score of the request.
 */
import type { RetrievedChunk } from "@/lib/rag/types";

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function sourceQuality(cited: RetrievedChunk, all: readonly RetrievedChunk[]): number {
  if (cited.distance != null && Number.isFinite(cited.distance)) return round(clamp01(1 - cited.distance / 2));
  const best = Math.max(...all.map((c) => c.score), 0);
  return round(best > 0 ? clamp01(cited.score / best) * 0.5 : 0);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
