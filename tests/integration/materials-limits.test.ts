/**
 * Upload limits that only hold under concurrency or load: the per-user total reserved in one
 * transaction (ten parallel uploads on the test database, real Postgres with DATABASE_URL), and
 * fairness of the ingestion queue (one student's slow PDF in flight, another's note still done).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { materials } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { ingestionIdle } from "@/lib/rag/ingest-job";
import { acceptUploads } from "@/lib/rag/upload";
import { pathologicalTextPdf } from "@/tests/fixtures/pdf";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { makeUser, testDb } from "@/tests/setup/db";

const MB = 1024 * 1024;
const saved = { ...process.env };
let chroma: TestChroma;
beforeAll(async () => {
  await testDb();
  chroma = await startTestChroma();
}, 60_000);
afterAll(async () => {
  await ingestionIdle();
  await chroma?.stopAndClean();
  process.env = saved;
  resetEnvForTests();
});

function setEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvForTests();
}

/** A distinct plain-text file of about `bytes` bytes (distinct, so the duplicate check stays out of it). */
function note(i: number, bytes: number) {
  const line = `Note ${i}: the sinoatrial node sets the heart rate.\n`;
  const text = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
  const data = new TextEncoder().encode(text);
  return { name: `note-${i}.txt`, size: data.byteLength, bytes: async () => data };
}

describe("the per-user total", () => {
  test("ten parallel uploads cannot store more than the total between them", async () => {
    setEnv({ UPLOAD_MAX_USER_TOTAL_MB: "2" });
    const db = await testDb();
    const u = await makeUser(db);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => acceptUploads(u.id, [note(i, 0.7 * MB)])));
    const flat = results.flat();
    expect(flat.filter((r) => r.ok)).toHaveLength(2); // 2 × 0.7 MB fit in 2 MB; a third does not
    for (const r of flat.filter((r) => !r.ok))
      expect(r.ok === false && r.error).toMatch(/would take your materials to 2\.1 MB; the limit is 2 MB in total\. Delete some materials first\./);
    const rows = await db.select().from(materials).where(eq(materials.userId, u.id));
    expect(rows).toHaveLength(2); // nothing stored for a refused upload
    expect(rows.reduce((s, r) => s + r.sizeBytes, 0)).toBeLessThanOrEqual(2 * MB);
    await ingestionIdle();
  }, 60_000);

  test("ten parallel uploads of the same file store it once", async () => {
    setEnv({ UPLOAD_MAX_USER_TOTAL_MB: "500" });
    const db = await testDb();
    const u = await makeUser(db);
    const same = note(99, 1000);
    const flat = (await Promise.all(Array.from({ length: 10 }, () => acceptUploads(u.id, [same])))).flat();
    expect(flat.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.select().from(materials).where(eq(materials.userId, u.id))).toHaveLength(1);
    await ingestionIdle();
  });
});

/** Polls the material until `done` holds (or the test times out). */
async function waitFor(id: string, done: (m: typeof materials.$inferSelect) => boolean) {
  const db = await testDb();
  for (;;) {
    const [m] = await db.select().from(materials).where(eq(materials.id, id));
    if (done(m!)) return m!;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("fairness of the ingestion queue", () => {
  test("student A's slow PDF in flight does not delay student B's note; A's then fails with the page named", async () => {
    // A text layer that keeps pdf.js busy past the page budget (minutes without one).
    setEnv({ UPLOAD_PAGE_TIMEOUT_SECONDS: "5", UPLOAD_MAX_PAGE_CHARS: "100000000" });
    const db = await testDb();
    const a = await makeUser(db);
    const b = await makeUser(db);
    const slow = pathologicalTextPdf();
    const [ra] = await acceptUploads(a.id, [{ name: "slow.pdf", size: slow.byteLength, bytes: async () => slow }]);
    await waitFor(ra!.ok ? ra!.materialId : "", (m) => m.status === "extracting");
    const [rb] = await acceptUploads(b.id, [note(1, 200)]);
    expect(rb).toMatchObject({ ok: true });

    const noteDone = await waitFor(rb!.ok ? rb!.materialId : "", (m) => m.status === "ready" || m.status === "failed");
    expect(noteDone.status).toBe("ready");
    // Ordering, not timing: when B's note was ready, A's PDF was still being read.
    const [stillA] = await db.select().from(materials).where(eq(materials.id, ra!.ok ? ra!.materialId : ""));
    expect(stillA!.status).toBe("extracting");

    const aDone = await waitFor(stillA!.id, (m) => m.status === "failed" || m.status === "ready");
    expect(aDone.failureReason).toBe(
      "Page 1 of this PDF took longer than 5 s to read (the limit per page), so the file was stopped. Try exporting it again or removing that page.",
    );
  }, 60_000);
});
