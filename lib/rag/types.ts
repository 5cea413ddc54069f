import type { MaterialProgress, MaterialStatus, MaterialType } from "@/db/schema/materials";

/**
 * The retrieval contract between the materials pipeline (lib/rag) and question generation (lib/ai).
 * `retrieveContext(userId, topic, options)` in lib/rag/retrieve.ts returns this.
 */
export type RetrievedChunk = {
  chunkId: string;
  materialId: string;
  materialTitle: string;
  fileName: string;
  ordinal: number;
  pageStart: number | null;
  pageEnd: number | null;
  heading: string | null;
  content: string;
  /** Chroma distance (lower is nearer); null when the chunk came from full-text search alone. */
  distance: number | null;
  /** Postgres ts_rank_cd; null when the chunk came from Chroma alone. */
  textRank: number | null;
  /** The fused score (reciprocal rank fusion), higher is better. */
  score: number;
};

export type RetrieveOptions = {
  /** Only these materials (must be the user's); default: all the user's ready, non-archived materials. */
  materialIds?: string[];
  /** How many chunks to return; default RETRIEVAL_TOP_K. */
  limit?: number;
};

export type RetrievalResult = {
  chunks: RetrievedChunk[];
  /**
   * "hybrid": Chroma + full-text fused; "fulltext-only": the vector search failed (Chroma or the
   * embedding model unreachable), so full-text search alone.
   */
  mode: "hybrid" | "fulltext-only";
  /**
   * The embedder: "name:dimension" of the query vector in hybrid mode (e.g. "offline-lexical:512",
   * "text-embedding-3-small:1536"); its bare name in fulltext-only mode, where no vector was made.
   */
  embedder: string;
  /** A sentence for the UI when something degraded (e.g. "Vector search is unavailable; ..."). */
  notice?: string;
};

/** One file of an upload: saved and queued, or refused with a sentence saying why. */
export type UploadResult =
  | { fileName: string; ok: true; materialId: string }
  | { fileName: string; ok: false; error: string };

/** A material as the library lists it (lib/rag/status.ts builds it from the row). */
export type MaterialSummary = {
  id: string;
  title: string;
  fileName: string;
  type: MaterialType;
  sizeBytes: number;
  pageCount: number | null;
  chunkCount: number;
  status: MaterialStatus;
  progress: MaterialProgress | null;
  failureReason: string | null;
  needsReindex: boolean;
  archived: boolean;
  createdAt: string;
};
