/**
 * The configured embedder: EMBEDDING_MODEL through the AI SDK against a local OpenAI-compatible
 * server (POST /v1/embeddings, the real wire format), its own Chroma collection, and what happens
 * when the model server is down.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { materials } from "@/db/schema";
import { getEnv, resetEnvForTests } from "@/lib/env";
import { embedderInfo } from "@/lib/rag/embedder";
import { ingestionIdle } from "@/lib/rag/ingest-job";
import { embedLexical } from "@/lib/rag/lexical-embedder";
import { retrieveContext } from "@/lib/rag/retrieve";
import { acceptUploads } from "@/lib/rag/upload";
import { type TestChroma, startTestChroma } from "@/tests/setup/chroma";
import { makeUser, testDb } from "@/tests/setup/db";

const DIM = 64;
const requests: { model: string; inputs: number }[] = [];
let server: http.Server;
let chroma: TestChroma;

beforeAll(async () => {
  await testDb();
  chroma = await startTestChroma();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/embeddings") {
        res.writeHead(404).end();
        return;
      }
      const { model, input } = JSON.parse(body) as { model: string; input: string[] };
      requests.push({ model, inputs: input.length });
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          object: "list",
          model,
          data: input.map((text, index) => ({ object: "embedding", index, embedding: embedLexical(text, DIM) })),
          usage: { prompt_tokens: input.length, total_tokens: input.length },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  process.env.OPENAI_API_KEY = "test-key";
  process.env.EMBEDDING_MODEL = "test-embed";
  resetEnvForTests();
}, 60_000);

afterAll(async () => {
  server?.close();
  await chroma?.stopAndClean();
  for (const k of ["OPENAI_BASE_URL", "OPENAI_API_KEY", "EMBEDDING_MODEL", "CHROMA_URL"]) delete process.env[k];
  resetEnvForTests();
});

async function upload(userId: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  const [r] = await acceptUploads(userId, [{ name: "notes.txt", size: bytes.byteLength, bytes: async () => bytes }]);
  if (!r!.ok) throw new Error(r!.error);
  await ingestionIdle();
  const [m] = await (await testDb()).select().from(materials).where(eq(materials.id, r!.materialId));
  return m!;
}

test("the UI's description names the configured model, and 'offline' keeps the lexical embedder", () => {
  expect(embedderInfo()).toMatchObject({ name: "test-embed", kind: "model" });
  expect(embedderInfo({ ...getEnv(), EMBEDDING_MODEL: "offline" })).toMatchObject({ name: "offline-lexical", kind: "offline" });
  expect(embedderInfo({ ...getEnv(), OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined }).description).toMatch(/Synonyms/);
});

test("ingestion and retrieval use the configured model through the AI SDK", async () => {
  const u = await makeUser(await testDb());
  requests.length = 0;
  const m = await upload(u.id, "The sinoatrial node sets the heart rate.\n\nThe AV node delays the impulse.");
  expect(m).toMatchObject({ status: "ready", embedder: `test-embed:${DIM}`, needsReindex: false });
  expect(requests).toEqual([{ model: "test-embed", inputs: m.chunkCount }]);
  const r = await retrieveContext(u.id, "sinoatrial node");
  expect(r).toMatchObject({ mode: "hybrid", embedder: `test-embed:${DIM}` });
  expect(r.chunks[0]!.distance).not.toBeNull();
});

test("with the model server down, passages are kept for keyword search and marked for re-indexing", async () => {
  const u = await makeUser(await testDb());
  const url = process.env.OPENAI_BASE_URL;
  process.env.OPENAI_BASE_URL = "http://127.0.0.1:9/v1"; // discard port: nothing answers
  resetEnvForTests();
  try {
    const m = await upload(u.id, "Purkinje fibres spread the impulse through the ventricles.");
    expect(m).toMatchObject({ status: "ready", needsReindex: true, embedder: null });
    const r = await retrieveContext(u.id, "Purkinje fibres");
    expect(r.mode).toBe("fulltext-only");
    expect(r.chunks.map((c) => c.materialId)).toEqual([m.id]);
  } finally {
    process.env.OPENAI_BASE_URL = url;
    resetEnvForTests();
  }
});
