/**
 * Writes a material's passages into vector search: embeds them in batches (heading and text
 * together), upserts each under its passage id, then removes whatever else the material had there
 * (an interrupted earlier run's leftovers, or vectors under another embedder). Upsert-then-prune
 * keeps the index whole: deleting first left Chroma's HNSW index with gaps after a rerun.
 * Ingestion and "Re-index" both write vectors through here.
 */
import "server-only";
import type { Embedder } from "./embedder";
import { embedderId } from "./embedder";
import { addVectors, pruneMaterialVectors } from "./vector-store";

export const EMBED_BATCH = 128;

export type IndexablePassage = { id: string; heading: string | null; content: string; pageStart: number | null };

/** Returns the embedder id the material's vectors are now under (materials.embedder). */
export async function indexPassages(
  embedder: Embedder,
  owner: { userId: string; materialId: string },
  passages: readonly IndexablePassage[],
  onBatch?: (done: number, total: number) => Promise<void>,
): Promise<string> {
  let dimension = 0;
  for (let i = 0; i < passages.length; i += EMBED_BATCH) {
    const batch = passages.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((p) => (p.heading ? `${p.heading}\n${p.content}` : p.content)));
    await addVectors(
      embedder.name,
      batch.map((p, j) => ({ chunkId: p.id, userId: owner.userId, materialId: owner.materialId, page: p.pageStart, embedding: vectors[j]! })),
    );
    dimension = vectors[0]?.length ?? dimension;
    await onBatch?.(Math.min(i + EMBED_BATCH, passages.length), passages.length);
  }
  await pruneMaterialVectors(
    owner.userId,
    owner.materialId,
    { embedder: embedder.name, dimension },
    passages.map((p) => p.id),
  );
  return embedderId(embedder.name, dimension);
}
