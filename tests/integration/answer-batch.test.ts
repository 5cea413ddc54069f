/**
 * The bulk answer path on a real database: one transaction, idempotent per answer and as a whole,
 * the 5 s and same-day practice rules per question in order, another student's question -> 404
 * with nothing written, any refused answer rejecting the whole batch.
 */
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAnswerBatch } from "@/lib/srs/service";
import { recordAnswer } from "@/lib/srs/service";
import type { AnswerInput } from "@/lib/srs/types";
import { questions, userAttempts, userProfiles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { AnswerBatchInput } from "@/lib/srs/input";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const T0 = new Date("2026-03-10T12:00:00Z");
const sec = (n: number) => new Date(T0.getTime() + n * 1000);
const key = () => crypto.randomUUID();

async function setup(n: number) {
  const db = await testDb();
  const user = await makeUser(db);
  const seeded = await seedQuestionsFor(db, user.id, { count: n });
  const rows = await db.select().from(questions).where(eq(questions.materialId, seeded.materialId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { db, user, qs: seeded.questionIds.map((id) => byId.get(id)!) };
}

const answer = (q: { id: string; correctIndex: number }, correct = true, o: Partial<AnswerInput> = {}): AnswerInput => ({
  questionId: q.id,
  selectedIndex: correct ? q.correctIndex : (q.correctIndex + 1) % 4,
  confidence: 4,
  timeTakenSeconds: 80,
  idempotencyKey: key(),
  ...o,
});

async function attemptsOf(userId: string) {
  const db = await testDb();
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(userAttempts).where(eq(userAttempts.userId, userId));
  return r!.n;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

beforeAll(async () => {
  await testDb();
});

describe("recordAnswerBatch", () => {
  it("records every answer in order, with the same schedule, XP and profile as one by one", async () => {
    const { db, user, qs } = await setup(4);
    const batch = [answer(qs[0]!), answer(qs[1]!, false), answer(qs[2]!), answer(qs[3]!, false)];
    const out = await recordAnswerBatch(user.id, batch, T0);
    expect(out.map((o) => o.questionId)).toEqual(qs.map((q) => q.id));
    expect(out.map((o) => o.isCorrect)).toEqual([true, false, true, false]);
    expect(out.every((o) => !o.replayed && !o.practice)).toBe(true);
    expect(out[0]).toMatchObject({ intervalDays: 1, nextReviewDate: "2026-03-11", reviewStatus: "learning" });

    // The same answers one by one, for a second student, give the same result.
    const twin = await setup(4);
    const single = [];
    for (const [i, q] of twin.qs.entries()) single.push(await recordAnswer(twin.user.id, answer(q, i % 2 === 0), T0));
    expect(out.map((o) => [o.grade, o.xpEarned, o.intervalDays, o.reviewStatus])).toEqual(
      single.map((o) => [o.grade, o.xpEarned, o.intervalDays, o.reviewStatus]),
    );
    const [p] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(p).toMatchObject({ totalQuestionsAnswered: 4, totalCorrectAnswers: 2, xp: out.reduce((n, o) => n + o.xpEarned, 0), streak: 1 });
    expect(await attemptsOf(user.id)).toBe(4);
  });

  it("is idempotent as a whole: the same batch again records nothing and returns the first results", async () => {
    const { user, qs } = await setup(3);
    const batch = qs.map((q) => answer(q));
    const first = await recordAnswerBatch(user.id, batch, T0);
    const again = await recordAnswerBatch(user.id, batch, sec(1));
    expect(again.map((o) => o.attemptId)).toEqual(first.map((o) => o.attemptId));
    expect(again.every((o) => o.replayed)).toBe(true);
    expect(await attemptsOf(user.id)).toBe(3);
    // Two copies racing: one records, the other replays.
    const { user: u2, qs: q2 } = await setup(3);
    const b2 = q2.map((q) => answer(q));
    const [a, b] = await Promise.all([recordAnswerBatch(u2.id, b2, T0), recordAnswerBatch(u2.id, b2, T0)]);
    expect(a.map((o) => o.attemptId)).toEqual(b.map((o) => o.attemptId));
    expect(await attemptsOf(u2.id)).toBe(3);
  });

  it("is idempotent per answer: an answer already recorded under its key is replayed, the rest recorded", async () => {
    const { user, qs } = await setup(3);
    const batch = qs.map((q) => answer(q));
    const earlier = await recordAnswer(user.id, batch[1]!, T0);
    const out = await recordAnswerBatch(user.id, batch, sec(30));
    expect(out.map((o) => o.replayed)).toEqual([false, true, false]);
    expect(out[1]!.attemptId).toBe(earlier.attemptId);
    expect(await attemptsOf(user.id)).toBe(3);
  });

  it("applies the same-day practice rule and the 5 s rule per question", async () => {
    const { user, qs } = await setup(2);
    await recordAnswer(user.id, answer(qs[0]!), T0);
    // Same local day, a minute later: practice (no XP, schedule kept).
    const out = await recordAnswerBatch(user.id, [answer(qs[0]!, false), answer(qs[1]!)], sec(60));
    expect(out[0]).toMatchObject({ practice: true, xpEarned: 0, nextReviewDate: "2026-03-11" });
    expect(out[1]).toMatchObject({ practice: false });
    // Within 5 s of the last answer to qs[1]: the whole batch is refused, nothing written.
    const before = await attemptsOf(user.id);
    const e = await rejection(recordAnswerBatch(user.id, [answer(qs[0]!), answer(qs[1]!)], sec(62)));
    expect(e.code).toBe("too_fast");
    expect(e.message).toMatch(/^Answer 1:/);
    expect(await attemptsOf(user.id)).toBe(before);
  });

  it("answers 404 for another student's question and writes nothing", async () => {
    const mine = await setup(2);
    const theirs = await setup(1);
    const e = await rejection(recordAnswerBatch(mine.user.id, [answer(mine.qs[0]!), answer(theirs.qs[0]!), answer(mine.qs[1]!)], T0));
    expect(e.code).toBe("not_found");
    expect(await attemptsOf(mine.user.id)).toBe(0);
    expect(await attemptsOf(theirs.user.id)).toBe(0);
    const [p] = await mine.db.select().from(userProfiles).where(eq(userProfiles.userId, mine.user.id));
    expect(p).toMatchObject({ xp: 0, totalQuestionsAnswered: 0 });
  });

  it("rejects partly invalid input as a whole", async () => {
    const { user, qs } = await setup(3);
    // Out of range for this question (4 options would make index 4 invalid; seeded have 5: use 7 via the schema).
    const parsed = AnswerBatchInput.safeParse({ answers: [answer(qs[0]!), { ...answer(qs[1]!), selectedIndex: 7 }] });
    expect(parsed.success).toBe(false);
    // A key reused for another question: refused, and the valid answer before it is not kept.
    const used = answer(qs[2]!);
    await recordAnswer(user.id, used, T0);
    const e = await rejection(recordAnswerBatch(user.id, [answer(qs[0]!), { ...answer(qs[1]!), idempotencyKey: used.idempotencyKey }], sec(60)));
    expect(e.code).toBe("conflict");
    expect(await attemptsOf(user.id)).toBe(1);
    // Duplicates inside the batch.
    expect((await rejection(recordAnswerBatch(user.id, [answer(qs[0]!), answer(qs[0]!)], sec(60)))).code).toBe("validation");
    const k = key();
    expect((await rejection(recordAnswerBatch(user.id, [answer(qs[0]!, true, { idempotencyKey: k }), answer(qs[1]!, true, { idempotencyKey: k })], sec(60)))).code).toBe("validation");
    expect(await attemptsOf(user.id)).toBe(1);
  });
});
