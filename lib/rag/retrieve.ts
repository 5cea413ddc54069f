/**
 * retrieveContext: the passages of a student's own material that best match a topic. Chroma's
 * nearest neighbours and Postgres full-text ranking are fused by reciprocal rank; only the user's
 * ready, non-archived materials (or the named ones, still only the user's) are searched. When
 * Chroma is unreachable the result comes from full-text search alone and says so.
 */
import "server-only";
import { chunksWithMaterial, fullTextSearch, searchableMaterialIds } from "@/db/queries/materials";
import { getEnv } from "@/lib/env";
import { embedderId, getEmbedder } from "./embedder";
import { reciprocalRankFusion } from "./fusion";
import type { RetrievalResult, RetrieveOptions, RetrievedChunk } from "./types";
import { type VectorHit, queryVectors } from "./vector-store";

/**
 * Each source is asked for this many times `limit` candidates, so fusion has something to fuse.
 * Full text falls back to any-word matching only when all-word matching finds fewer than `limit`.
 */
const CANDIDATE_FACTOR = 3;

export const FULLTEXT_ONLY_NOTICE =
  "Vector search is unavailable right now, so these passages come from keyword (full-text) search only.";

export async function retrieveContext(userId: string, topic: string, options: RetrieveOptions = {}): Promise<RetrievalResult> {
  const env = getEnv();
  const limit = Math.max(1, Math.min(options.limit ?? env.RETRIEVAL_TOP_K, 50));
  const embedder = await getEmbedder(env);
  const materialIds = await searchableMaterialIds(userId, options.materialIds);
  const text = topic.trim();
  if (materialIds.length === 0 || text === "") {
    const id = embedder.dimension ? embedderId(embedder.name, embedder.dimension) : embedder.name;
    return { chunks: [], mode: "hybrid", embedder: id };
  }
  const n = limit * CANDIDATE_FACTOR;

  const vectorSearch = (async (): Promise<{ hits: VectorHit[]; id: string } | { error: unknown }> => {
    try {
      const [vector] = await embedder.embed([text], { maxRetries: 0 });
      const hits = await queryVectors(embedder.name, vector!, { userId, materialIds, n });
      return { hits, id: embedderId(embedder.name, vector!.length) };
    } catch (error) {
      return { error };
    }
  })();
  const [vec, fts] = await Promise.all([vectorSearch, fullTextSearch(userId, materialIds, text, n, limit)]);

  const hits = "hits" in vec ? vec.hits : [];
  if ("error" in vec) console.warn("[retrieve] vector search failed, full-text only:", (vec.error as Error)?.message);
  const fused = reciprocalRankFusion([hits.map((h) => h.chunkId), fts.map((f) => f.chunkId)]).slice(0, limit);

  const distance = new Map(hits.map((h) => [h.chunkId, h.distance]));
  const rank = new Map(fts.map((f) => [f.chunkId, f.rank]));
  // The join re-checks the user: a stale vector of another user's chunk could never be returned.
  const rows = new Map((await chunksWithMaterial(userId, fused.map((f) => f.id))).map((r) => [r.chunkId, r]));
  const chunks: RetrievedChunk[] = [];
  for (const f of fused) {
    const row = rows.get(f.id);
    if (!row) continue; // deleted since it was indexed
    chunks.push({ ...row, distance: distance.get(f.id) ?? null, textRank: rank.get(f.id) ?? null, score: f.score });
  }
  return "error" in vec
    ? { chunks, mode: "fulltext-only", embedder: embedder.name, notice: FULLTEXT_ONLY_NOTICE }
    : { chunks, mode: "hybrid", embedder: vec.id };
}
