/**
 * Managing materials: another user's is not found for every operation; deleting a material that
 * questions cite archives it instead; a real delete removes passages, vectors and the stored file;
 * Retry runs a failed material again; several are removed at once.
 */
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { markFailed } from "@/db/queries/materials";
import { materialBlobs, materialChunks, materials, questions } from "@/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { discardIngestion } from "@/lib/rag/ingest";
import { GAVE_UP_REASON, ingestionIdle } from "@/lib/rag/ingest-job";
import { embedLexical } from "@/lib/rag/lexical-embedder";
import {
  archiveUserMaterial,
  deleteUserMaterial,
  deleteUserMaterials,
  getUserMaterial,
  listUserMaterials,
  reindexMaterial,
  renameUserMaterial,
  retryMaterial,
} from "@/lib/rag/manage";
import { retrieveContext } from "@/lib/rag/retrieve";
import { acceptUploads } from "@/lib/rag/upload";
import { queryVectors } from "@/lib/rag/vector-store";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { makeUser, testDb } from "@/tests/setup/db";

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

const NOTES = "# Conduction\n\nThe sinoatrial node sets the heart rate. The atrioventricular node delays the impulse.";

async function uploadNotes(userId: string, text = NOTES) {
  const bytes = new TextEncoder().encode(text);
  const [r] = await acceptUploads(userId, [{ name: "conduction.md", size: bytes.byteLength, bytes: async () => bytes }]);
  if (!r!.ok) throw new Error(r!.error);
  await ingestionIdle();
  return r!.materialId;
}

const vectorsOf = (userId: string, materialId: string) =>
  queryVectors("offline-lexical", embedLexical("sinoatrial node"), { userId, materialIds: [materialId], n: 10 });

async function expectNotFound(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("not_found");
}

describe("another user's material", () => {
  test("is not found for every operation, and is left unchanged", async () => {
    const db = await testDb();
    const owner = await makeUser(db);
    const other = await makeUser(db);
    const id = await uploadNotes(owner.id);
    await expectNotFound(getUserMaterial(other.id, id));
    await expectNotFound(renameUserMaterial(other.id, id, "Mine now"));
    await expectNotFound(archiveUserMaterial(other.id, id, true));
    await expectNotFound(deleteUserMaterial(other.id, id));
    await expectNotFound(reindexMaterial(other.id, id));
    expect(await listUserMaterials(other.id)).toEqual([]);
    expect(await getUserMaterial(owner.id, id)).toMatchObject({ title: "conduction", archived: false, status: "ready" });
  });
});

describe("delete", () => {
  test("a material without questions is deleted with its passages and vectors", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await uploadNotes(u.id);
    expect(await vectorsOf(u.id, id)).not.toEqual([]);
    expect(await deleteUserMaterial(u.id, id)).toEqual({ deleted: true });
    expect(await db.select().from(materials).where(eq(materials.id, id))).toEqual([]);
    const [c] = await db.select({ n: count() }).from(materialChunks).where(eq(materialChunks.materialId, id));
    expect(Number(c!.n)).toBe(0);
    expect(await vectorsOf(u.id, id)).toEqual([]);
  });

  test("a material that questions cite is archived instead, keeping its passages", async () => {
    const db = await testDb();
    const u = await makeUser(db);
    const id = await uploadNotes(u.id);
    const [chunk] = await db.select().from(materialChunks).where(eq(materialChunks.materialId, id));
    await db.insert(questions).values({
      userId: u.id,
      materialId: id,
      topic: "conduction",
      difficulty: 3,
      vignette: "A 25-year-old…",
      leadIn: "Which structure sets the rate?",
      options: ["SA node", "AV node", "Bundle of His", "Purkinje fibres"],
      correctIndex: 0,
      explanation: "The SA node is the pacemaker.",
      optionExplanations: ["Right", "Delays", "Conducts", "Conducts"],
      sourceChunkIds: [chunk!.id],
    });
    const outcome = await deleteUserMaterial(u.id, id);
    expect(outcome).toMatchObject({ deleted: false, archived: true, questions: 1 });
    expect(outcome.deleted === false && outcome.message).toMatch(/has 1 question generated from it, so it was archived instead/);
    expect(await getUserMaterial(u.id, id)).toMatchObject({ archived: true, chunkCount: 1 });
    const [c] = await db.select({ n: count() }).from(materialChunks).where(eq(materialChunks.materialId, id));
    expect(Number(c!.n)).toBe(1);
    expect((await retrieveContext(u.id, "sinoatrial node")).chunks).toEqual([]);
  });
});

test("rename and archive change only the owner's material", async () => {
  const db = await testDb();
  const u = await makeUser(db);
  const id = await uploadNotes(u.id);
  await renameUserMaterial(u.id, id, "Cardiac conduction");
  await archiveUserMaterial(u.id, id, true);
  expect(await getUserMaterial(u.id, id)).toMatchObject({ title: "Cardiac conduction", archived: true });
  await archiveUserMaterial(u.id, id, false);
  expect((await retrieveContext(u.id, "sinoatrial")).chunks.map((c) => c.materialTitle)).toEqual(["Cardiac conduction"]);
});

test("Retry runs a failed material's stored file again; refused for a ready one, another user's, or one without a stored file", async () => {
  const db = await testDb();
  const u = await makeUser(db);
  const other = await makeUser(db);
  const id = await uploadNotes(u.id);
  const [ready] = await db.select().from(materials).where(eq(materials.id, id));
  await expect(retryMaterial(u.id, id)).rejects.toMatchObject({ code: "conflict" });
  // As the engine leaves it after giving up: failed, passages removed.
  await discardIngestion(ready!);
  await markFailed(id, GAVE_UP_REASON);
  await expect(retryMaterial(other.id, id)).rejects.toMatchObject({ code: "not_found" });
  await retryMaterial(u.id, id);
  await ingestionIdle();
  expect(await getUserMaterial(u.id, id)).toMatchObject({ status: "ready", chunkCount: ready!.chunkCount, failureReason: null });
  const [c] = await db.select({ n: count() }).from(materialChunks).where(eq(materialChunks.materialId, id));
  expect(Number(c!.n)).toBe(ready!.chunkCount);

  await markFailed(id, GAVE_UP_REASON);
  await db.delete(materialBlobs).where(eq(materialBlobs.materialId, id));
  await expect(retryMaterial(u.id, id)).rejects.toThrow(/upload it again/);
});

test("several materials are removed at once, with their stored files; another user's is not found", async () => {
  const db = await testDb();
  const u = await makeUser(db);
  const other = await makeUser(db);
  const a = await uploadNotes(u.id, "# A\n\nThe sinoatrial node sets the rate of the heart.");
  const b = await uploadNotes(u.id, "# B\n\nPurkinje fibres line the ventricles of the heart.");
  const theirs = await uploadNotes(other.id, "# C\n\nThe atrioventricular node delays the impulse.");
  const out = await deleteUserMaterials(u.id, [a, b, theirs]);
  expect(out.map((o) => o.deleted)).toEqual([true, true, false]);
  expect(out[2]).toMatchObject({ id: theirs, title: null, error: expect.stringMatching(/not found/i) });
  const left = await db.select({ id: materialBlobs.materialId }).from(materialBlobs).where(inArray(materialBlobs.materialId, [a, b, theirs]));
  expect(left.map((r) => r.id)).toEqual([theirs]);
  expect(await getUserMaterial(other.id, theirs)).toMatchObject({ status: "ready" });
});

test("full-text search ranks passages with every word first, then fills with passages that have some", async () => {
  const db = await testDb();
  const u = await makeUser(db);
  const id = await uploadNotes(
    u.id,
    "# A\n\nThe sinoatrial node sets the rate.\n\n# B\n\nThe sinoatrial node and Purkinje fibres both conduct.\n\n# C\n\nPurkinje fibres line the ventricles.",
  );
  const { fullTextSearch } = await import("@/db/queries/materials");
  const hits = await fullTextSearch(u.id, [id], "sinoatrial Purkinje", 5, 3);
  const rows = await db.select().from(materialChunks).where(eq(materialChunks.materialId, id));
  const heading = (chunkId: string) => rows.find((r) => r.id === chunkId)!.heading;
  expect(hits.map((h) => heading(h.chunkId))[0]).toBe("B");
  expect(hits.map((h) => heading(h.chunkId)).sort()).toEqual(["A", "B", "C"]);
  // With enough all-word matches there is no fill.
  expect((await fullTextSearch(u.id, [id], "sinoatrial Purkinje", 5, 1)).map((h) => heading(h.chunkId))).toEqual(["B"]);
});
