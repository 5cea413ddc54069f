/**
 * Seeds questions for integration tests straight through the database (same content as the
 * `/api/test/seed` browser hook): a ready material with real heart-chapter passages and questions.
 */
import type { Db } from "@/db";
import { type SeedOptions, type SeedResult, seedQuestions } from "@/lib/testing/seed-questions";

export type { SeedOptions, SeedResult };

export function seedQuestionsFor(db: Db, userId: string, opts: SeedOptions = {}): Promise<SeedResult> {
  return seedQuestions(db, userId, opts);
}
