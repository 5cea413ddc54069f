/**
 * Switching scheduler on a real database: the replay under FSRS, switching back to SM-2 without
 * loss, idempotence, questions with no usable log, and answers arriving during a switch.
 */
import crypto from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { recordAnswer } from "@/lib/srs/service";
import type { AnswerInput } from "@/lib/srs/types";
import { questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import { sm2Params } from "@/lib/srs/config";
import { DEFAULT_FSRS_SETTINGS } from "@/lib/srs/fsrs";
import { replayQuestion } from "@/lib/srs/replay";
import { applySchedulerChange, fitFsrsParameters, resetFsrsParameters, schedulerReport } from "@/lib/srs/scheduler-service";
import { AppError } from "@/lib/errors";
import { makeUser, testDb } from "@/tests/setup/db";
import { seedQuestionsFor } from "@/tests/setup/seed";

const DAY = 86_400_000;
const T0 = new Date("2026-03-10T15:00:00Z");
const day = (n: number, s = 0) => new Date(T0.getTime() + n * DAY + s * 1000);
const SM2 = { scheduler: "sm2" as const, desiredRetention: 0.9, maximumInterval: 36500 };
const FSRS = { scheduler: "fsrs" as const, desiredRetention: 0.9, maximumInterval: 36500 };

async function setup(n: number) {
  const db = await testDb();
  const user = await makeUser(db, { timezone: "America/Chicago" });
  const seeded = await seedQuestionsFor(db, user.id, { count: n });
  const rows = await db.select().from(questions).where(eq(questions.materialId, seeded.materialId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { db, user, qs: seeded.questionIds.map((id) => byId.get(id)!) };
}

const answer = (q: { id: string; correctIndex: number }, correct: boolean, confidence: number): AnswerInput => ({
  questionId: q.id,
  selectedIndex: correct ? q.correctIndex : (q.correctIndex + 1) % 5,
  confidence,
  timeTakenSeconds: 30,
  idempotencyKey: crypto.randomUUID(),
});

async function schedules(db: Db, userId: string) {
  return db
    .select({
      questionId: reviewSchedules.questionId,
      easiness: reviewSchedules.easiness,
      intervalDays: reviewSchedules.intervalDays,
      repetitions: reviewSchedules.repetitions,
      nextReviewDate: reviewSchedules.nextReviewDate,
      status: reviewSchedules.reviewStatus,
      fsrsStability: reviewSchedules.fsrsStability,
      fsrsDifficulty: reviewSchedules.fsrsDifficulty,
      fsrsDue: reviewSchedules.fsrsDue,
    })
    .from(reviewSchedules)
    .where(eq(reviewSchedules.userId, userId))
    .orderBy(asc(reviewSchedules.questionId));
}

async function logOf(db: Db, userId: string, questionId: string) {
  return db
    .select({ answeredAt: userAttempts.answeredAt, isCorrect: userAttempts.isCorrect, confidence: userAttempts.confidence })
    .from(userAttempts)
    .where(and(eq(userAttempts.userId, userId), eq(userAttempts.questionId, questionId)));
}

/** Three days of answers on every question, a lapse on the odd ones, a practice answer on the first. */
async function history(userId: string, qs: { id: string; correctIndex: number }[]) {
  for (const [i, q] of qs.entries()) {
    await recordAnswer(userId, answer(q, true, 3), day(0, i * 10));
    await recordAnswer(userId, answer(q, true, 4), day(1, i * 10));
    await recordAnswer(userId, answer(q, i % 2 === 0, 2 + (i % 4)), day(8, i * 10));
  }
  await recordAnswer(userId, answer(qs[0]!, false, 5), day(8, 3600));
}

beforeAll(async () => {
  await testDb();
});

describe("switching scheduler", () => {
  it("replays the log into FSRS, is idempotent, and switching back restores SM-2 exactly", async () => {
    const { db, user, qs } = await setup(4);
    await history(user.id, qs);
    const sm2Before = await schedules(db, user.id);

    const first = await applySchedulerChange(user.id, FSRS);
    expect(first).toMatchObject({ replayed: 4, converted: 0 });
    const onFsrs = await schedules(db, user.id);
    for (const row of onFsrs) {
      const r = replayQuestion(await logOf(db, user.id, row.questionId), "America/Chicago", sm2Params(), DEFAULT_FSRS_SETTINGS)!;
      expect(row.nextReviewDate).toBe(r.fsrs.due);
      expect(row.fsrsDue).toBe(r.fsrs.due);
      expect(row.fsrsStability).toBeCloseTo(r.fsrs.memory.stability, 9);
      // The answer path kept the same FSRS state while the student was on SM-2.
      const kept = sm2Before.find((b) => b.questionId === row.questionId)!;
      expect(kept.fsrsStability).toBeCloseTo(row.fsrsStability!, 9);
      expect(kept.fsrsDue).toBe(row.fsrsDue);
    }
    expect(onFsrs.map((r) => r.nextReviewDate)).not.toEqual(sm2Before.map((r) => r.nextReviewDate));

    await applySchedulerChange(user.id, FSRS);
    expect(await schedules(db, user.id)).toEqual(onFsrs);

    await applySchedulerChange(user.id, SM2);
    expect(await schedules(db, user.id)).toEqual(sm2Before);
  });

  it("desired retention moves FSRS's dates; maximum interval caps them", async () => {
    const { db, user, qs } = await setup(2);
    await history(user.id, qs);
    await applySchedulerChange(user.id, { ...FSRS, desiredRetention: 0.97 });
    const tight = await schedules(db, user.id);
    await applySchedulerChange(user.id, { ...FSRS, desiredRetention: 0.7 });
    const loose = await schedules(db, user.id);
    for (const [i, row] of loose.entries()) expect(row.nextReviewDate! > tight[i]!.nextReviewDate!).toBe(true);
    await applySchedulerChange(user.id, { ...FSRS, desiredRetention: 0.7, maximumInterval: 2 });
    for (const row of await schedules(db, user.id)) expect(row.nextReviewDate! <= "2026-03-20").toBe(true);
  });

  it("a question with no usable log gets FSRS state from its SM-2 ease and interval", async () => {
    const { db, user, qs } = await setup(1);
    await db.insert(reviewSchedules).values({
      userId: user.id,
      questionId: qs[0]!.id,
      easiness: 2.5,
      intervalDays: 10,
      repetitions: 3,
      nextReviewDate: "2026-03-20",
      reviewStatus: "reviewing",
    });
    const before = await schedules(db, user.id);
    expect(await applySchedulerChange(user.id, FSRS)).toMatchObject({ replayed: 0, converted: 1 });
    const [row] = await schedules(db, user.id);
    // Anki's conversion at 90%: S = the SM-2 interval, D = 6.914 (reference value), due 10 days on.
    expect(row!.fsrsStability).toBeCloseTo(10, 4);
    expect(row!.fsrsDifficulty).toBeCloseTo(6.9140563, 3);
    expect(row!.nextReviewDate).toBe("2026-03-20");
    await applySchedulerChange(user.id, SM2);
    const [back] = await schedules(db, user.id);
    expect({ ...back, fsrsStability: null, fsrsDifficulty: null, fsrsDue: null }).toEqual(before[0]);
  });

  it("answers during switches: none lost, one consistent schedule", async () => {
    const { db, user, qs } = await setup(10);
    await history(user.id, qs.slice(0, 5));
    const at = day(20);
    const answers = qs.map((q, i) => recordAnswer(user.id, answer(q, i % 3 !== 0, 3), new Date(at.getTime() + i)));
    const switches = [FSRS, SM2, FSRS, { ...FSRS, desiredRetention: 0.8 }].map((s) => applySchedulerChange(user.id, s));
    const results = await Promise.all([...answers, ...switches]);
    expect(results).toHaveLength(14);

    const [{ n }] = (await db.select({ n: count() }).from(userAttempts).where(eq(userAttempts.userId, user.id))) as [{ n: number }];
    expect(n).toBe(5 * 3 + 1 + 10);
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile!.totalQuestionsAnswered).toBe(n);
    expect(profile!.schedulerVersion).toBe(4);

    // Whatever order the switches took, every row is the replay of its log under the final settings.
    const settings = { desiredRetention: profile!.desiredRetention, maximumInterval: profile!.maximumInterval, weights: null };
    for (const row of await schedules(db, user.id)) {
      const r = replayQuestion(await logOf(db, user.id, row.questionId), "America/Chicago", sm2Params(), settings)!;
      expect(row.nextReviewDate).toBe(profile!.scheduler === "fsrs" ? r.fsrs.due : r.sm2.due);
      expect(row.fsrsStability).toBeCloseTo(r.fsrs.memory.stability, 9);
      expect(row.easiness).toBeCloseTo(r.sm2.easiness, 5);
      expect(row.repetitions).toBe(r.sm2.repetitions);
    }
  });

  it("reports log loss and RMSE(bins) of both schedulers on the student's own reviews", async () => {
    const { user, qs } = await setup(3);
    await history(user.id, qs);
    const report = await schedulerReport(user.id);
    expect(report.reviews).toBe(6); // 3 questions x 2 reviews after the first (practice excluded)
    expect(report.scheduledReviews).toBe(9);
    for (const fit of [report.sm2, report.fsrs]) {
      expect(fit.logLoss).toBeGreaterThan(0);
      expect(fit.rmseBins).toBeGreaterThanOrEqual(0);
    }
    expect(report.fsrsFitted).toBeNull();
  });

  it("fits the student's own FSRS parameters with the binding's optimizer once there are enough reviews", async () => {
    const { db, user, qs } = await setup(80);
    await expect(fitFsrsParameters(user.id)).rejects.toBeInstanceOf(AppError);
    // 80 questions x 4 days = 320 reviews; recall fades with the gap, as it would.
    for (const [d, gap] of [[0, 0], [1, 1], [4, 3], [12, 8]] as const) {
      for (const [i, q] of qs.entries()) {
        const correct = (i * 7 + d) % 10 >= (gap > 4 ? 4 : 2);
        await recordAnswer(user.id, answer(q, correct, correct ? 3 + (i % 3) : 2), day(d, i));
      }
    }
    await applySchedulerChange(user.id, FSRS);
    const fitted = await fitFsrsParameters(user.id);
    expect(fitted.reviews).toBe(320);
    expect(fitted.weights).toHaveLength(21);
    const [profile] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(profile!.fsrsWeights).toHaveLength(21);
    expect(profile!.fsrsWeightsReviews).toBe(320);
    expect(profile!.scheduler).toBe("fsrs");
    // The schedule was replayed with the fitted parameters.
    const fittedSettings = { desiredRetention: 0.9, maximumInterval: 36500, weights: profile!.fsrsWeights };
    const [row] = await schedules(db, user.id);
    const r = replayQuestion(await logOf(db, user.id, row!.questionId), "America/Chicago", sm2Params(), fittedSettings)!;
    expect(row!.fsrsStability).toBeCloseTo(r.fsrs.memory.stability, 6);
    expect(row!.nextReviewDate).toBe(r.fsrs.due);
    expect((await schedulerReport(user.id)).fsrsFitted).not.toBeNull();

    await resetFsrsParameters(user.id);
    const [reset] = await db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
    expect(reset!.fsrsWeights).toBeNull();
    // 320 answers one after another: slow when the machine is shared.
  }, 120_000);
});
