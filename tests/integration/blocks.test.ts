/**
 * Blocks on a real database: pools, a timed block saved and submitted through the bulk path (once,
 * however often it is sent), tutor answers linked to items, marks, and ownership.
 */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockReviewItems, blockRunnerItems, findBlock, listBlocks, poolSize } from "@/db/queries/blocks";
import { recordAnswer } from "@/lib/srs/service";
import { questions, userAttempts } from "@/db/schema";
import { setClockForTests } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { CreateBlockInput } from "@/lib/blocks/schemas";
import { markQuestion, recordTutorAnswer, saveProgress, startBlock, submitBlock } from "@/lib/blocks/service";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const T0 = new Date("2026-03-10T12:00:00Z");

async function setup(n: number) {
  const db = await testDb();
  const user = await makeUser(db);
  const seeded = await seedQuestionsFor(db, user.id, { count: n });
  const rows = await db.select().from(questions).where(eq(questions.materialId, seeded.materialId));
  return { db, user, qs: rows };
}

const all = { topics: [], materialIds: [], tags: [], collectionIds: [] };
const attempts = async (userId: string) => {
  const db = await testDb();
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(userAttempts).where(eq(userAttempts.userId, userId));
  return r!.n;
};

beforeAll(async () => {
  await testDb();
  setClockForTests(() => T0);
});
afterAll(() => setClockForTests(undefined));

describe("blocks", () => {
  it("validates the form: 1-40 questions, 90 s per question by default", () => {
    expect(CreateBlockInput.safeParse({ count: 0 }).success).toBe(false);
    expect(CreateBlockInput.safeParse({ count: 41 }).success).toBe(false);
    expect(CreateBlockInput.parse({ count: "5", mode: "timed", topics: "Heart" })).toMatchObject({
      count: 5,
      secondsPerQuestion: 90,
      topics: ["Heart"],
      pool: "all",
    });
  });

  it("runs a timed block: progress kept, one bulk submission, sending it again records nothing", async () => {
    const { user, qs } = await setup(4);
    const made = await startBlock(user.id, CreateBlockInput.parse({ mode: "timed", count: 3 }));
    expect(made.questionCount).toBe(3);
    const block = (await findBlock(user.id, made.id))!;
    expect(block).toMatchObject({ timeLimitSeconds: 270, status: "in_progress" });
    const items = await blockRunnerItems(user.id, made.id);
    expect(items).toHaveLength(3);
    expect(items[0]!.card).not.toHaveProperty("correctIndex");
    const byId = new Map(qs.map((q) => [q.id, q]));
    const key = items.map((i) => byId.get(i.card.id)!.correctIndex);
    const progress = {
      currentPosition: 1,
      elapsedSeconds: 100,
      items: [
        { position: 0, selectedIndex: key[0]!, confidence: 4, timeSpentSeconds: 60 },
        { position: 1, selectedIndex: (key[1]! + 1) % 4, confidence: null, timeSpentSeconds: 40 },
        { position: 2, selectedIndex: null, confidence: null, timeSpentSeconds: 0 },
      ],
    };
    expect(await saveProgress(user.id, made.id, progress)).toEqual({ saved: true });
    // A stale save cannot give time back.
    await saveProgress(user.id, made.id, { ...progress, elapsedSeconds: 50 });
    expect((await findBlock(user.id, made.id))!.elapsedSeconds).toBe(100);
    expect(await attempts(user.id)).toBe(0); // nothing recorded before the end

    expect(await submitBlock(user.id, made.id)).toEqual({ answered: 2 });
    expect(await attempts(user.id)).toBe(2);
    expect((await findBlock(user.id, made.id))!.status).toBe("submitted");
    const review = await blockReviewItems(user.id, made.id);
    expect(review.map((r) => r.isCorrect)).toEqual([true, false, null]);
    expect(review[1]!.confidence).toBeNull();
    expect(review[0]!.timeSpentSeconds).toBe(60);
    // Again (a retry, a second tab): no new attempts; progress after submission is refused.
    await submitBlock(user.id, made.id);
    expect(await attempts(user.id)).toBe(2);
    expect(await saveProgress(user.id, made.id, progress)).toEqual({ saved: false });
    const [listed] = await listBlocks(user.id);
    expect(listed).toMatchObject({ id: made.id, status: "submitted", answered: 2, correct: 1 });
  });

  it("links tutor answers made through the answer path, and only the student's own", async () => {
    const { user, qs } = await setup(2);
    const made = await startBlock(user.id, CreateBlockInput.parse({ mode: "tutor", count: 2 }));
    const items = await blockRunnerItems(user.id, made.id);
    const q = qs.find((x) => x.id === items[0]!.card.id)!;
    const out = await recordAnswer(user.id, { questionId: q.id, selectedIndex: q.correctIndex, confidence: 5, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() }, T0);
    await recordTutorAnswer(user.id, made.id, { position: 0, attemptId: out.attemptId, timeSpentSeconds: 30 });
    // The attempt does not belong to item 1's question.
    await expect(recordTutorAnswer(user.id, made.id, { position: 1, attemptId: out.attemptId, timeSpentSeconds: 3 })).rejects.toBeInstanceOf(AppError);
    const other = await setup(1);
    await expect(recordTutorAnswer(other.user.id, made.id, { position: 0, attemptId: out.attemptId, timeSpentSeconds: 3 })).rejects.toMatchObject({ code: "not_found" });
    await submitBlock(user.id, made.id);
    const review = await blockReviewItems(user.id, made.id);
    expect(review.map((r) => r.isCorrect)).toEqual([true, null]);
    expect(await attempts(user.id)).toBe(1);
  });

  it("draws from the pools: unused, incorrect, marked, due", async () => {
    const { user, qs } = await setup(4);
    const today = "2026-03-10";
    const c = (pool: "unused" | "incorrect" | "marked" | "due" | "all" | "flagged") => ({ ...all, pool });
    expect(await poolSize(user.id, c("all"), today)).toBe(4);
    expect(await poolSize(user.id, c("unused"), today)).toBe(4);
    await recordAnswer(user.id, { questionId: qs[0]!.id, selectedIndex: (qs[0]!.correctIndex + 1) % 4, confidence: 4, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() }, new Date("2026-03-08T12:00:00Z"));
    await recordAnswer(user.id, { questionId: qs[1]!.id, selectedIndex: qs[1]!.correctIndex, confidence: 4, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() }, new Date("2026-03-08T12:00:00Z"));
    expect(await poolSize(user.id, c("unused"), today)).toBe(2);
    expect(await poolSize(user.id, c("incorrect"), today)).toBe(1);
    expect(await poolSize(user.id, c("due"), today)).toBe(2);
    await markQuestion(user.id, qs[3]!.id, true);
    expect(await poolSize(user.id, c("marked"), today)).toBe(1);
    const made = await startBlock(user.id, CreateBlockInput.parse({ count: 10, pool: "marked" }));
    expect(made.questionCount).toBe(1);
    await markQuestion(user.id, qs[3]!.id, false);
    expect(await poolSize(user.id, c("marked"), today)).toBe(0);
    await expect(startBlock(user.id, CreateBlockInput.parse({ count: 10, pool: "marked" }))).rejects.toMatchObject({ code: "validation" });
    expect(await poolSize(user.id, { ...c("all"), topics: ["No such topic"] }, today)).toBe(0);
    // Someone else's question cannot be marked.
    const other = await setup(1);
    await expect(markQuestion(user.id, other.qs[0]!.id, true)).rejects.toMatchObject({ code: "not_found" });
  });
});
