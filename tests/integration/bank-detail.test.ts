/** One question's page data: cited passages with material and pages, attempt history, collections. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { collectionQuestions, collections } from "@/db/schema";
import { getQuestionDetail } from "@/db/queries/questions";
import { insertAttempts, setReviewStatus } from "@/tests/setup/attempts";
import { makeUser, testDb } from "@/tests/setup/db";
import { type SeedResult, seedQuestionsFor } from "@/tests/setup/seed";

let db: Db;
let userId: string;
let seed: SeedResult;

beforeAll(async () => {
  db = await testDb();
  userId = (await makeUser(db)).id;
  seed = await seedQuestionsFor(db, userId, { count: 2 });
});

describe("getQuestionDetail", () => {
  it("returns the question, its cited passage with material and page, attempts newest first, and collections", async () => {
    const q = seed.questionIds[0]!;
    await insertAttempts(db, userId, q, [
      { isCorrect: false, selectedIndex: 2, confidence: 5, seconds: 40, answeredAt: new Date("2026-01-01T10:00:00Z"), xp: 10 },
      { isCorrect: true, selectedIndex: 0, confidence: 3, seconds: 75, answeredAt: new Date("2026-01-03T10:00:00Z"), xp: 15 },
    ]);
    await setReviewStatus(db, userId, q, "learning");
    const [col] = await db.insert(collections).values({ userId, name: `detail-${Date.now()}` }).returning();
    await db.insert(collectionQuestions).values({ collectionId: col!.id, questionId: q });

    const d = (await getQuestionDetail(userId, q))!;
    expect(d.question.leadIn).toBe("Which structure sets the normal cardiac rhythm?");
    expect(d.question.options[d.question.correctIndex]).toBeTruthy();
    expect(d.materialTitle).toBe("The Cardiovascular System: The Heart");
    expect(d.status).toBe("learning");
    expect(d.schedule).toMatchObject({ nextReviewDate: "2026-01-10", intervalDays: 1 });
    expect(d.passages).toHaveLength(1);
    expect(d.passages[0]).toMatchObject({ materialTitle: "The Cardiovascular System: The Heart", pageStart: 17 });
    expect(d.passages[0]!.content).toContain("sinoatrial (SA) node");
    expect(d.attempts.map((a) => [a.isCorrect, a.selectedIndex, a.confidence, a.timeTakenSeconds, a.xpEarned])).toEqual([
      [true, 0, 3, 75, 15],
      [false, 2, 5, 40, 10],
    ]);
    expect(d.collectionIds).toEqual([col!.id]);
  });

  it("is null for another user's question and for a missing one", async () => {
    const other = await makeUser(db);
    expect(await getQuestionDetail(other.id, seed.questionIds[0]!)).toBeNull();
    expect(await getQuestionDetail(userId, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("a new question has no schedule, no attempts and reads as new", async () => {
    const d = (await getQuestionDetail(userId, seed.questionIds[1]!))!;
    expect(d.status).toBe("new");
    expect(d.schedule).toBeNull();
    expect(d.attempts).toEqual([]);
  });
});
