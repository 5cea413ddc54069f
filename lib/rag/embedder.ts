/**
 * The one place the embedder is chosen. EMBEDDING_MODEL through the AI SDK (`embedMany`, OpenAI or
 * any OpenAI-compatible server) when a provider is configured and the model is not "offline";
 * otherwise the offline lexical embedder.
 */
import { getEnv, type Env } from "@/lib/env";
import { LEXICAL_DIMENSION, LEXICAL_NAME, embedLexical } from "./lexical-embedder";

export type Embedder = {
  /** Model name, e.g. "offline-lexical" or "text-embedding-3-small". */
  name: string;
  kind: "offline" | "model";
  /** Known before the first call for the offline embedder; a model's shows in its vectors. */
  dimension?: number;
  /** `maxRetries`: a search waits for no retry (it falls back to keywords); ingestion retries once. */
  embed(texts: string[], opts?: { maxRetries?: number }): Promise<number[][]>;
};

export type EmbedderInfo = { name: string; kind: Embedder["kind"]; description: string };

/** "name:dimension": the key of the Chroma collection that holds this embedder's vectors. */
export const embedderId = (name: string, dimension: number) => `${name}:${dimension}`;

export function embedderInfo(e: Env = getEnv()): EmbedderInfo {
  const configured = (e.OPENAI_API_KEY || e.OPENAI_BASE_URL) && e.EMBEDDING_MODEL.toLowerCase() !== "offline";
  if (configured)
    return {
      name: e.EMBEDDING_MODEL,
      kind: "model",
      description: `Semantic search with the embedding model "${e.EMBEDDING_MODEL}", fused with keyword search.`,
    };
  return {
    name: LEXICAL_NAME,
    kind: "offline",
    description:
      "Offline keyword embedder: it matches the words you type (and their simple variants), not their meaning. " +
      "Synonyms and paraphrases (\"heart attack\" for \"myocardial infarction\") are not found. " +
      "Configure EMBEDDING_MODEL with an OpenAI-compatible server for semantic search.",
  };
}

const BATCH = 64;

let cached: { key: string; embedder: Embedder } | undefined;

export async function getEmbedder(e: Env = getEnv()): Promise<Embedder> {
  const info = embedderInfo(e);
  const key = `${info.kind}:${info.name}:${e.OPENAI_BASE_URL ?? ""}`;
  if (cached?.key === key) return cached.embedder;
  let embedder: Embedder;
  if (info.kind === "offline") {
    embedder = {
      name: LEXICAL_NAME,
      kind: "offline",
      dimension: LEXICAL_DIMENSION,
      embed: async (texts) => texts.map((t) => embedLexical(t, LEXICAL_DIMENSION)),
    };
  } else {
    const [{ embedMany }, { createOpenAI }] = await Promise.all([import("ai"), import("@ai-sdk/openai")]);
    const provider = createOpenAI({ apiKey: e.OPENAI_API_KEY ?? "not-needed", baseURL: e.OPENAI_BASE_URL });
    const model = provider.embedding(e.EMBEDDING_MODEL);
    embedder = {
      name: e.EMBEDDING_MODEL,
      kind: "model",
      embed: async (texts, opts = {}) => {
        const out: number[][] = [];
        for (let i = 0; i < texts.length; i += BATCH) {
          const { embeddings } = await embedMany({
            model,
            values: texts.slice(i, i + BATCH),
            maxRetries: opts.maxRetries ?? 1,
            abortSignal: AbortSignal.timeout(e.MODEL_TIMEOUT_SECONDS * 1000),
          });
          out.push(...embeddings);
        }
        return out;
      },
    };
  }
  cached = { key, embedder };
  return embedder;
}
