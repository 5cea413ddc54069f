/** The blob store: an uploaded file's bytes, one row per material (deleted with it by the foreign key). */
import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Queryable } from "@/db";
import { materialBlobs } from "@/db/schema";

const q = async (db?: Queryable) => db ?? (await getDb());

/** Stores (or replaces) a material's bytes. */
export async function putBlob(materialId: string, bytes: Uint8Array, db?: Queryable): Promise<void> {
  await (await q(db))
    .insert(materialBlobs)
    .values({ materialId, bytes, sizeBytes: bytes.byteLength })
    .onConflictDoUpdate({ target: materialBlobs.materialId, set: { bytes, sizeBytes: bytes.byteLength, createdAt: new Date() } });
}

/** A material's bytes, or null when none are stored (uploaded before the blob store existed). */
export async function getBlob(materialId: string): Promise<Uint8Array | null> {
  const db = await getDb();
  const [row] = await db
    .select({ bytes: materialBlobs.bytes, sizeBytes: materialBlobs.sizeBytes })
    .from(materialBlobs)
    .where(eq(materialBlobs.materialId, materialId));
  if (!row) return null;
  if (row.bytes.byteLength !== row.sizeBytes) throw new Error(`Stored file of ${materialId} has ${row.bytes.byteLength} bytes, expected ${row.sizeBytes}.`);
  return row.bytes;
}

export async function hasBlob(materialId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: materialBlobs.materialId }).from(materialBlobs).where(eq(materialBlobs.materialId, materialId));
  return Boolean(row);
}
