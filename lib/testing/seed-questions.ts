/**
 * Test-only seeding: a ready material with real passages from the OpenStax heart chapter and
 * questions citing them, for the signed-in user (the `/api/test/seed` hook) or a test's user
 * (`tests/setup/seed.ts`). The content lives in tests/fixtures/cardio-questions.json and is read
 * from disk at call time, so it never becomes part of the app bundle.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { type Queryable, getDb } from "@/db";
import { insertQuestions } from "@/db/queries/generation";
import { materialChunks, materials } from "@/db/schema";
import type { QuestionContent } from "@/db/schema/questions";

type FixtureChunk = { key: string; heading: string; pageStart: number; pageEnd: number; content: string };
type FixtureQuestion = QuestionContent & { chunk: string; topic: string; difficulty: number; quote: string };
type Fixture = {
  material: { title: string; fileName: string; type: "markdown" };
  chunks: FixtureChunk[];
  questions: FixtureQuestion[];
};

export const FIXTURE_PATH = path.join(process.cwd(), "tests", "fixtures", "cardio-questions.json");
export const MAX_SEED_COUNT = 200;

export async function loadFixture(): Promise<Fixture> {
  return JSON.parse(await fs.readFile(FIXTURE_PATH, "utf8")) as Fixture;
}

export type SeedOptions = { count?: number; topic?: string; difficulty?: number; materialTitle?: string };
export type SeedResult = { materialId: string; chunkIds: string[]; questionIds: string[] };

/** Inserts one material (status ready), its passages, and `count` questions (cycling the fixture). */
export async function seedQuestions(db: Queryable, userId: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const fx = await loadFixture();
  const count = Math.max(1, Math.min(MAX_SEED_COUNT, Math.trunc(opts.count ?? 5)));
  const body = fx.chunks.map((c) => c.content).join("\n\n");
  const [material] = await db
    .insert(materials)
    .values({
      userId,
      title: opts.materialTitle ?? fx.material.title,
      fileName: fx.material.fileName,
      type: fx.material.type,
      sizeBytes: Buffer.byteLength(body),
      pageCount: 36,
      chunkCount: fx.chunks.length,
      status: "ready",
      progress: { stage: "ready" },
      embedder: "offline:test-seed",
    })
    .returning({ id: materials.id });
  const chunkRows = await db
    .insert(materialChunks)
    .values(
      fx.chunks.map((c, i) => ({
        materialId: material!.id,
        userId,
        ordinal: i,
        pageStart: c.pageStart,
        pageEnd: c.pageEnd,
        heading: c.heading,
        content: c.content,
        wordCount: c.content.split(/\s+/).filter(Boolean).length,
      })),
    )
    .returning({ id: materialChunks.id, ordinal: materialChunks.ordinal });
  const chunkIdByKey = new Map(fx.chunks.map((c, i) => [c.key, chunkRows.find((r) => r.ordinal === i)!.id]));

  const rows = Array.from({ length: count }, (_, i) => {
    const q = fx.questions[i % fx.questions.length]!;
    const round = Math.floor(i / fx.questions.length);
    return {
      userId,
      materialId: material!.id,
      topic: opts.topic ?? q.topic,
      difficulty: opts.difficulty ?? q.difficulty,
      // Repeats of the fixture get a case number so every seeded question reads distinct.
      vignette: round === 0 ? q.vignette : `Case ${round + 1}. ${q.vignette}`,
      leadIn: q.leadIn,
      options: q.options,
      correctIndex: q.correctIndex,
      explanation: q.explanation,
      optionExplanations: q.optionExplanations,
      sourceChunkIds: [chunkIdByKey.get(q.chunk)!],
      sourceQuote: q.quote,
      generationMetadata: { generator: "offline" as const, seeded: true },
    };
  });
  const inserted = await insertQuestions(rows, db);
  return { materialId: material!.id, chunkIds: chunkRows.map((r) => r.id), questionIds: inserted.map((r) => r.id) };
}

/** The seed test hook's whole write: a material and its questions for `userId`, in one transaction. */
export async function seedQuestionsInTransaction(userId: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const db = await getDb();
  return db.transaction((tx) => seedQuestions(tx, userId, opts));
}
