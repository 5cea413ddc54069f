/**
 * Recording answers on a real database (Postgres with DATABASE_URL, else PGlite): the one
 * transaction, idempotency under concurrent duplicates, two-tab races, the 5 s rule, capping time.
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { refreshQuestionStats } from "@/lib/srs/question-stats";
import { recordAnswer } from "@/lib/srs/service";
import type { AnswerInput } from "@/lib/srs/types";
import { questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const T0 = new Date("2026-03-10T12:00:00Z");
const sec = (n: number) => new Date(T0.getTime() + n * 1000);
const key = () => crypto.randomUUID();

async function setup(n = 1, timezone = "UTC") {
  const db = await testDb();
  const user = await makeUser(db, { timezone });
  const seeded = await seedQuestionsFor(db, user.id, { count: n });
  const rows = await db.select().from(questions).where(eq(questions.materialId, seeded.materialId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const qs = seeded.questionIds.map((id) => byId.get(id)!);
  return { db, user, qs };
}

const input = (q: { id: string; correctIndex: number }, o: Partial<AnswerInput> & { correct?: boolean } = {}): AnswerInput => ({
  questionId: q.id,
  selectedIndex: o.selectedIndex ?? (o.correct === false ? (q.correctIndex + 1) % 5 : q.correctIndex),
  confidence: o.confidence ?? 4,
  timeTakenSeconds: o.timeTakenSeconds ?? 42,
  idempotencyKey: o.idempotencyKey ?? key(),
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}


// Opening the database (PGlite: migrations) belongs in a hook, not in the first test's time budget.
beforeAll(async () => {
  await testDb();
});

describe("recordAnswer", () => {
  it("writes the attempt, schedule, profile and question counts in one go", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    const out = await recordAnswer(user.id, input(q, { confidence: 5 }), T0);

    expect(out).toMatchObject({ isCorrect: true, grade: 5, intervalDays: 1, nextReviewDate: "2026-03-11", reviewStatus: "learning", replayed: false });
    // difficulty multiplier x base 10, +5 correct, +3 confident
    const mult = { 1: 1, 2: 1.25, 3: 1.5, 4: 1.75, 5: 2 }[q.difficulty]!;
    expect(out.xpEarned).toBe(Math.round(10 * mult) + 8);
    expect(out.optionExplanations).toHaveLength(5);
    expect(out.citation.materialTitle).toBe("The Cardiovascular System: The Heart");
    expect(out.citation.pageStart).toBeGreaterThan(0);
    expect(out.citation.quote).toBe(q.sourceQuote);

    const [attempt] = await db.select().from(userAttempts).where(eq(userAttempts.id, out.attemptId));
    expect(attempt).toMatchObject({ grade: 5, easinessAfter: 2.5, intervalAfter: 1, repetitionsAfter: 1, reviewStatusAfter: "learning", timeTakenSeconds: 42 });
    const [card] = await db.select().from(reviewSchedules).where(and(eq(reviewSchedules.userId, user.id), eq(reviewSchedules.questionId, q.id)));
    expect(card).toMatchObject({ intervalDays: 1, repetitions: 1, nextReviewDate: "2026-03-11", reviewStatus: "learning", lastAttemptId: out.attemptId });
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile).toMatchObject({ xp: out.xpEarned, level: 1, streak: 1, bestStreak: 1, lastActivityDate: "2026-03-10", totalQuestionsAnswered: 1, totalCorrectAnswers: 1 });
    const [after] = await db.select().from(questions).where(eq(questions.id, q.id));
    expect(after).toMatchObject({ timesAnswered: 1, timesCorrect: 0 + 1 });
    expect(after!.qualityScore).toBeGreaterThan(0);
  });

  it("follows SM-2 across answers, a lapse included, and keeps the state after each attempt", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    const seq = [
      { at: 0, correct: true, confidence: 5, want: [1, "2026-03-11", "learning"] },
      { at: 86_400, correct: true, confidence: 5, want: [6, "2026-03-17", "reviewing"] },
      { at: 7 * 86_400, correct: false, confidence: 5, want: [1, "2026-03-18", "learning"] },
    ] as const;
    for (const s of seq) {
      const out = await recordAnswer(user.id, input(q, { correct: s.correct, confidence: s.confidence }), sec(s.at));
      expect([out.intervalDays, out.nextReviewDate, out.reviewStatus]).toEqual(s.want);
    }
    const log = await db.select().from(userAttempts).where(eq(userAttempts.questionId, q.id)).orderBy(userAttempts.answeredAt);
    expect(log.map((a) => [a.grade, a.repetitionsAfter, a.easinessAfter])).toEqual([
      [5, 1, 2.5],
      [5, 2, 2.5],
      [0, 0, 2.5], // a lapse keeps EF (see lib/srs/sm2.ts)
    ]);
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile).toMatchObject({ streak: 1, bestStreak: 2, totalQuestionsAnswered: 3, totalCorrectAnswers: 2 });
  });

  it("records a double submit once: concurrent duplicates share the first result and earn XP once", async () => {
    const { db, user, qs } = await setup(1);
    const same = input(qs[0]!);
    const results = await Promise.all(Array.from({ length: 6 }, () => recordAnswer(user.id, same, T0)));
    expect(new Set(results.map((r) => r.attemptId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const attempts = await db.select().from(userAttempts).where(eq(userAttempts.userId, user.id));
    expect(attempts).toHaveLength(1);
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile!.xp).toBe(results[0]!.xpEarned);
    expect(profile!.totalQuestionsAnswered).toBe(1);
    // A retry much later (past the 5 s rule) still replays instead of answering again.
    const retry = await recordAnswer(user.id, same, sec(3600));
    expect(retry).toMatchObject({ attemptId: results[0]!.attemptId, replayed: true });
  });

  it("refuses reusing a key for a different question", async () => {
    const { user, qs } = await setup(2);
    const k = key();
    await recordAnswer(user.id, input(qs[0]!, { idempotencyKey: k }), T0);
    const e = await rejection(recordAnswer(user.id, input(qs[1]!, { idempotencyKey: k }), sec(10)));
    expect(e.code).toBe("conflict");
  });

  it("two tabs answering the same question at once leave one attempt and one consistent schedule", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    const settled = await Promise.allSettled([
      recordAnswer(user.id, input(q, { correct: true, confidence: 5 }), T0),
      recordAnswer(user.id, input(q, { correct: false, confidence: 5 }), T0),
    ]);
    const won = settled.filter((s) => s.status === "fulfilled");
    const lost = settled.filter((s) => s.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: "too_fast" });
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof recordAnswer>>>).value;
    const attempts = await db.select().from(userAttempts).where(eq(userAttempts.questionId, q.id));
    expect(attempts).toHaveLength(1);
    const [card] = await db.select().from(reviewSchedules).where(eq(reviewSchedules.questionId, q.id));
    expect(card).toMatchObject({ lastAttemptId: winner.attemptId, intervalDays: winner.intervalDays, repetitions: attempts[0]!.repetitionsAfter });
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile).toMatchObject({ xp: winner.xpEarned, totalQuestionsAnswered: 1 });
  });

  it("a tab whose clock reading came first but lost the race is still too fast", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    await recordAnswer(user.id, input(q), sec(2)); // the later reading wins the lock
    const e = await rejection(recordAnswer(user.id, input(q), T0));
    expect(e.code).toBe("too_fast");
    expect(await db.select().from(userAttempts).where(eq(userAttempts.questionId, q.id))).toHaveLength(1);
  });

  it("a second answer the same day is practice: recorded, no XP, schedule unchanged (also on replay)", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    const first = await recordAnswer(user.id, input(q, { correct: true, confidence: 5 }), T0);
    const again = input(q, { correct: true, confidence: 5 });
    const second = await recordAnswer(user.id, again, sec(3600));
    expect(first.practice).toBe(false);
    expect(second).toMatchObject({ practice: true, xpEarned: 0, intervalDays: first.intervalDays, nextReviewDate: first.nextReviewDate });
    expect(second.profile.xp).toBe(first.profile.xp);
    const [card] = await db.select().from(reviewSchedules).where(eq(reviewSchedules.questionId, q.id));
    expect(card).toMatchObject({ intervalDays: first.intervalDays, repetitions: 1, nextReviewDate: first.nextReviewDate, lastAttemptId: second.attemptId });
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile).toMatchObject({ xp: first.xpEarned, totalQuestionsAnswered: 2 });
    expect(await recordAnswer(user.id, again, sec(7200))).toMatchObject({ replayed: true, practice: true, xpEarned: 0 });
    // The next day it counts again.
    const nextDay = await recordAnswer(user.id, input(q, { correct: true, confidence: 5 }), sec(86_400));
    expect(nextDay.practice).toBe(false);
    expect(nextDay.xpEarned).toBeGreaterThan(0);
  });

  it("answers on different questions at once all count (no lost XP update)", async () => {
    const { db, user, qs } = await setup(12);
    const outs = await Promise.all(qs.map((q) => recordAnswer(user.id, input(q), T0)));
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile!.xp).toBe(outs.reduce((s, o) => s + o.xpEarned, 0));
    expect(profile!.totalQuestionsAnswered).toBe(12);
    expect(await db.select().from(userAttempts).where(eq(userAttempts.userId, user.id))).toHaveLength(12);
  });

  it("refuses re-answering within 5 s with a clear too_fast, then accepts", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    await recordAnswer(user.id, input(q), T0);
    const e = await rejection(recordAnswer(user.id, input(q), sec(4)));
    expect(e.code).toBe("too_fast");
    expect(e.message).toMatch(/a moment ago/);
    expect(e.extra.retryAfterSeconds).toBe(1);
    const ok = await recordAnswer(user.id, input(q), sec(5));
    expect(ok.replayed).toBe(false);
    expect(await db.select().from(userAttempts).where(eq(userAttempts.questionId, q.id))).toHaveLength(2);
  });

  it("caps the time taken to 1-3600 s instead of rejecting it", async () => {
    const { db, user, qs } = await setup(2);
    const a = await recordAnswer(user.id, input(qs[0]!, { timeTakenSeconds: 86_400 }), T0);
    const b = await recordAnswer(user.id, input(qs[1]!, { timeTakenSeconds: 0.2 }), T0);
    const rows = await db.select().from(userAttempts).where(eq(userAttempts.userId, user.id));
    expect(rows.find((r) => r.id === a.attemptId)!.timeTakenSeconds).toBe(3600);
    expect(rows.find((r) => r.id === b.attemptId)!.timeTakenSeconds).toBe(1);
  });

  it("another student's question is not_found and writes nothing", async () => {
    const { db, qs } = await setup(1);
    const intruder = await makeUser(db);
    const e = await rejection(recordAnswer(intruder.id, input(qs[0]!), T0));
    expect(e.code).toBe("not_found");
    expect(await db.select().from(userAttempts).where(eq(userAttempts.userId, intruder.id))).toHaveLength(0);
    expect(await db.select().from(reviewSchedules).where(eq(reviewSchedules.userId, intruder.id))).toHaveLength(0);
  });

  it("a failure inside the transaction leaves no half-written data", async () => {
    const { db, user, qs } = await setup(1);
    // Bypassing the zod boundary: the attempt's CHECK (confidence 1-5) fails after the schedule
    // upsert; the whole transaction must roll back.
    await expect(recordAnswer(user.id, { ...input(qs[0]!), confidence: 9 }, T0)).rejects.toThrow();
    expect(await db.select().from(reviewSchedules).where(eq(reviewSchedules.userId, user.id))).toHaveLength(0);
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile).toMatchObject({ xp: 0, totalQuestionsAnswered: 0, streak: 0 });
  });

  it("counts the streak in the student's zone across midnight", async () => {
    const { db, user, qs } = await setup(2, "Asia/Tokyo");
    await recordAnswer(user.id, input(qs[0]!), new Date("2026-03-10T14:50:00Z")); // 23:50 JST, the 10th
    const out = await recordAnswer(user.id, input(qs[1]!), new Date("2026-03-10T15:10:00Z")); // 00:10 JST, the 11th
    expect(out.nextReviewDate).toBe("2026-03-12");
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile).toMatchObject({ streak: 2, bestStreak: 2, lastActivityDate: "2026-03-11" });
  });

  it("retires a question flagged by more than 10 % of its answers after the minimum", async () => {
    const { db, user, qs } = await setup(1);
    const q = qs[0]!;
    await db.update(questions).set({ timesFlagged: 2 }).where(eq(questions.id, q.id));
    for (let i = 0; i < 9; i++) await recordAnswer(user.id, input(q, { correct: i % 2 === 0 }), sec(i * 10));
    let [row] = await db.select().from(questions).where(eq(questions.id, q.id));
    expect(row).toMatchObject({ timesAnswered: 9, retired: false }); // below the minimum of 10
    await recordAnswer(user.id, input(q), sec(100));
    [row] = await db.select().from(questions).where(eq(questions.id, q.id));
    expect(row).toMatchObject({ timesAnswered: 10, timesCorrect: 6, retired: true });
    expect(row!.qualityScore).toBeGreaterThan(0);
    expect(row!.qualityScore).toBeLessThan(1);
    // The incremental score written with each answer equals a full recount from the log.
    await db.transaction((tx) => refreshQuestionStats(tx, q.id, 2, false));
    const [recounted] = await db.select().from(questions).where(eq(questions.id, q.id));
    expect(recounted!.qualityScore).toBeCloseTo(row!.qualityScore, 4);
    expect(recounted).toMatchObject({ timesAnswered: 10, timesCorrect: 6, retired: true });
  });
});
