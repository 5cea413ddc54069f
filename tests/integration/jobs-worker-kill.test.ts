/**
 * Separate worker processes on real Postgres and Redis (skipped without DATABASE_URL and REDIS_URL): this process is a web
 * process with WORKERS=off (it only enqueues); two real `npm run worker` processes take the jobs.
 * The first is killed with SIGKILL in the middle of a PDF; the engine expires its job and the
 * second worker runs it again: the material ends ready with the passage count of the file, each
 * passage once in Postgres and once in Chroma.
 */
import fs from "node:fs";
import { count, countDistinct, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { materialChunks, materials } from "@/db/schema";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { chunkBlocks } from "@/lib/rag/chunk";
import { extractPdf } from "@/lib/rag/extract";
import { acceptUploads } from "@/lib/rag/upload";
import { countMaterialVectors } from "@/lib/rag/vector-store";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { makeUser, testDb, usingRealPostgres } from "@/tests/setup/db";
import { type TestWorker, spawnWorker, until } from "@/tests/setup/worker";

const HEART_PDF = fs.readFileSync("../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.pdf");
/** Short, so the killed worker's job is noticed within the test; long enough for one run of the chapter. */
const JOB_TIMEOUT_SECONDS = "20";

let chroma: TestChroma;
const workers: TestWorker[] = [];
const saved = { WORKERS: process.env.WORKERS, T: process.env.INGEST_JOB_TIMEOUT_SECONDS, M: process.env.JOBS_MAINTENANCE_SECONDS };

describe.skipIf(!usingRealPostgres() || !process.env.REDIS_URL)("separate workers on Postgres", () => {
  beforeAll(async () => {
    process.env.WORKERS = "off";
    process.env.INGEST_JOB_TIMEOUT_SECONDS = JOB_TIMEOUT_SECONDS;
    process.env.JOBS_MAINTENANCE_SECONDS = "1";
    resetEnvForTests();
    await testDb();
    chroma = await startTestChroma();
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await chroma?.stopAndClean();
    delete process.env.CHROMA_URL;
    for (const [k, v] of [["WORKERS", saved.WORKERS], ["INGEST_JOB_TIMEOUT_SECONDS", saved.T], ["JOBS_MAINTENANCE_SECONDS", saved.M]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  });

  const worker = () => {
    const w = spawnWorker({ ...process.env, JOBS_SCHEMA: getEnv().JOBS_SCHEMA, CHROMA_URL: process.env.CHROMA_URL });
    workers.push(w);
    return w;
  };

  test("a worker killed mid-ingestion: another runs the job again and the material ends ready, no passage doubled", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const [r] = await acceptUploads(u.id, [{ name: "heart.pdf", size: HEART_PDF.byteLength, bytes: async () => new Uint8Array(HEART_PDF) }]);
    expect(r).toMatchObject({ ok: true });
    const id = (r as { materialId: string }).materialId;
    const material = async () => (await db.select().from(materials).where(eq(materials.id, id)))[0]!;
    // Nothing runs here (WORKERS=off): the upload is stored and waits for a worker.
    expect(await material()).toMatchObject({ status: "stored" });

    const first = worker();
    await until(async () => {
      const m = await material();
      if (m.status === "ready") throw new Error("the first worker finished before it could be killed");
      return m.status === "extracting" && (m.progress?.current ?? 0) >= 3 ? true : undefined;
    }, "the first worker to be mid-way through the PDF");
    first.child.kill("SIGKILL");
    await first.exited;
    const cutAt = await material();
    expect(cutAt.status).not.toBe("ready");

    const second = worker();
    const done = await until(async () => {
      const m = await material();
      return m.status === "ready" || m.status === "failed" ? m : undefined;
    }, "the second worker to finish the material", 180_000, 200);
    expect(done).toMatchObject({ status: "ready", pageCount: 36, failureReason: null });
    expect(second.output()).toMatch(/ingest-material \S+ started \(attempt 2 of/);

    const extracted = await extractPdf(HEART_PDF, { maxPages: 1000, maxMemoryMb: 512, pageTimeoutMs: 30_000, fileTimeoutMs: 300_000, maxPageChars: 200_000 });
    const expected = chunkBlocks(extracted.blocks, { sizeWords: 300, overlapWords: 40 }).length;
    expect(done.chunkCount).toBe(expected);
    const [c] = await db
      .select({ rows: count(), ordinals: countDistinct(materialChunks.ordinal) })
      .from(materialChunks)
      .where(eq(materialChunks.materialId, id));
    expect({ rows: Number(c!.rows), ordinals: Number(c!.ordinals) }).toEqual({ rows: expected, ordinals: expected });
    const vectors = await countMaterialVectors(u.id, id);
    expect(vectors).toBe(expected);
  }, 300_000);
});
