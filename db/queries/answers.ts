/**
 * Recording an answer: one transaction writes the attempt (with the SM-2 state after it), the
 * schedule, the student's XP/level/streak/totals and the question's counts and quality score.
 *
 * Concurrency, in lock order (question -> schedule -> profile, the same in every transaction, so no
 * deadlock):
 * - the question row is locked FOR UPDATE: two tabs answering the same question run one after the
 *   other, and the second sees the first's schedule (then is refused as too fast, or, with the same
 *   idempotency key, gets the first's result);
 * - the schedule row is created-or-locked in one upsert;
 * - the profile row is locked so XP and streak never lose an update between different questions.
 * The idempotency key is checked after the locks (so a concurrent duplicate sees the committed
 * first attempt) and backed by the unique index (user_id, idempotency_key).
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { materialChunks, materials, questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { clampTimeTaken, planAnswer } from "@/lib/srs/answer";
import { retirementRule, sm2Params } from "@/lib/srs/config";
import { attemptCalibration, qualityScore, shouldRetire } from "@/lib/srs/quality";
import { isUniqueViolation } from "./errors";
import type { ReviewStatus } from "@/db/schema/srs";

export type AnswerInput = {
  questionId: string;
  selectedIndex: number;
  confidence: number;
  timeTakenSeconds: number;
  idempotencyKey: string;
};

export type Citation = {
  quote: string | null;
  materialId: string | null;
  materialTitle: string | null;
  heading: string | null;
  pageStart: number | null;
  pageEnd: number | null;
};

export type AnswerOutcome = {
  attemptId: string;
  questionId: string;
  /** True when this submit repeated an earlier one (same idempotency key): nothing new was recorded. */
  replayed: boolean;
  isCorrect: boolean;
  selectedIndex: number;
  correctIndex: number;
  confidence: number;
  grade: number;
  xpEarned: number;
  intervalDays: number;
  nextReviewDate: string;
  reviewStatus: ReviewStatus;
  options: string[];
  explanation: string;
  optionExplanations: string[];
  citation: Citation;
  profile: { xp: number; level: number; streak: number; bestStreak: number };
};

const idemMessage = "That submission was already used for a different question. Reload the page and answer again.";

/** Records one answer (or returns the earlier result for a repeated idempotency key). */
export async function recordAnswer(userId: string, input: AnswerInput, at: Date): Promise<AnswerOutcome> {
  const db = await getDb();
  try {
    const written = await db.transaction((tx) => writeAnswer(tx, userId, input, at));
    return "outcome" in written ? written.outcome : loadOutcome(userId, written.attemptId, true);
  } catch (e) {
    // Same key, different question, racing: the unique index let one through; answer like a replay.
    if (!isUniqueViolation(e)) throw e;
    const [prior] = await db
      .select({ id: userAttempts.id, questionId: userAttempts.questionId })
      .from(userAttempts)
      .where(and(eq(userAttempts.userId, userId), eq(userAttempts.idempotencyKey, input.idempotencyKey)));
    if (!prior) throw e;
    if (prior.questionId !== input.questionId) throw new AppError("conflict", idemMessage);
    return loadOutcome(userId, prior.id, true);
  }
}

/**
 * Three round trips inside the transaction: lock the question (with its cited passage), then the
 * reads that need the lock (pipelined on the connection), then one statement that writes the
 * attempt, schedule, profile and question together.
 */
async function writeAnswer(
  tx: Tx,
  userId: string,
  input: AnswerInput,
  at: Date,
): Promise<{ outcome: AnswerOutcome } | { attemptId: string }> {
  const env = getEnv();
  const [row] = await tx
    .select({
      q: questions,
      materialTitle: materials.title,
      heading: materialChunks.heading,
      pageStart: materialChunks.pageStart,
      pageEnd: materialChunks.pageEnd,
    })
    .from(questions)
    .leftJoin(materials, and(eq(materials.id, questions.materialId), eq(materials.userId, userId)))
    .leftJoin(
      materialChunks,
      and(eq(materialChunks.id, sql`${questions.sourceChunkIds}[1]`), eq(materialChunks.userId, userId)),
    )
    .where(and(eq(questions.id, input.questionId), eq(questions.userId, userId)))
    .for("update", { of: questions });
  if (!row) throw notFound("That question");
  const question = row.q;
  if (input.selectedIndex >= question.options.length)
    throw new AppError("validation", `Choose one of the ${question.options.length} options.`);

  const [[card], [prior], [profile], [agg]] = await Promise.all([
    // Create-or-lock the schedule row in one statement (the no-op update takes the row lock).
    tx
      .insert(reviewSchedules)
      .values({ userId, questionId: question.id, easiness: env.SM2_INITIAL_EASINESS })
      .onConflictDoUpdate({
        target: [reviewSchedules.userId, reviewSchedules.questionId],
        set: { updatedAt: sql`${reviewSchedules.updatedAt}` },
      })
      .returning(),
    tx
      .select({ id: userAttempts.id, questionId: userAttempts.questionId })
      .from(userAttempts)
      .where(and(eq(userAttempts.userId, userId), eq(userAttempts.idempotencyKey, input.idempotencyKey))),
    tx
      .insert(userProfiles)
      .values({ userId })
      .onConflictDoUpdate({ target: userProfiles.userId, set: { updatedAt: sql`${userProfiles.updatedAt}` } })
      .returning(),
    // The question's answers so far (stable: the question row is locked), for its quality score.
    tx
      .select({
        answered: sql<number>`count(*)::int`,
        correct: sql<number>`(count(*) FILTER (WHERE ${userAttempts.isCorrect}))::int`,
        timeSum: sql<number>`coalesce(sum(${userAttempts.timeTakenSeconds}), 0)::float8`,
        calibrationSum: sql<number>`coalesce(sum(${calibrationSql}), 0)::float8`,
      })
      .from(userAttempts)
      .where(eq(userAttempts.questionId, question.id)),
  ]);
  if (prior) {
    if (prior.questionId !== question.id) throw new AppError("conflict", idemMessage);
    return { attemptId: prior.id };
  }

  const minGapMs = env.ANSWER_MIN_INTERVAL_SECONDS * 1000;
  if (card!.lastAnsweredAt) {
    const since = at.getTime() - card!.lastAnsweredAt.getTime();
    if (since >= 0 && since < minGapMs) {
      const wait = Math.max(1, Math.ceil((minGapMs - since) / 1000));
      throw new AppError("too_fast", `You answered this question a moment ago. Wait ${wait} s before answering it again.`, {
        retryAfterSeconds: wait,
      });
    }
  }

  const isCorrect = input.selectedIndex === question.correctIndex;
  const timeTaken = clampTimeTaken(input.timeTakenSeconds);
  const plan = planAnswer({
    at,
    timeZone: profile!.timezone,
    difficulty: question.difficulty,
    isCorrect,
    confidence: input.confidence,
    card: { easiness: card!.easiness, intervalDays: card!.intervalDays, repetitions: card!.repetitions },
    profile: profile!,
    sm2: sm2Params(env),
    baseXp: env.XP_BASE,
  });
  const stats = {
    timesAnswered: agg!.answered + 1,
    timesCorrect: agg!.correct + (isCorrect ? 1 : 0),
    timesFlagged: question.timesFlagged,
    meanTimeSeconds: (Number(agg!.timeSum) + timeTaken) / (agg!.answered + 1),
    meanCalibration: (Number(agg!.calibrationSum) + attemptCalibration(isCorrect, input.confidence)) / (agg!.answered + 1),
  };
  const retired = question.retired || shouldRetire(stats, retirementRule());

  const written = await tx.execute<{ id: string }>(sql`
    WITH attempt AS (
      INSERT INTO ${userAttempts} (user_id, question_id, selected_index, is_correct, confidence, time_taken_seconds, grade,
        xp_earned, easiness_after, interval_after, repetitions_after, next_review_date, review_status_after, answered_at,
        idempotency_key)
      VALUES (${userId}, ${question.id}, ${input.selectedIndex}, ${isCorrect}, ${input.confidence}, ${timeTaken}, ${plan.grade},
        ${plan.xpEarned}, ${plan.card.easiness}, ${plan.card.intervalDays}, ${plan.card.repetitions}, ${plan.card.nextReviewDate},
        ${plan.card.status}, ${at.toISOString()}, ${input.idempotencyKey})
      RETURNING id
    ), card AS (
      UPDATE ${reviewSchedules} SET easiness = ${plan.card.easiness}, interval_days = ${plan.card.intervalDays},
        repetitions = ${plan.card.repetitions}, next_review_date = ${plan.card.nextReviewDate},
        review_status = ${plan.card.status}, last_attempt_id = (SELECT id FROM attempt),
        last_answered_at = ${at.toISOString()}, updated_at = ${at.toISOString()}
      WHERE user_id = ${userId} AND question_id = ${question.id}
    ), profile AS (
      UPDATE ${userProfiles} SET xp = ${plan.profile.xp}, level = ${plan.profile.level}, streak = ${plan.profile.streak},
        best_streak = ${plan.profile.bestStreak}, last_activity_date = ${plan.profile.lastActivityDate},
        total_questions_answered = total_questions_answered + 1,
        total_correct_answers = total_correct_answers + ${isCorrect ? 1 : 0}, updated_at = ${at.toISOString()}
      WHERE user_id = ${userId}
    ), question AS (
      UPDATE ${questions} SET times_answered = ${stats.timesAnswered}, times_correct = ${stats.timesCorrect},
        quality_score = ${qualityScore(stats)}, retired = ${retired}
      WHERE id = ${question.id}
    )
    SELECT id FROM attempt`);
  // postgres-js returns the rows, PGlite a { rows } result.
  const rows = Array.isArray(written) ? (written as { id: string }[]) : (written as unknown as { rows: { id: string }[] }).rows;
  const attemptId = rows[0]!.id;

  return {
    outcome: {
      attemptId,
      questionId: question.id,
      replayed: false,
      isCorrect,
      selectedIndex: input.selectedIndex,
      correctIndex: question.correctIndex,
      confidence: input.confidence,
      grade: plan.grade,
      xpEarned: plan.xpEarned,
      intervalDays: plan.card.intervalDays,
      nextReviewDate: plan.card.nextReviewDate,
      reviewStatus: plan.card.status,
      options: question.options,
      explanation: question.explanation,
      optionExplanations: question.optionExplanations,
      citation: {
        quote: question.sourceQuote,
        materialId: question.materialId,
        materialTitle: row.materialTitle,
        heading: row.heading,
        pageStart: row.pageStart,
        pageEnd: row.pageEnd,
      },
      profile: { xp: plan.profile.xp, level: plan.profile.level, streak: plan.profile.streak, bestStreak: plan.profile.bestStreak },
    },
  };
}

/** attemptCalibration() in SQL: correct -> (c-1)/4, wrong -> (5-c)/4. */
const calibrationSql = sql`CASE WHEN ${userAttempts.isCorrect} THEN (${userAttempts.confidence} - 1) / 4.0 ELSE (5 - ${userAttempts.confidence}) / 4.0 END`;

/**
 * Recounts a question's answers from the log (its own index; a question belongs to one student, so
 * this is a handful of rows) and recomputes its quality score and retirement. The bank's flag
 * action calls it too, so both paths apply the same rule.
 */
export async function refreshQuestionStats(tx: Tx, questionId: string, timesFlagged: number, retired: boolean) {
  const [agg] = await tx
    .select({
      answered: sql<number>`count(*)::int`,
      correct: sql<number>`count(*) FILTER (WHERE ${userAttempts.isCorrect})::int`,
      meanTime: sql<number>`coalesce(avg(${userAttempts.timeTakenSeconds}), 0)::float8`,
      meanCalibration: sql<number>`coalesce(avg(${calibrationSql}), 0)::float8`,
    })
    .from(userAttempts)
    .where(eq(userAttempts.questionId, questionId));
  const stats = {
    timesAnswered: agg!.answered,
    timesCorrect: agg!.correct,
    timesFlagged,
    meanTimeSeconds: Number(agg!.meanTime),
    meanCalibration: Number(agg!.meanCalibration),
  };
  await tx
    .update(questions)
    .set({
      timesAnswered: stats.timesAnswered,
      timesCorrect: stats.timesCorrect,
      qualityScore: qualityScore(stats),
      // Retirement is one-way here: un-retiring is a decision for the student, not for new answers.
      retired: retired || shouldRetire(stats, retirementRule()),
    })
    .where(eq(questions.id, questionId));
}

/** The result of an attempt as the card shows it: correctness, every explanation, the cited passage. */
async function loadOutcome(userId: string, attemptId: string, replayed: boolean): Promise<AnswerOutcome> {
  const db = await getDb();
  const [row] = await db
    .select({ a: userAttempts, q: questions, p: userProfiles })
    .from(userAttempts)
    .innerJoin(questions, eq(questions.id, userAttempts.questionId))
    .innerJoin(userProfiles, eq(userProfiles.userId, userAttempts.userId))
    .where(and(eq(userAttempts.id, attemptId), eq(userAttempts.userId, userId)));
  if (!row) throw notFound("That answer");
  const { a, q, p } = row;
  return {
    attemptId: a.id,
    questionId: q.id,
    replayed,
    isCorrect: a.isCorrect,
    selectedIndex: a.selectedIndex,
    correctIndex: q.correctIndex,
    confidence: a.confidence,
    grade: a.grade,
    xpEarned: a.xpEarned,
    intervalDays: a.intervalAfter,
    nextReviewDate: a.nextReviewDate,
    reviewStatus: a.reviewStatusAfter,
    options: q.options,
    explanation: q.explanation,
    optionExplanations: q.optionExplanations,
    citation: await loadCitation(userId, q.materialId, q.sourceChunkIds[0] ?? null, q.sourceQuote),
    profile: { xp: p.xp, level: p.level, streak: p.streak, bestStreak: p.bestStreak },
  };
}

async function loadCitation(
  userId: string,
  materialId: string | null,
  chunkId: string | null,
  quote: string | null,
): Promise<Citation> {
  const db = await getDb();
  const empty: Citation = { quote, materialId, materialTitle: null, heading: null, pageStart: null, pageEnd: null };
  if (!materialId) return empty;
  const [m] = await db
    .select({ title: materials.title })
    .from(materials)
    .where(and(eq(materials.id, materialId), eq(materials.userId, userId)));
  const [c] = chunkId
    ? await db
        .select({ heading: materialChunks.heading, pageStart: materialChunks.pageStart, pageEnd: materialChunks.pageEnd })
        .from(materialChunks)
        .where(and(eq(materialChunks.id, chunkId), eq(materialChunks.userId, userId)))
    : [];
  return { ...empty, materialTitle: m?.title ?? null, heading: c?.heading ?? null, pageStart: c?.pageStart ?? null, pageEnd: c?.pageEnd ?? null };
}
