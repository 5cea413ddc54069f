/** Study materials and their passages (chunks). Every read that a user can reach is scoped to the user. */
import "server-only";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db";
import { type MaterialProgress, type MaterialStatus, type MaterialType, materialChunks, materials, questions } from "@/db/schema";
import { putBlob } from "./blobs";

export type MaterialRow = typeof materials.$inferSelect;

const q = async (db?: Queryable) => db ?? (await getDb());

export async function createMaterial(input: {
  userId: string;
  title: string;
  fileName: string;
  type: MaterialType;
  sizeBytes: number;
  contentHash: string;
}): Promise<MaterialRow> {
  const db = await getDb();
  const [row] = await db
    .insert(materials)
    .values({ ...input, status: "stored", progress: { stage: "stored" } })
    .returning();
  return row!;
}

/** Advisory-lock namespace of a user's uploads (the second key is the user id's hash). */
const UPLOAD_LOCK_NAMESPACE = 7341;

export type Reservation =
  | { ok: true; material: MaterialRow }
  | { ok: false; reason: "total"; storedBytes: number }
  | { ok: false; reason: "duplicate"; same: { id: string; title: string; archived: boolean } };

/**
 * Checks the user's stored total and duplicates and inserts the material, in one transaction under
 * a per-user lock: parallel uploads of one user queue here, so together they cannot pass
 * `maxTotalBytes` or store the same bytes twice. Nothing is written when refused.
 */
export async function reserveMaterial(
  input: Parameters<typeof createMaterial>[0],
  limits: { maxTotalBytes: number },
  /** The file's bytes, stored in the blob store in the same transaction. */
  bytes?: Uint8Array,
): Promise<Reservation> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${UPLOAD_LOCK_NAMESPACE}, hashtext(${input.userId}))`);
    if (input.contentHash) {
      const same = await findMaterialByHash(input.userId, input.contentHash, tx);
      if (same) return { ok: false, reason: "duplicate", same };
    }
    const used = await storedBytes(input.userId, tx);
    if (used + input.sizeBytes > limits.maxTotalBytes) return { ok: false, reason: "total", storedBytes: used };
    const [row] = await tx
      .insert(materials)
      .values({ ...input, status: "stored", progress: { stage: "stored" } })
      .returning();
    if (bytes) await putBlob(row!.id, bytes, tx);
    return { ok: true, material: row! };
  });
}

export type Requeue =
  | { ok: true; material: MaterialRow }
  | { ok: false; reason: "not_failed" | "not_found" }
  | { ok: false; reason: "total"; storedBytes: number }
  | { ok: false; reason: "duplicate"; same: { id: string; title: string; archived: boolean } };

/**
 * Puts a failed material back to "stored" for another ingestion, under the same per-user lock and
 * checks as an upload (a failed file does not count against the total; a kept one does).
 */
export async function requeueFailedMaterial(userId: string, id: string, limits: { maxTotalBytes: number }): Promise<Requeue> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${UPLOAD_LOCK_NAMESPACE}, hashtext(${userId}))`);
    const [m] = await tx
      .select()
      .from(materials)
      .where(and(eq(materials.id, id), eq(materials.userId, userId)))
      .for("update");
    if (!m) return { ok: false, reason: "not_found" };
    if (m.status !== "failed") return { ok: false, reason: "not_failed" };
    if (m.contentHash) {
      const same = await findMaterialByHash(userId, m.contentHash, tx);
      if (same) return { ok: false, reason: "duplicate", same };
    }
    const used = await storedBytes(userId, tx);
    if (used + m.sizeBytes > limits.maxTotalBytes) return { ok: false, reason: "total", storedBytes: used };
    const [row] = await tx
      .update(materials)
      .set({ status: "stored", progress: { stage: "stored" }, failureReason: null, updatedAt: new Date() })
      .where(eq(materials.id, id))
      .returning();
    return { ok: true, material: row! };
  });
}

/** A material by id, whoever owns it (the ingestion worker; never for a request). */
export async function materialById(id: string): Promise<MaterialRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(materials).where(eq(materials.id, id)).limit(1);
  return row ?? null;
}

/** How many of the user's materials are waiting for or in ingestion (their next one queues behind these). */
export async function inProgressCount(userId: string, except?: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(materials)
    .where(
      and(
        eq(materials.userId, userId),
        inArray(materials.status, ["stored", "extracting", "chunking", "embedding"]),
        except ? ne(materials.id, except) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

/** A material of the user's with these exact bytes that is kept (not failed), if any. */
export async function findMaterialByHash(userId: string, contentHash: string, db?: Queryable) {
  const [row] = await (await q(db))
    .select({ id: materials.id, title: materials.title, archived: materials.archived })
    .from(materials)
    .where(and(eq(materials.userId, userId), eq(materials.contentHash, contentHash), ne(materials.status, "failed")))
    .limit(1);
  return row ?? null;
}

/** Bytes counted against the per-user total: everything kept (failed uploads do not count). */
export async function storedBytes(userId: string, db?: Queryable): Promise<number> {
  const [row] = await (await q(db))
    .select({ total: sql<string>`coalesce(sum(${materials.sizeBytes}), 0)` })
    .from(materials)
    .where(and(eq(materials.userId, userId), ne(materials.status, "failed")));
  return Number(row?.total ?? 0);
}

export async function setProgress(id: string, status: MaterialStatus, progress: MaterialProgress) {
  const db = await getDb();
  await db.update(materials).set({ status, progress, updatedAt: new Date() }).where(eq(materials.id, id));
}

export async function markReady(
  id: string,
  r: { pageCount: number | null; chunkCount: number; embedder: string | null; needsReindex: boolean },
) {
  const db = await getDb();
  await db
    .update(materials)
    .set({ ...r, status: "ready", progress: { stage: "ready" }, failureReason: null, updatedAt: new Date() })
    .where(eq(materials.id, id));
}

export async function markFailed(id: string, reason: string) {
  const db = await getDb();
  await db
    .update(materials)
    .set({ status: "failed", failureReason: reason, progress: { stage: "failed", message: reason }, chunkCount: 0, updatedAt: new Date() })
    .where(eq(materials.id, id));
}

export async function setReindexState(id: string, r: { needsReindex: boolean; embedder?: string }) {
  const db = await getDb();
  await db.update(materials).set({ ...r, updatedAt: new Date() }).where(eq(materials.id, id));
}

/** A passage to store, as lib/rag/chunk.ts makes it. */
export type NewChunk = {
  ordinal: number;
  content: string;
  heading: string | null;
  pageStart: number | null;
  pageEnd: number | null;
  wordCount: number;
};

/**
 * Replaces a material's chunks in one transaction (whatever an interrupted earlier run wrote goes),
 * with the given ids (one per chunk, in order); returns them in ordinal order.
 */
export async function replaceChunks(material: { id: string; userId: string }, chunks: readonly NewChunk[], chunkIds: string[]): Promise<string[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.delete(materialChunks).where(eq(materialChunks.materialId, material.id));
    const ids: string[] = [];
    for (let i = 0; i < chunks.length; i += 500) {
      const rows = await tx
        .insert(materialChunks)
        .values(
          chunks.slice(i, i + 500).map((c, j) => ({
            id: chunkIds[i + j]!,
            materialId: material.id,
            userId: material.userId,
            ordinal: c.ordinal,
            pageStart: c.pageStart,
            pageEnd: c.pageEnd,
            heading: c.heading,
            content: c.content,
            wordCount: c.wordCount,
          })),
        )
        .returning({ id: materialChunks.id, ordinal: materialChunks.ordinal });
      ids.push(...rows.sort((a, b) => a.ordinal - b.ordinal).map((r) => r.id));
    }
    return ids;
  });
}

export async function deleteChunks(materialId: string, db?: Queryable) {
  await (await q(db)).delete(materialChunks).where(eq(materialChunks.materialId, materialId));
}

export async function listMaterials(userId: string): Promise<MaterialRow[]> {
  const db = await getDb();
  return db.select().from(materials).where(eq(materials.userId, userId)).orderBy(desc(materials.createdAt));
}

/** The user's material, or null (also for another user's: callers answer 404). */
export async function findMaterial(userId: string, id: string): Promise<MaterialRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(materials)
    .where(and(eq(materials.id, id), eq(materials.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function listChunks(userId: string, materialId: string, page: { offset: number; limit: number }) {
  const db = await getDb();
  return db
    .select({
      id: materialChunks.id,
      ordinal: materialChunks.ordinal,
      pageStart: materialChunks.pageStart,
      pageEnd: materialChunks.pageEnd,
      heading: materialChunks.heading,
      content: materialChunks.content,
      wordCount: materialChunks.wordCount,
    })
    .from(materialChunks)
    .where(and(eq(materialChunks.materialId, materialId), eq(materialChunks.userId, userId)))
    .orderBy(asc(materialChunks.ordinal))
    .offset(page.offset)
    .limit(page.limit);
}

/** Every chunk of a material, for re-embedding. */
export async function allChunks(materialId: string) {
  const db = await getDb();
  return db
    .select({ id: materialChunks.id, pageStart: materialChunks.pageStart, heading: materialChunks.heading, content: materialChunks.content })
    .from(materialChunks)
    .where(eq(materialChunks.materialId, materialId))
    .orderBy(asc(materialChunks.ordinal));
}

export async function renameMaterial(userId: string, id: string, title: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(materials)
    .set({ title, updatedAt: new Date() })
    .where(and(eq(materials.id, id), eq(materials.userId, userId)))
    .returning({ id: materials.id });
  return rows.length > 0;
}

export async function setArchived(userId: string, id: string, archived: boolean): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(materials)
    .set({ archived, updatedAt: new Date() })
    .where(and(eq(materials.id, id), eq(materials.userId, userId)))
    .returning({ id: materials.id });
  return rows.length > 0;
}

export async function questionCount(materialId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(questions).where(eq(questions.materialId, materialId));
  return Number(row?.n ?? 0);
}

/** Deletes the material (its chunks cascade). The caller has checked ownership and questions. */
export async function deleteMaterialRow(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .delete(materials)
    .where(and(eq(materials.id, id), eq(materials.userId, userId)))
    .returning({ id: materials.id });
  return rows.length > 0;
}

/** Ids of the user's ready, non-archived materials (restricted to `only` when given). */
export async function searchableMaterialIds(userId: string, only?: string[]): Promise<string[]> {
  if (only && only.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ id: materials.id })
    .from(materials)
    .where(
      and(
        eq(materials.userId, userId),
        eq(materials.status, "ready"),
        eq(materials.archived, false),
        only ? inArray(materials.id, only) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** Bounds the work of the any-word fallback: only this many matching passages are ranked. */
const ANY_WORD_CANDIDATES = 200;

/**
 * Postgres full-text ranking (ts_rank_cd) of the user's chunks for a topic. First every word of the
 * topic must occur (websearch_to_tsquery as typed: fast through the GIN index); when that finds
 * fewer than `fillBelow` (default `n`), passages with any of the words fill up to `n`. Ranking reads every candidate's
 * positions, so the fallback ranks a bounded candidate set: a very common word cannot make one
 * search read the whole library (the vector side still ranks everything).
 */
export async function fullTextSearch(userId: string, materialIds: string[], topic: string, n: number, fillBelow = n) {
  const words = topic.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0 || materialIds.length === 0) return [];
  const db = await getDb();
  const scope = and(eq(materialChunks.userId, userId), inArray(materialChunks.materialId, materialIds));
  const all = sql`websearch_to_tsquery('english', ${words.slice(0, 32).join(" ")})`;
  const rankAll = sql<number>`ts_rank_cd(${materialChunks.tsv}, ${all})`;
  const rows = await db
    .select({ chunkId: materialChunks.id, rank: rankAll })
    .from(materialChunks)
    .where(and(scope, sql`${materialChunks.tsv} @@ ${all}`))
    .orderBy(desc(rankAll))
    .limit(n);
  const out = rows.map((r) => ({ chunkId: r.chunkId, rank: Number(r.rank) }));
  if (out.length >= fillBelow || words.length < 2) return out;

  const any = sql`websearch_to_tsquery('english', ${words.slice(0, 32).join(" or ")})`;
  const candidates = db
    .select({ id: materialChunks.id, tsv: materialChunks.tsv })
    .from(materialChunks)
    .where(and(scope, sql`${materialChunks.tsv} @@ ${any}`))
    .limit(ANY_WORD_CANDIDATES)
    .as("candidates");
  const rankAny = sql<number>`ts_rank_cd(${candidates.tsv}, ${any})`;
  const more = await db.select({ chunkId: candidates.id, rank: rankAny }).from(candidates).orderBy(desc(rankAny)).limit(n);
  const seen = new Set(out.map((r) => r.chunkId));
  for (const r of more) {
    if (out.length >= n) break;
    if (!seen.has(r.chunkId)) out.push({ chunkId: r.chunkId, rank: Number(r.rank) });
  }
  return out;
}

/** Refreshes the planner's statistics after a bulk insert, so searches use the GIN index at once. */
export async function analyzeChunks() {
  const db = await getDb();
  await db.execute(sql`analyze material_chunks`);
}

/** Chunks with their material's title and file name; only the user's. */
export async function chunksWithMaterial(userId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const db = await getDb();
  return db
    .select({
      chunkId: materialChunks.id,
      materialId: materialChunks.materialId,
      materialTitle: materials.title,
      fileName: materials.fileName,
      ordinal: materialChunks.ordinal,
      pageStart: materialChunks.pageStart,
      pageEnd: materialChunks.pageEnd,
      heading: materialChunks.heading,
      content: materialChunks.content,
    })
    .from(materialChunks)
    .innerJoin(materials, eq(materials.id, materialChunks.materialId))
    .where(and(eq(materialChunks.userId, userId), inArray(materialChunks.id, ids)));
}
