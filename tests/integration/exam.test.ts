/** The exam date on a real database: the cap in the answer path, moving scheduled reviews, the counts. */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAnswer } from "@/lib/srs/service";
import { examCounts, saveExamDate } from "@/db/queries/exam";
import { questions, reviewSchedules } from "@/db/schema";
import { capForExam } from "@/lib/srs/exam";
import { addDays } from "@/lib/dates";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

beforeAll(async () => {
  await testDb();
});

async function setup(n: number) {
  const db = await testDb();
  const user = await makeUser(db);
  const seeded = await seedQuestionsFor(db, user.id, { count: n });
  const qs = await db.select().from(questions).where(eq(questions.materialId, seeded.materialId));
  return { db, user, qs };
}
const answer = (userId: string, q: { id: string; correctIndex: number }, at: Date) =>
  recordAnswer(userId, { questionId: q.id, selectedIndex: q.correctIndex, confidence: 5, timeTakenSeconds: 30, idempotencyKey: crypto.randomUUID() }, at);

describe("exam date", () => {
  it("caps a date that would skip the last week, in the answer path, by the same rule as capForExam", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    // Three right answers: 1, 6, then 6 x EF days under SM-2 (past the exam).
    await answer(user.id, q, new Date("2026-03-01T12:00:00Z"));
    await answer(user.id, q, new Date("2026-03-02T12:00:00Z"));
    await saveExamDate(user.id, "2026-03-15", "2026-03-08", 7);
    const out = await answer(user.id, q, new Date("2026-03-08T12:00:00Z"));
    // 2026-03-08 is the last week's first day (exam - 7): answered in it, so not capped.
    expect(out.nextReviewDate > "2026-03-15").toBe(true);
    expect(out.nextReviewDate).toBe(addDays("2026-03-08", out.intervalDays));
    await saveExamDate(user.id, "2026-04-30", "2026-03-08", 7);
    const [card] = await db.select().from(reviewSchedules).where(and(eq(reviewSchedules.userId, user.id), eq(reviewSchedules.questionId, q.id)));
    expect(card!.nextReviewDate).toBe(out.nextReviewDate); // before the exam: untouched
    // The next right answer's SM-2 interval (~40 days) would pass the exam: it lands in the last week.
    const later = await answer(user.id, q, new Date(`${out.nextReviewDate}T12:00:00Z`));
    expect(later.nextReviewDate).toBe(capForExam({ today: out.nextReviewDate, due: "2026-06-30", examDate: "2026-04-30", questionId: q.id }));
    expect(later.nextReviewDate >= "2026-04-23" && later.nextReviewDate <= "2026-04-29").toBe(true);
    expect(later.nextReviewDate).toBe(addDays(out.nextReviewDate, later.intervalDays));
  });

  it("moves scheduled reviews on or after the exam into its last week (same spread as in JS) and counts the bank", async () => {
    const { db, user, qs } = await setup(8);
    for (const q of qs) await answer(user.id, q, new Date("2026-03-01T12:00:00Z"));
    await db.update(reviewSchedules).set({ nextReviewDate: "2026-07-01" }).where(eq(reviewSchedules.userId, user.id));
    const { moved } = await saveExamDate(user.id, "2026-06-01", "2026-03-02", 7);
    expect(moved).toBe(8);
    const cards = await db.select().from(reviewSchedules).where(eq(reviewSchedules.userId, user.id));
    for (const c of cards)
      expect(c.nextReviewDate).toBe(capForExam({ today: "2026-03-02", due: "2026-07-01", examDate: "2026-06-01", questionId: c.questionId }));
    const counts = await examCounts(user.id, "2026-06-01");
    expect(counts).toMatchObject({ bankSize: 8, seenOnce: 8, seenTwice: 0 });
    expect(counts.due.reduce((n, d) => n + d.count, 0)).toBe(8);
    // Clearing leaves dates as they are.
    expect(await saveExamDate(user.id, null, "2026-03-02", 7)).toEqual({ moved: 0 });
  });
});
