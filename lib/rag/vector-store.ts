/**
 * Chroma as the vector index. CHROMA_URL set: that server; unset: the embedded server, started
 * on first use under DATA_DIR/chroma. One collection per embedder (name and dimension), created
 * with `embeddingFunction: null`: we always pass our own vectors. Every query filters on the user.
 */
import path from "node:path";
import type { ChromaClient, Collection, Where } from "chromadb";
import { getEnv } from "@/lib/env";
import { embedderId } from "./embedder";

/** Chroma could not be reached (or answered with an error): callers degrade, they do not crash. */
export class VectorStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Vector search is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "VectorStoreUnavailable";
  }
}

export type VectorRecord = {
  chunkId: string;
  userId: string;
  materialId: string;
  page: number | null;
  embedding: number[];
};

export type VectorHit = { chunkId: string; distance: number };

type State = {
  client?: Promise<ChromaClient>;
  collections: Map<string, Promise<Collection>>;
  stop?: () => Promise<void>;
  pid?: number;
  exited?: () => boolean;
};
const g = globalThis as unknown as { __studyinChroma?: State };
const state = (): State => (g.__studyinChroma ??= { collections: new Map() });

/** A search waits briefly (it can fall back to keywords); writes of a whole book may take longer. */
const QUERY_TIMEOUT_MS = 10_000;
const WRITE_TIMEOUT_MS = 120_000;
const COLLECTION_PREFIX = "studyin-";

/** Chroma's rules: 3-512 chars of [a-zA-Z0-9._-], starting and ending with a letter or digit. */
export function collectionName(embedder: string, dimension: number): string {
  return `${COLLECTION_PREFIX}${embedderId(embedder, dimension)}`.replace(/[^a-zA-Z0-9._-]+/g, "-").replace(/[^a-zA-Z0-9]+$/, "").slice(0, 512);
}

async function connect(): Promise<ChromaClient> {
  const env = getEnv();
  const { ChromaClient } = await import("chromadb");
  let url = env.CHROMA_URL;
  if (!url) {
    const { startChromaServer } = await import("./chroma-server");
    const server = await startChromaServer({ dataDir: path.resolve(env.DATA_DIR, "chroma"), port: env.CHROMA_PORT });
    state().stop = server.stop;
    state().pid = server.pid;
    state().exited = server.exited;
    url = server.url;
  }
  const u = new URL(url);
  return new ChromaClient({
    host: u.hostname,
    port: Number(u.port || (u.protocol === "https:" ? 443 : 80)),
    ssl: u.protocol === "https:",
  });
}

function client(): Promise<ChromaClient> {
  const s = state();
  s.client ??= connect().catch((e) => {
    s.client = undefined; // try again next time
    throw e;
  });
  return s.client;
}

/** Runs a Chroma operation with a timeout; any failure becomes VectorStoreUnavailable. */
async function guarded<T>(op: () => Promise<T>, timeoutMs = QUERY_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      op(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    // The embedded server died: forget it, so the next call starts a new one.
    if (state().exited?.()) g.__studyinChroma = { collections: new Map() };
    if (e instanceof VectorStoreUnavailable) throw e;
    throw new VectorStoreUnavailable(e);
  } finally {
    clearTimeout(timer);
  }
}

function collection(embedder: string, dimension: number): Promise<Collection> {
  const name = collectionName(embedder, dimension);
  const s = state();
  let c = s.collections.get(name);
  if (!c) {
    c = client().then((cl) =>
      cl.getOrCreateCollection({
        name,
        embeddingFunction: null,
        configuration: { hnsw: { space: "cosine" } },
        metadata: { embedder, dimension },
      }),
    );
    c.catch(() => s.collections.delete(name));
    s.collections.set(name, c);
  }
  return c;
}

const BATCH = 500;

export async function addVectors(embedder: string, records: VectorRecord[]): Promise<void> {
  if (records.length === 0) return;
  const dim = records[0]!.embedding.length;
  await guarded(async () => {
    const col = await collection(embedder, dim);
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      await col.upsert({
        ids: batch.map((r) => r.chunkId),
        embeddings: batch.map((r) => r.embedding),
        metadatas: batch.map((r) => ({
          userId: r.userId,
          materialId: r.materialId,
          chunkId: r.chunkId,
          ...(r.page === null ? {} : { page: r.page }),
        })),
      });
    }
  }, WRITE_TIMEOUT_MS);
}

/** Removes a material's vectors from every Studyin collection (its embedder may have changed). */
export async function deleteMaterialVectors(userId: string, materialId: string): Promise<void> {
  await guarded(async () => {
    const cl = await client();
    const cols = await cl.listCollections();
    for (const c of cols.filter((c) => c.name.startsWith(COLLECTION_PREFIX))) {
      await c.delete({ where: { $and: [{ userId }, { materialId }] } });
    }
  }, WRITE_TIMEOUT_MS);
}

/**
 * After a (re)ingestion wrote the material's vectors under `keep` (ids) in `current`'s collection:
 * removes every other vector of the material, there and in every other Studyin collection (an
 * earlier run under another embedder). Upserting the same ids instead of deleting them first keeps
 * the index free of tombstones, which cost an approximate search its recall.
 */
export async function pruneMaterialVectors(
  userId: string,
  materialId: string,
  current: { embedder: string; dimension: number },
  keep: string[],
): Promise<void> {
  const currentName = collectionName(current.embedder, current.dimension);
  await guarded(async () => {
    const cl = await client();
    const cols = await cl.listCollections();
    for (const c of cols.filter((c) => c.name.startsWith(COLLECTION_PREFIX))) {
      const mine: Where = { $and: [{ userId }, { materialId }] };
      if (c.name !== currentName) {
        await c.delete({ where: mine });
        continue;
      }
      const kept = new Set(keep);
      const { ids } = await c.get({ where: mine, include: [] });
      const stale = ids.filter((id) => !kept.has(id));
      if (stale.length > 0) await c.delete({ ids: stale });
    }
  }, WRITE_TIMEOUT_MS);
}

/** How many vectors the material has, over every Studyin collection (exact, unlike a nearest-neighbour query). */
export async function countMaterialVectors(userId: string, materialId: string): Promise<number> {
  return guarded(async () => {
    const cl = await client();
    let n = 0;
    for (const c of (await cl.listCollections()).filter((c) => c.name.startsWith(COLLECTION_PREFIX))) {
      n += (await c.get({ where: { $and: [{ userId }, { materialId }] }, include: [] })).ids.length;
    }
    return n;
  });
}

/** Nearest chunks of the user's (listed) materials to `vector`. */
export async function queryVectors(
  embedder: string,
  vector: number[],
  opts: { userId: string; materialIds: string[]; n: number },
): Promise<VectorHit[]> {
  if (opts.materialIds.length === 0) return [];
  return guarded(async () => {
    const col = await collection(embedder, vector.length);
    const where: Where = {
      $and: [
        { userId: opts.userId },
        opts.materialIds.length === 1 ? { materialId: opts.materialIds[0]! } : { materialId: { $in: opts.materialIds } },
      ],
    };
    const res = await col.query({ queryEmbeddings: [vector], nResults: opts.n, where, include: ["distances"] });
    const ids = res.ids[0] ?? [];
    const distances = res.distances[0] ?? [];
    return ids.map((id, i) => ({ chunkId: id, distance: distances[i] ?? 1 }));
  });
}

/** The embedded Chroma server's process id (benchmarks report its memory); undefined with CHROMA_URL. */
export const embeddedChromaPid = () => state().pid;

/** Forget the client (tests switch servers; a restarted server gets a new connection). */
export async function resetVectorStore(opts: { stopServer?: boolean } = {}): Promise<void> {
  const s = state();
  if (opts.stopServer) await s.stop?.();
  g.__studyinChroma = { collections: new Map() };
}
