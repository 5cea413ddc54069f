/** Material with passages in the test database, and a retrieval stand-in over it (tests only). */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { materialChunks, materials } from "@/db/schema";
import { chapterPassages } from "@/lib/ai/testing/corpus";
import type { RetrievalResult, RetrieveOptions } from "@/lib/rag/types";

export async function makeMaterial(db: Db, userId: string, file = "the-cardiovascular-system-the-heart.md") {
  const passages = chapterPassages(file);
  const [m] = await db
    .insert(materials)
    .values({ userId, title: file.replace(/\.md$/, ""), fileName: file, type: "markdown", sizeBytes: 1000, status: "ready", chunkCount: passages.length })
    .returning();
  await db.insert(materialChunks).values(
    passages.map((p, i) => ({ materialId: m!.id, userId, ordinal: i, heading: p.heading, content: p.content, wordCount: p.content.split(/\s+/).length })),
  );
  return m!;
}

/**
 * Retrieval over the test database: the user's passages that mention a topic word, nearest first
 * (a plain stand-in for lib/rag's hybrid search, which these tests do not exercise).
 */
export function testRetrieve(db: Db) {
  return async (userId: string, topic: string, options: RetrieveOptions = {}): Promise<RetrievalResult> => {
    const where = options.materialIds?.length
      ? and(eq(materialChunks.userId, userId), inArray(materialChunks.materialId, options.materialIds))
      : eq(materialChunks.userId, userId);
    const rows = await db
      .select({ c: materialChunks, title: materials.title, file: materials.fileName })
      .from(materialChunks)
      .innerJoin(materials, eq(materials.id, materialChunks.materialId))
      .where(where)
      .orderBy(materialChunks.ordinal);
    const words = topic.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
    const hits = rows
      .map((r) => ({ r, n: words.filter((w) => r.c.content.toLowerCase().includes(w)).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n)
      .slice(0, options.limit ?? 8);
    return {
      mode: "hybrid",
      embedder: "test",
      chunks: hits.map(({ r }, i) => ({
        chunkId: r.c.id,
        materialId: r.c.materialId,
        materialTitle: r.title,
        fileName: r.file,
        ordinal: r.c.ordinal,
        pageStart: r.c.pageStart,
        pageEnd: r.c.pageEnd,
        heading: r.c.heading,
        content: r.c.content,
        distance: 0.2 + i * 0.05,
        textRank: null,
        score: 1 / (60 + i),
      })),
    };
  };
}
