/**
 * Ingestion as a durable job, on the test database (PGlite, or Postgres with DATABASE_URL) and a
 * real Chroma: the upload stores the file before it answers and the job ingests it; a rerun
 * replaces passages and vectors instead of doubling them; the stored file goes with the material;
 * an engine restart mid-ingestion hands the job back and it ends ready; a job the engine gives up
 * on leaves the material failed with a reason.
 */
import fs from "node:fs";
import { count, countDistinct, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getBlob } from "@/db/queries/blobs";
import { materialBlobs, materialChunks, materials } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { startAllWorkers, stopJobs } from "@/lib/jobs";
import { chunkBlocks } from "@/lib/rag/chunk";
import { extractPdf } from "@/lib/rag/extract";
import { chunkIdFor, ingestMaterial } from "@/lib/rag/ingest";
import { GAVE_UP_REASON, TIMED_OUT_REASON, ingestJob, ingestionIdle } from "@/lib/rag/ingest-job";
import { deleteUserMaterial } from "@/lib/rag/manage";
import { acceptUploads } from "@/lib/rag/upload";
import { countMaterialVectors } from "@/lib/rag/vector-store";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { makeUser, testDb } from "@/tests/setup/db";
import { until } from "@/tests/setup/worker";

const HEART_PDF = fs.readFileSync("../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.pdf");
const NOTES = new TextEncoder().encode("# Conduction\n\nThe sinoatrial node sets the heart rate. The atrioventricular node delays the impulse.");

let chroma: TestChroma;
beforeAll(async () => {
  await testDb();
  chroma = await startTestChroma();
}, 60_000);
afterAll(async () => {
  await chroma?.stopAndClean();
  delete process.env.CHROMA_URL;
  resetEnvForTests();
});

const file = (name: string, bytes: Uint8Array) => ({ name, size: bytes.byteLength, bytes: async () => bytes });

async function upload(userId: string, name: string, bytes: Uint8Array) {
  const [r] = await acceptUploads(userId, [file(name, bytes)]);
  if (!r!.ok) throw new Error(r!.error);
  return r!.materialId;
}

async function material(id: string) {
  const db = await testDb();
  const [m] = await db.select().from(materials).where(eq(materials.id, id));
  return m;
}

/** Passages in Postgres (rows, distinct ordinals) and vectors in Chroma of a material. */
async function stored(userId: string, materialId: string) {
  const db = await testDb();
  const [c] = await db
    .select({ rows: count(), ordinals: countDistinct(materialChunks.ordinal) })
    .from(materialChunks)
    .where(eq(materialChunks.materialId, materialId));
  return { rows: Number(c!.rows), ordinals: Number(c!.ordinals), vectors: await countMaterialVectors(userId, materialId) };
}

describe("an upload", () => {
  test("is stored before the request answers, then ingested by the job; its file goes with it", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await upload(u.id, "conduction.md", NOTES);
    expect(Buffer.from((await getBlob(id))!)).toEqual(Buffer.from(NOTES));
    await ingestionIdle();
    const m = await material(id);
    expect(m).toMatchObject({ status: "ready", chunkCount: 1 });
    expect(await stored(u.id, id)).toEqual({ rows: 1, ordinals: 1, vectors: 1 });

    expect(await deleteUserMaterial(u.id, id)).toEqual({ deleted: true });
    const [b] = await db.select({ n: count() }).from(materialBlobs).where(eq(materialBlobs.materialId, id));
    expect(Number(b!.n)).toBe(0);
    expect(await getBlob(id)).toBeNull();
  });
});

describe("a rerun", () => {
  test("replaces the passages and vectors of an interrupted run, never doubles them", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await upload(u.id, "heart.pdf", HEART_PDF);
    await ingestionIdle();
    const first = await material(id);
    expect(first).toMatchObject({ status: "ready", pageCount: 36 });
    const n = first!.chunkCount;
    expect(await stored(u.id, id)).toEqual({ rows: n, ordinals: n, vectors: n });
    const ids = (await db.select({ id: materialChunks.id }).from(materialChunks).where(eq(materialChunks.materialId, id))).map((r) => r.id).sort();
    expect(ids).toEqual(
      Array.from({ length: n }, (_, i) => chunkIdFor(id, i)).sort(),
    );

    // As a worker killed mid-run leaves it: in progress, with passages written.
    await db.update(materials).set({ status: "embedding" }).where(eq(materials.id, id));
    const again = await ingestMaterial((await material(id))!, (await getBlob(id))!);
    expect(again).toMatchObject({ status: "ready", chunkCount: n });
    expect(await stored(u.id, id)).toEqual({ rows: n, ordinals: n, vectors: n });
    expect(await material(id)).toMatchObject({ status: "ready", chunkCount: n, needsReindex: false });

    // The job itself, run twice for the same material: the second finds it ready and leaves it.
    await ingestJob.run({ materialId: id }, { id: "x", retryCount: 1, retryLimit: 3, signal: new AbortController().signal });
    expect(await stored(u.id, id)).toEqual({ rows: n, ordinals: n, vectors: n });
  });

  test("the passage count matches a fresh extraction of the file", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await upload(u.id, "heart.pdf", HEART_PDF);
    await ingestionIdle();
    const extracted = await extractPdf(HEART_PDF, { maxPages: 1000, maxMemoryMb: 512, pageTimeoutMs: 30_000, fileTimeoutMs: 300_000, maxPageChars: 200_000 });
    const expected = chunkBlocks(extracted.blocks, { sizeWords: 300, overlapWords: 40 }).length;
    expect(await material(id)).toMatchObject({ status: "ready", chunkCount: expected });
  });
});

describe("the engine", () => {
  test("stopped mid-ingestion hands the job back; started again, it finishes and the material is ready", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await upload(u.id, "heart.pdf", HEART_PDF);
    // Mid-way through extraction (36 pages).
    await until(async () => {
      const m = await material(id);
      if (m!.status === "ready") throw new Error("ingestion finished before the engine could be stopped");
      return m!.status === "extracting" && (m!.progress?.current ?? 0) >= 3 ? true : undefined;
    }, "extraction to start");
    await stopJobs({ timeoutMs: 0 });
    await startAllWorkers();
    await ingestionIdle();
    const m = await material(id);
    expect(m).toMatchObject({ status: "ready", pageCount: 36 });
    expect(await stored(u.id, id)).toEqual({ rows: m!.chunkCount, ordinals: m!.chunkCount, vectors: m!.chunkCount });
  });

  test("giving up on a job leaves the material failed with a reason and removes what was written", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await upload(u.id, "conduction.md", NOTES);
    await ingestionIdle();
    await db.update(materials).set({ status: "embedding" }).where(eq(materials.id, id));
    await ingestJob.gaveUp({ materialId: id }, "job failed by timeout in active state");
    expect(await material(id)).toMatchObject({ status: "failed", failureReason: TIMED_OUT_REASON, chunkCount: 0 });
    expect(await stored(u.id, id)).toEqual({ rows: 0, ordinals: 0, vectors: 0 });
    // A ready material is not touched by a late give-up.
    const other = await upload(u.id, "other.md", new TextEncoder().encode("# Valves\n\nThe mitral valve closes."));
    await ingestionIdle();
    await ingestJob.gaveUp({ materialId: other }, "boom");
    expect(await material(other)).toMatchObject({ status: "ready" });
    expect(GAVE_UP_REASON).toMatch(/Retry/);
  });
});
