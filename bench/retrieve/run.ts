/**
 * bench:retrieve: indexes the 654-page textbook (offline embedder), then runs 200 topic queries
 * (the book's own section headings) through retrieveContext and, in the same run, a bare Chroma
 * query for the same vectors with the same user filter. Prints p50/p95 of both.
 */
import fs from "node:fs";
import { BOOK_PDF, configureBenchEnv, line, percentile } from "../rag/setup";

configureBenchEnv();

const QUERIES = 200;
const WARM_UP = 10;

async function main() {
  const [{ getDb, closeDb, databaseKind }, { users, materials, materialChunks }, { createMaterial }, { ingestMaterial }, { retrieveContext }, { getEmbedder }, vs, { eq }, { getEnv }] =
    await Promise.all([
      import("@/db"),
      import("@/db/schema"),
      import("@/db/queries/materials"),
      import("@/lib/rag/ingest"),
      import("@/lib/rag/retrieve"),
      import("@/lib/rag/embedder"),
      import("@/lib/rag/vector-store"),
      import("drizzle-orm"),
      import("@/lib/env"),
    ]);
  const db = await getDb();
  const bytes = new Uint8Array(fs.readFileSync(BOOK_PDF));
  const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@bench.studyin` }).returning();
  const userId = user!.id;
  const material = await createMaterial({ userId, title: "A&P (bench)", fileName: "book-25-chapters.pdf", type: "pdf", sizeBytes: bytes.byteLength, contentHash: "bench" });
  console.log(`Studyin bench:retrieve: database ${await databaseKind()}, ${process.env.CHROMA_URL ? `Chroma ${process.env.CHROMA_URL}` : "embedded Chroma"}; indexing the book first…`);
  const outcome = await ingestMaterial(material, bytes);
  if (outcome.status !== "ready" || outcome.needsReindex) throw new Error(`indexing failed: ${JSON.stringify(outcome)}`);

  // Topics: the book's section headings (the last part of each chunk's heading path), in order.
  const headings = await db.selectDistinct({ heading: materialChunks.heading }).from(materialChunks).where(eq(materialChunks.materialId, material.id));
  const leaves = [...new Set(headings.map((h) => h.heading?.split(" > ").pop()?.trim()).filter((h): h is string => !!h && h.length > 3))].sort();
  const topics = Array.from({ length: QUERIES }, (_, i) => leaves[i % leaves.length]!);

  const embedder = await getEmbedder();
  const k = getEnv().RETRIEVAL_TOP_K;
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const full: number[] = [];
  const bare: number[] = [];
  let modes = new Set<string>();
  for (let i = 0; i < WARM_UP; i++) await retrieveContext(userId, topics[i]!);
  for (const topic of topics) {
    full.push(
      await time(async () => {
        const r = await retrieveContext(userId, topic);
        modes.add(r.mode);
      }),
    );
    // The same vector (embedded outside the timing) against Chroma alone, same filter and size.
    const [vector] = await embedder.embed([topic]);
    bare.push(await time(() => vs.queryVectors(embedder.name, vector!, { userId, materialIds: [material.id], n: k * 3 })));
  }
  full.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);
  const p = (xs: number[], q: number) => `${percentile(xs, q).toFixed(1)} ms`;

  console.log("");
  line("indexed", `${outcome.pageCount} pages, ${outcome.chunkCount} passages`);
  line("queries", `${QUERIES} (${leaves.length} distinct headings), top ${k}, after ${WARM_UP} warm-up`);
  line("retrieveContext p50 / p95", `${p(full, 50)} / ${p(full, 95)}  (mode: ${[...modes].join(", ")})`);
  line("bare Chroma query p50 / p95", `${p(bare, 50)} / ${p(bare, 95)}`);
  line("p95 ratio retrieveContext / Chroma", `${(percentile(full, 95) / percentile(bare, 95)).toFixed(2)}x (goal <= 3x, and < 50 ms)`);

  if (process.env.BENCH_KEEP === "1") return;
  await vs.deleteMaterialVectors(userId, material.id);
  await db.delete(materials).where(eq(materials.id, material.id));
  await db.delete(users).where(eq(users.id, userId));
  await vs.resetVectorStore({ stopServer: true });
  await closeDb();
  modes = new Set();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
