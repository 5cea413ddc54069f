/**
 * The embedded Chroma server as the app runs it (CHROMA_URL unset): started lazily on first use
 * under DATA_DIR/chroma on a free port, restarted after it dies, stopped on request.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { embedLexical } from "@/lib/rag/lexical-embedder";
import { VectorStoreUnavailable, addVectors, embeddedChromaPid, queryVectors, resetVectorStore } from "@/lib/rag/vector-store";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-data-"));
const saved = { DATA_DIR: process.env.DATA_DIR, CHROMA_URL: process.env.CHROMA_URL, CHROMA_PORT: process.env.CHROMA_PORT };
process.env.DATA_DIR = dataDir;
process.env.CHROMA_PORT = "0";
delete process.env.CHROMA_URL;
resetEnvForTests();

afterAll(async () => {
  await resetVectorStore({ stopServer: true });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const userId = "00000000-0000-4000-8000-000000000001";
const materialId = "00000000-0000-4000-8000-000000000002";
const record = (chunkId: string, text: string) => ({ chunkId, userId, materialId, page: 1, embedding: embedLexical(text) });

test("starts on first use, stores under DATA_DIR/chroma, and comes back after the server dies", async () => {
  expect(embeddedChromaPid()).toBeUndefined(); // nothing started at import time
  await addVectors("offline-lexical", [record("00000000-0000-4000-8000-0000000000a1", "sinoatrial node pacemaker")]);
  const pid = embeddedChromaPid();
  expect(pid).toBeGreaterThan(0);
  expect(fs.existsSync(path.join(dataDir, "chroma"))).toBe(true);
  const hits = await queryVectors("offline-lexical", embedLexical("pacemaker"), { userId, materialIds: [materialId], n: 3 });
  expect(hits.map((h) => h.chunkId)).toEqual(["00000000-0000-4000-8000-0000000000a1"]);

  process.kill(pid!, "SIGKILL");
  await new Promise((r) => setTimeout(r, 300));
  await expect(queryVectors("offline-lexical", embedLexical("pacemaker"), { userId, materialIds: [materialId], n: 3 })).rejects.toBeInstanceOf(
    VectorStoreUnavailable,
  );
  // The next call starts a new server on the same data: the vector is still there.
  const again = await queryVectors("offline-lexical", embedLexical("pacemaker"), { userId, materialIds: [materialId], n: 3 });
  expect(again.map((h) => h.chunkId)).toEqual(["00000000-0000-4000-8000-0000000000a1"]);
  expect(embeddedChromaPid()).not.toBe(pid);
}, 60_000);
