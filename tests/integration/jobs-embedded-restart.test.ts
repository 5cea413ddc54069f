/**
 * Embedded mode (a PGlite data directory, one owner process): the only worker is killed with
 * SIGKILL while it ingests a PDF; the next process to own the directory starts its workers, hands
 * the orphaned job back at once, and the material ends ready with every passage once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, countDistinct, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Db, closeDb, openDatabase, setDbForTests } from "@/db";
import { materialChunks, materials, userProfiles, users } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { startAllWorkers, stopJobs } from "@/lib/jobs";
import { ingestionIdle } from "@/lib/rag/ingest-job";
import { acceptUploads } from "@/lib/rag/upload";
import { countMaterialVectors } from "@/lib/rag/vector-store";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { spawnWorker } from "@/tests/setup/worker";

const HEART_PDF = fs.readFileSync("../shared/corpus/openstax-ap2e/the-cardiovascular-system-the-heart.pdf");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-embedded-jobs-"));
const saved = process.env.WORKERS;
let chroma: TestChroma;

async function own(): Promise<Db> {
  // Where the app (and `npm run worker`) keep the embedded database under DATA_DIR.
  const h = await openDatabase({ pgliteDir: path.join(dir, "pglite") }, { migrate: true });
  setDbForTests(h);
  return h.db;
}

async function release() {
  await stopJobs({ timeoutMs: 0 });
  await closeDb();
}

beforeAll(async () => {
  chroma = await startTestChroma();
}, 60_000);
afterAll(async () => {
  await release();
  await chroma?.stopAndClean();
  delete process.env.CHROMA_URL;
  if (saved === undefined) delete process.env.WORKERS;
  else process.env.WORKERS = saved;
  resetEnvForTests();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the only worker killed mid-ingestion: the next owner of the directory finishes it", async () => {
  // The upload, as the web process stores it (no workers here yet).
  process.env.WORKERS = "off";
  resetEnvForTests();
  let db = await own();
  const [user] = await db.insert(users).values({ email: `embedded-${Date.now()}@test.studyin`, name: "Test" }).returning();
  await db.insert(userProfiles).values({ userId: user!.id, timezone: "UTC" });
  const [r] = await acceptUploads(user!.id, [{ name: "heart.pdf", size: HEART_PDF.byteLength, bytes: async () => new Uint8Array(HEART_PDF) }]);
  const id = (r as { materialId: string }).materialId;
  await release();

  // The worker process takes the directory and starts the job; it dies mid-way.
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dir, CHROMA_URL: process.env.CHROMA_URL };
  delete env.DATABASE_URL;
  const worker = spawnWorker(env);
  await worker.waitFor(/ingest-material \S+ started \(attempt 1 of/);
  worker.child.kill("SIGKILL");
  await worker.exited;

  // The next owner (the web process after a restart, WORKERS=on).
  process.env.WORKERS = "on";
  resetEnvForTests();
  db = await own();
  const [cut] = await db.select().from(materials).where(eq(materials.id, id));
  expect(cut!.status).not.toBe("ready");
  await startAllWorkers();
  await ingestionIdle();
  const [m] = await db.select().from(materials).where(eq(materials.id, id));
  expect(m).toMatchObject({ status: "ready", pageCount: 36, failureReason: null });
  const [c] = await db
    .select({ rows: count(), ordinals: countDistinct(materialChunks.ordinal) })
    .from(materialChunks)
    .where(eq(materialChunks.materialId, id));
  expect({ rows: Number(c!.rows), ordinals: Number(c!.ordinals) }).toEqual({ rows: m!.chunkCount, ordinals: m!.chunkCount });
  const vectors = await countMaterialVectors(user!.id, id);
  expect(vectors).toBe(m!.chunkCount);
}, 300_000);
