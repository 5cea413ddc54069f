/** Answer history for bank and analytics tests (the same writer as the `/api/test/attempts` hook). */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { questions } from "@/db/schema";
import { seedAttempts, seedReviewStatus } from "@/lib/testing/seed-attempts";

export type { AttemptSpec } from "@/lib/testing/seed-attempts";
export const insertAttempts = seedAttempts;
export const setReviewStatus = seedReviewStatus;

export async function questionRow(db: Db, userId: string, questionId: string) {
  const [row] = await db
    .select()
    .from(questions)
    .where(and(eq(questions.id, questionId), eq(questions.userId, userId)));
  return row;
}
