/**
 * Ingestion and retrieval against a real Chroma server (started from the package) and the test
 * database: page numbers from PDF to chunk, user isolation, every bad input, the Chroma-down
 * fallback and re-indexing.
 */
import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { materialChunks, materials } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { ingestionIdle } from "@/lib/rag/ingest-job";
import { reindexMaterial } from "@/lib/rag/manage";
import { retrieveContext } from "@/lib/rag/retrieve";
import { acceptUploads } from "@/lib/rag/upload";
import { queryVectors } from "@/lib/rag/vector-store";
import { embedLexical } from "@/lib/rag/lexical-embedder";
import { encryptedPdf, garbagePdf, imageOnlyPdf, textPdf, truncated } from "@/tests/fixtures/pdf";
import { type TestChroma, startTestChroma, pointAtUnreachableChroma } from "@/tests/setup/chroma";
import { makeUser, testDb } from "@/tests/setup/db";

const CORPUS = "../shared/corpus/openstax-ap2e";
const HEART_PDF = fs.readFileSync(`${CORPUS}/the-cardiovascular-system-the-heart.pdf`);
const BONE_MD = fs.readFileSync(`${CORPUS}/bone-tissue-and-the-skeletal-system.md`);

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

/** Uploads one file and waits for its ingestion; returns the material row. */
async function ingest(userId: string, name: string, bytes: Uint8Array) {
  const [r] = await acceptUploads(userId, [file(name, bytes)]);
  if (!r!.ok) throw new Error(r!.error);
  await ingestionIdle();
  const db = await testDb();
  const [m] = await db.select().from(materials).where(eq(materials.id, r!.materialId));
  return m!;
}

async function leftovers(materialId: string, userId: string) {
  const db = await testDb();
  const [c] = await db.select({ n: count() }).from(materialChunks).where(eq(materialChunks.materialId, materialId));
  const vectors = await queryVectors("offline-lexical", embedLexical("heart blood text"), { userId, materialIds: [materialId], n: 5 });
  return { chunks: Number(c!.n), vectors: vectors.length };
}

describe("a PDF from upload to retrieval", () => {
  test("keeps page numbers from PDF to chunk and is retrievable by topic", async () => {
    const db = await testDb();
    const user = await makeUser(db);
    const m = await ingest(user.id, "the-cardiovascular-system-the-heart.pdf", HEART_PDF);
    expect(m).toMatchObject({ status: "ready", pageCount: 36, needsReindex: false, embedder: "offline-lexical:1024", failureReason: null });
    expect(m.chunkCount).toBeGreaterThan(30);

    const chambers = await db
      .select()
      .from(materialChunks)
      .where(eq(materialChunks.materialId, m.id))
      .orderBy(materialChunks.ordinal)
      .then((rows) => rows.find((r) => r.heading?.endsWith("Chambers and Circulation through the Heart")));
    expect(chambers).toMatchObject({ pageStart: 3 });
    expect(chambers!.content).toContain("four chambers");

    const result = await retrieveContext(user.id, "cardiac conduction system");
    expect(result.mode).toBe("hybrid");
    expect(result.embedder).toBe("offline-lexical:1024");
    expect(result.chunks.length).toBeGreaterThan(3);
    const top = result.chunks[0]!;
    expect(top.fileName).toBe("the-cardiovascular-system-the-heart.pdf");
    expect(top.pageStart).toBeGreaterThanOrEqual(1);
    expect(top.content.toLowerCase()).toContain("conduction");
    expect(result.chunks.some((c) => c.distance !== null && c.textRank !== null)).toBe(true);
    const scores = result.chunks.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe("user isolation", () => {
  test("user B never retrieves user A's passages, even naming A's material", async () => {
    const db = await testDb();
    const a = await makeUser(db);
    const b = await makeUser(db);
    const ma = await ingest(a.id, "bone.md", BONE_MD);
    const mb = await ingest(b.id, "heart-notes.txt", new TextEncoder().encode("The sinoatrial node starts each heartbeat.\n\nBone is not here."));
    expect(ma.status).toBe("ready");

    const own = await retrieveContext(b.id, "bone osteoblast ossification");
    expect(own.chunks.every((c) => c.materialId === mb.id)).toBe(true);
    const named = await retrieveContext(b.id, "osteoblast", { materialIds: [ma.id] });
    expect(named.chunks).toEqual([]);
    // And Chroma itself filters on the user: B's filter finds none of A's vectors.
    expect(await queryVectors("offline-lexical", embedLexical("osteoblast"), { userId: b.id, materialIds: [ma.id], n: 10 })).toEqual([]);
    const aResult = await retrieveContext(a.id, "osteoblast");
    expect(aResult.chunks.length).toBeGreaterThan(0);
    expect(aResult.chunks.every((c) => c.materialId === ma.id)).toBe(true);
  });

  test("archived materials are not searched", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const m = await ingest(u.id, "bone.md", BONE_MD);
    await db.update(materials).set({ archived: true }).where(eq(materials.id, m.id));
    expect((await retrieveContext(u.id, "osteoblast")).chunks).toEqual([]);
  });
});

describe("bad input leaves nothing behind", () => {
  test.each([
    ["corrupt.pdf", () => garbagePdf(), /damaged or incomplete/],
    ["truncated.pdf", () => truncated(textPdf(["Some text.", "More text."])), /damaged|could not be read/],
    ["truncated-heart.pdf", () => truncated(new Uint8Array(HEART_PDF), 0.5), /damaged|could not be read/],
    ["encrypted.pdf", () => encryptedPdf(), /password-protected/],
    ["scan.pdf", () => imageOnlyPdf(), /OCR is not supported/],
    ["blank.md", () => new TextEncoder().encode("#\n\n   \n"), /no text/],
  ])("%s fails with a clear reason", async (name, bytes, reason) => {
    const db = await testDb();
    const u = await makeUser(db);
    const m = await ingest(u.id, name, bytes());
    expect(m.status).toBe("failed");
    expect(m.failureReason).toMatch(reason);
    expect(await leftovers(m.id, u.id)).toEqual({ chunks: 0, vectors: 0 });
  });

  test.each([
    ["empty.pdf", new Uint8Array(), /is empty/],
    ["fake.pdf", new TextEncoder().encode("just some text, not a PDF"), /named \.pdf but is not a PDF/],
    ["binary.txt", new Uint8Array([1, 0, 2, 0]), /binary/],
    ["slides.pptx", new Uint8Array([1]), /only PDF, Markdown/],
  ])("%s is refused at upload, before any work", async (name, bytes, reason) => {
    const db = await testDb();
    const u = await makeUser(db);
    const [r] = await acceptUploads(u.id, [file(name, bytes)]);
    expect(r).toMatchObject({ ok: false });
    expect(r!.ok === false && r!.error).toMatch(reason);
    expect(await db.select().from(materials).where(eq(materials.userId, u.id))).toEqual([]);
  });

  test("the same file twice is refused with the title it already has; another student may upload it", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const [first, again] = await acceptUploads(u.id, [file("bone.md", BONE_MD), file("bone copy.md", BONE_MD)]);
    expect(first).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: false, error: '"bone copy.md": you already uploaded this file as "bone".' });
    expect(await db.select().from(materials).where(eq(materials.userId, u.id))).toHaveLength(1);
    const other = await makeUser(db);
    const [theirs] = await acceptUploads(other.id, [file("bone.md", BONE_MD)]);
    expect(theirs).toMatchObject({ ok: true });
    await ingestionIdle();
  });

  test("files over the size, total or page limit are refused with the limit in the message", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    process.env.UPLOAD_MAX_FILE_MB = "0.01";
    process.env.UPLOAD_MAX_PAGES = "2";
    resetEnvForTests();
    try {
      const big = new Uint8Array(20_000).fill(65);
      const [r] = await acceptUploads(u.id, [file("big.txt", big)]);
      expect(r!.ok === false && r!.error).toMatch(/"big.txt" is 20 KB; the limit is 0.01 MB per file/);
      const m = await ingest(u.id, "three-pages.pdf", textPdf(["One.", "Two.", "Three."]));
      expect(m).toMatchObject({ status: "failed", failureReason: "This PDF has 3 pages; the limit is 2 pages per file." });
    } finally {
      delete process.env.UPLOAD_MAX_FILE_MB;
      delete process.env.UPLOAD_MAX_PAGES;
      resetEnvForTests();
    }
    process.env.UPLOAD_MAX_USER_TOTAL_MB = "0.001";
    resetEnvForTests();
    try {
      const [r] = await acceptUploads(u.id, [file("a.txt", new Uint8Array(2000).fill(65))]);
      expect(r!.ok === false && r!.error).toMatch(/the limit is 0.001 MB in total/);
    } finally {
      delete process.env.UPLOAD_MAX_USER_TOTAL_MB;
      resetEnvForTests();
    }
  });
});

describe("Chroma down", () => {
  test("ingestion marks the material for re-indexing, retrieval falls back to full text, re-index repairs it", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    await pointAtUnreachableChroma();
    try {
      const m = await ingest(u.id, "bone.md", BONE_MD);
      expect(m).toMatchObject({ status: "ready", needsReindex: true, embedder: null });
      const r = await retrieveContext(u.id, "osteoblast bone matrix");
      expect(r.mode).toBe("fulltext-only");
      expect(r.notice).toMatch(/full-text/);
      expect(r.chunks.length).toBeGreaterThan(0);
      expect(r.chunks.every((c) => c.distance === null && c.textRank !== null)).toBe(true);
      await expect(reindexMaterial(u.id, m.id)).rejects.toThrow(/unavailable/i);
    } finally {
      await chroma.makeCurrent();
    }
    const [m] = await db.select().from(materials).where(eq(materials.userId, u.id));
    await reindexMaterial(u.id, m!.id);
    const [after] = await db.select().from(materials).where(eq(materials.id, m!.id));
    expect(after).toMatchObject({ needsReindex: false, embedder: "offline-lexical:1024" });
    const r = await retrieveContext(u.id, "osteoblast bone matrix");
    expect(r.mode).toBe("hybrid");
    expect(r.chunks.some((c) => c.distance !== null)).toBe(true);
  });
});
