/**
 * bench:ingest: the 654-page textbook through the real pipeline with the offline embedder.
 * Prints pages/s of PDF extraction alone and of the whole pipeline (extract, chunk, Postgres,
 * embed, Chroma), total seconds and peak RSS (this process, the PDF reader child process, and the
 * Chroma child when embedded).
 */
import fs from "node:fs";
import { BOOK_PDF, childRssSampler, configureBenchEnv, highWaterMark, line, mb, rssSampler } from "../rag/setup";

configureBenchEnv();

async function main() {
  const [{ getDb, closeDb, databaseKind }, { users, materials }, { createMaterial }, { extractPdf }, { ingestMaterial }, vs, { eq }] =
    await Promise.all([
      import("@/db"),
      import("@/db/schema"),
      import("@/db/queries/materials"),
      import("@/lib/rag/extract"),
      import("@/lib/rag/ingest"),
      import("@/lib/rag/vector-store"),
      import("drizzle-orm"),
    ]);
  const bytes = new Uint8Array(fs.readFileSync(BOOK_PDF));
  const rss = rssSampler();
  const reader = childRssSampler("pdf-pages.child.mjs");
  const db = await getDb();
  console.log(`Studyin bench:ingest: ${BOOK_PDF.split("/").pop()} (${mb(bytes.byteLength)}), database ${await databaseKind()}, ${process.env.CHROMA_URL ? `Chroma ${process.env.CHROMA_URL}` : "embedded Chroma"}, offline embedder`);

  // 1. Extraction alone.
  let t = performance.now();
  const extracted = await extractPdf(bytes, { maxPages: 10_000 });
  const extractSeconds = (performance.now() - t) / 1000;
  const pages = extracted.pageCount!;

  // 2. The whole pipeline, as an upload runs it (a fresh user, removed afterwards).
  const [user] = await db.insert(users).values({ email: `bench-${Date.now()}@bench.studyin` }).returning();
  const material = await createMaterial({
    userId: user!.id,
    title: "Anatomy & Physiology (bench)",
    fileName: "book-25-chapters.pdf",
    type: "pdf",
    sizeBytes: bytes.byteLength,
    contentHash: "bench",
  });
  // Start Chroma first so the pipeline time does not include the server's start-up.
  await vs.queryVectors("offline-lexical", [1], { userId: user!.id, materialIds: [material.id], n: 1 }).catch(() => {});
  t = performance.now();
  const outcome = await ingestMaterial(material, bytes);
  const pipelineSeconds = (performance.now() - t) / 1000;
  rss.stop();
  reader.stop();
  if (outcome.status !== "ready") throw new Error(`ingestion failed: ${outcome.reason}`);
  if (outcome.needsReindex) throw new Error("Chroma was unavailable during the bench");
  const chromaPeak = highWaterMark(vs.embeddedChromaPid());

  console.log("");
  line("pages", String(pages));
  line("passages (chunks)", String(outcome.chunkCount));
  line("extraction alone", `${extractSeconds.toFixed(1)} s, ${(pages / extractSeconds).toFixed(1)} pages/s`);
  line("whole pipeline (extract..Chroma)", `${pipelineSeconds.toFixed(1)} s, ${(pages / pipelineSeconds).toFixed(1)} pages/s`);
  line("pipeline speed / extraction speed", `${(extractSeconds / pipelineSeconds).toFixed(2)} (goal >= 0.5)`);
  line("total seconds (extraction + pipeline)", `${(extractSeconds + pipelineSeconds).toFixed(1)} s`);
  line("peak RSS, this process", `${mb(rss.peakBytes())} (goal < 1 GB)`);
  const readerPeak = reader.peakBytes();
  if (readerPeak) line("peak RSS, PDF reader process", `${mb(readerPeak)} (its limit: UPLOAD_EXTRACT_MEMORY_MB)`);
  if (chromaPeak) line("peak RSS, embedded Chroma server", mb(chromaPeak));

  if (process.env.BENCH_KEEP !== "1") {
    await vs.deleteMaterialVectors(user!.id, material.id);
    await db.delete(materials).where(eq(materials.id, material.id));
    await db.delete(users).where(eq(users.id, user!.id));
  }
  await vs.resetVectorStore({ stopServer: true });
  await closeDb();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
