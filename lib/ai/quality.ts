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

/**
 * Hybrid retrieval always returns the nearest vectors, even for a topic the material never
 * mentions. Treat the result as "no match" when full-text search found nothing and every vector is
 * far (cosine distance near 1 means unrelated; hashed lexical vectors of unrelated text still land around 0.85-0.95).
 */
export const OFF_TOPIC_DISTANCE = 0.8;

export function matchesTopic(chunks: readonly Pick<RetrievedChunk, "distance" | "textRank">[]): boolean {
  if (chunks.length === 0) return false;
  if (chunks.some((c) => c.textRank != null && c.textRank > 0)) return true;
  return chunks.some((c) => c.distance != null && c.distance < OFF_TOPIC_DISTANCE);
}
