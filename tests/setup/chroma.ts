/**
 * A real Chroma server for a test file, started from the chromadb package on a free port with a
 * temporary data dir, and installed as the process's vector store (CHROMA_URL).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvForTests } from "@/lib/env";
import { type ChromaServer, startChromaServer } from "@/lib/rag/chroma-server";
import { resetVectorStore } from "@/lib/rag/vector-store";

export type TestChroma = ChromaServer & { makeCurrent: () => Promise<void>; stopAndClean: () => Promise<void> };

export async function startTestChroma(): Promise<TestChroma> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studyin-chroma-"));
  const server = await startChromaServer({ dataDir: dir, port: 0 });
  const makeCurrent = async () => {
    process.env.CHROMA_URL = server.url;
    resetEnvForTests();
    await resetVectorStore();
  };
  await makeCurrent();
  return {
    ...server,
    makeCurrent,
    stopAndClean: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Points the app at a port where nothing listens: Chroma is "down". */
export async function pointAtUnreachableChroma() {
  const srv = await import("@/lib/rag/chroma-server");
  process.env.CHROMA_URL = `http://127.0.0.1:${await srv.freePort()}`;
  resetEnvForTests();
  await resetVectorStore();
}
