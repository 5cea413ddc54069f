/**
 * The two statements an answer is recorded with, and the retry loop around them. No explicit
 * transaction: one statement reads everything the answer depends on, the use-case
 * (lib/srs/decide.ts, a pure function handed in by lib/srs/service.ts) decides what to write, and
 * one statement writes the attempt, schedule, profile and question together (a single statement is
 * atomic). Two round trips instead of seven (BEGIN, lock, reads, write, COMMIT) because answering
 * is the hottest write path: every round trip costs a socket write and a wake-up of the server.
 * This module knows no answer rule: it reads, runs `decide`, writes what it is given.
 *
 * Concurrency (optimistic, checked under row locks): the write statement first locks the question
 * and then the profile row (FOR UPDATE, always in that order, so no deadlock) and goes on only if
 * they are still as read: the question's answer and flag counts, the profile's answer count, XP and
 * time zone. Every answer bumps both counts, so
 * - two tabs answering the same question: the second write finds the question changed, writes
 *   nothing, and reads again, so it sees the first's schedule (and is refused as too fast, or, with
 *   the same idempotency key, gets the first's result);
 * - two questions answered at once: the profile check makes the later one re-read, so XP and streak
 *   never lose an update;
 * - a repeated idempotency key finds the first attempt on the read, and the unique index
 *   (user_id, idempotency_key) backs it when both race;
 * - a scheduler switch (lib/srs/scheduler-service.ts) rewrites the student's schedule under the
 *   profile lock and bumps `scheduler_version`: an answer read before it finds the version changed,
 *   writes nothing, and reads again, so it is scheduled by the new settings on the new state.
 */
import "server-only";
import { type Query, and, eq, sql } from "drizzle-orm";
import { type PgSession, PgDialect, alias } from "drizzle-orm/pg-core";
import { type Db, type Queryable, type Tx, getDb, preparedStatement } from "@/db";
import { materialChunks, materials, questions, reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { scheduleCardColumns } from "./scheduler";
import { isUniqueViolation } from "./errors";
import { ensureProfile } from "./users";
import type { ReviewStatus } from "@/db/schema/srs";

/** What identifies one answer: the question and the submit's idempotency key. */
export type AnswerKey = { questionId: string; idempotencyKey: string };

const ph = sql.placeholder;

/**
 * Everything an answer depends on, in one statement (the question must be the student's). Built
 * once per database handle; named, so postgres-js keeps it prepared per connection.
 */
function buildReadStatement(db: Db) {
  return readQuery(db, { userId: ph("userId"), questionId: ph("questionId"), idempotencyKey: ph("idempotencyKey") }).prepare("answer_read");
}

type ReadArgs<T> = { userId: T; questionId: T; idempotencyKey: T };

/** The read, over the database (prepared, with placeholders) or inside a transaction (values). */
function readQuery(db: Queryable, args: ReadArgs<ReturnType<typeof ph>> | ReadArgs<string>) {
  const userId = args.userId;
  // An earlier attempt with this idempotency key (a repeated submit), through the unique index.
  const prior = alias(userAttempts, "prior");
  // The question's answers so far, for its quality score (the write checks none arrived since).
  const agg = db
    .select({
      answered: sql<number>`count(*)::int`.as("answered"),
      correct: sql<number>`(count(*) FILTER (WHERE ${userAttempts.isCorrect}))::int`.as("correct"),
      timeSum: sql<number>`coalesce(sum(${userAttempts.timeTakenSeconds}), 0)::float8`.as("time_sum"),
      calibrationSum: sql<number>`coalesce(sum(${calibrationSql}), 0)::float8`.as("calibration_sum"),
    })
    .from(userAttempts)
    .where(eq(userAttempts.questionId, questions.id))
    .as("agg");
  return db
    .select({
      // Only what the answer needs: not the tsvector, the vignette or the generation metadata.
      q: {
        id: questions.id,
        difficulty: questions.difficulty,
        options: questions.options,
        correctIndex: questions.correctIndex,
        explanation: questions.explanation,
        optionExplanations: questions.optionExplanations,
        sourceQuote: questions.sourceQuote,
        materialId: questions.materialId,
        timesAnswered: questions.timesAnswered,
        timesFlagged: questions.timesFlagged,
      },
      materialTitle: materials.title,
      heading: materialChunks.heading,
      pageStart: materialChunks.pageStart,
      pageEnd: materialChunks.pageEnd,
      card: scheduleCardColumns,
      profile: {
        xp: userProfiles.xp,
        streak: userProfiles.streak,
        bestStreak: userProfiles.bestStreak,
        lastActivityDate: userProfiles.lastActivityDate,
        totalQuestionsAnswered: userProfiles.totalQuestionsAnswered,
        timezone: userProfiles.timezone,
        scheduler: userProfiles.scheduler,
        desiredRetention: userProfiles.desiredRetention,
        maximumInterval: userProfiles.maximumInterval,
        fsrsWeights: userProfiles.fsrsWeights,
        schedulerVersion: userProfiles.schedulerVersion,
        examDate: userProfiles.examDate,
      },
      priorId: prior.id,
      priorQuestionId: prior.questionId,
      answered: agg.answered,
      correct: agg.correct,
      timeSum: agg.timeSum,
      calibrationSum: agg.calibrationSum,
    })
    .from(questions)
    .leftJoin(materials, and(eq(materials.id, questions.materialId), eq(materials.userId, userId)))
    .leftJoin(
      materialChunks,
      and(eq(materialChunks.id, sql`${questions.sourceChunkIds}[1]`), eq(materialChunks.userId, userId)),
    )
    .leftJoin(reviewSchedules, and(eq(reviewSchedules.userId, userId), eq(reviewSchedules.questionId, questions.id)))
    .leftJoin(userProfiles, eq(userProfiles.userId, userId))
    .leftJoin(prior, and(eq(prior.userId, userId), eq(prior.idempotencyKey, args.idempotencyKey)))
    .leftJoinLateral(agg, sql`true`)
    .where(and(eq(questions.id, args.questionId), eq(questions.userId, userId)));
}

/** Everything one answer depends on, as read (the question's, the card's, the profile's, any prior attempt). */
export type AnswerState = ReadRow;
type ReadRow = Awaited<ReturnType<ReturnType<typeof buildReadStatement>["execute"]>>[number];

const readStatements = new WeakMap<Db, ReturnType<typeof buildReadStatement>>();

async function readAnswerState(userId: string, input: AnswerKey): Promise<ReadRow | undefined> {
  const db = await getDb();
  let read = readStatements.get(db);
  if (!read) readStatements.set(db, (read = buildReadStatement(db)));
  const [row] = await read.execute({ userId, questionId: input.questionId, idempotencyKey: input.idempotencyKey });
  return row;
}

/** Every value the write statement stores, and the counts its guard expects unchanged. */
export type AnswerWrite = WriteValues;
type WriteValues = {
  userId: string;
  questionId: string;
  timesAnswered: number;
  timesFlagged: number;
  totalAnswered: number;
  xp: number;
  timezone: string;
  schedulerVersion: number;
  scheduler: "sm2" | "fsrs";
  selectedIndex: number;
  isCorrect: boolean;
  confidence: number;
  timeTaken: number;
  grade: number;
  xpEarned: number;
  easiness: number;
  intervalDays: number;
  repetitions: number;
  nextReviewDate: string;
  status: ReviewStatus;
  fsrsStability: number;
  fsrsDifficulty: number;
  fsrsState: number;
  fsrsLastReview: string;
  fsrsDue: string;
  at: string;
  idempotencyKey: string;
  newXp: number;
  level: number;
  streak: number;
  bestStreak: number;
  lastActivityDate: string | null;
  correctIncrement: number;
  newTimesAnswered: number;
  newTimesCorrect: number;
  qualityScore: number;
  retire: boolean;
};

/**
 * The write: every part is conditioned on `guard`, so if the question or the profile changed
 * since the read, the statement writes nothing and returns no row.
 */
const writeAnswerStatement = preparedStatement<{ id: string }, WriteValues>(() => writeAnswerSql((name) => ph(name)));

function writeAnswerSql(v: (name: keyof WriteValues) => unknown) {
  return sql`
    WITH guard AS (
      SELECT q.id FROM ${questions} q, ${userProfiles} p
      WHERE q.id = ${v("questionId")} AND q.user_id = ${v("userId")}
        AND q.times_answered = ${v("timesAnswered")} AND q.times_flagged = ${v("timesFlagged")}
        AND p.user_id = ${v("userId")} AND p.total_questions_answered = ${v("totalAnswered")}
        AND p.xp = ${v("xp")} AND p.timezone = ${v("timezone")} AND p.scheduler_version = ${v("schedulerVersion")}
      FOR UPDATE OF q, p
    ), attempt AS (
      INSERT INTO ${userAttempts} (user_id, question_id, selected_index, is_correct, confidence, time_taken_seconds, grade,
        xp_earned, easiness_after, interval_after, repetitions_after, next_review_date, review_status_after, answered_at,
        idempotency_key, scheduler)
      SELECT ${v("userId")}, guard.id, ${v("selectedIndex")}, ${v("isCorrect")}, ${v("confidence")}, ${v("timeTaken")},
        ${v("grade")}, ${v("xpEarned")}, ${v("easiness")}, ${v("intervalDays")}, ${v("repetitions")}, ${v("nextReviewDate")},
        ${v("status")}, ${v("at")}, ${v("idempotencyKey")}, ${v("scheduler")}
      FROM guard
      RETURNING id
    ), card AS (
      INSERT INTO ${reviewSchedules} (user_id, question_id, easiness, interval_days, repetitions, next_review_date,
        review_status, fsrs_stability, fsrs_difficulty, fsrs_state, fsrs_last_review, fsrs_due, last_attempt_id,
        last_answered_at, updated_at)
      SELECT ${v("userId")}, guard.id, ${v("easiness")}, ${v("intervalDays")}, ${v("repetitions")}, ${v("nextReviewDate")},
        ${v("status")}, ${v("fsrsStability")}, ${v("fsrsDifficulty")}, ${v("fsrsState")}, ${v("fsrsLastReview")}, ${v("fsrsDue")},
        (SELECT id FROM attempt), ${v("at")}, ${v("at")}
      FROM guard
      ON CONFLICT (user_id, question_id) DO UPDATE SET easiness = excluded.easiness, interval_days = excluded.interval_days,
        repetitions = excluded.repetitions, next_review_date = excluded.next_review_date,
        review_status = excluded.review_status, fsrs_stability = excluded.fsrs_stability,
        fsrs_difficulty = excluded.fsrs_difficulty, fsrs_state = excluded.fsrs_state,
        fsrs_last_review = excluded.fsrs_last_review, fsrs_due = excluded.fsrs_due, last_attempt_id = excluded.last_attempt_id,
        last_answered_at = excluded.last_answered_at, updated_at = excluded.updated_at
    ), profile AS (
      UPDATE ${userProfiles} SET xp = ${v("newXp")}, level = ${v("level")}, streak = ${v("streak")},
        best_streak = ${v("bestStreak")}, last_activity_date = ${v("lastActivityDate")},
        total_questions_answered = total_questions_answered + 1,
        total_correct_answers = total_correct_answers + ${v("correctIncrement")}, updated_at = ${v("at")}
      WHERE user_id = ${v("userId")} AND EXISTS (SELECT 1 FROM guard)
    ), question AS (
      UPDATE ${questions} SET times_answered = ${v("newTimesAnswered")}, times_correct = ${v("newTimesCorrect")},
        quality_score = ${v("qualityScore")}, retired = retired OR ${v("retire")}
      WHERE id = ${v("questionId")} AND EXISTS (SELECT 1 FROM guard)
    )
    SELECT id FROM attempt`;
}

/**
 * Where one answer's read and write run: the process database (two prepared statements, no
 * transaction; the single-answer path) or an open transaction (the bulk path).
 */
export type AnswerExecutor = {
  read: (userId: string, input: AnswerKey) => Promise<ReadRow | undefined>;
  write: (values: WriteValues) => Promise<{ id: string }[]>;
  ensureProfile: (userId: string) => Promise<void>;
};

const databaseExecutor: AnswerExecutor = {
  read: readAnswerState,
  write: writeAnswerStatement,
  ensureProfile: (userId) => ensureProfile(userId),
};

/** The write's SQL text with placeholders, built once (the bulk path prepares it per transaction). */
let writeQueryText: Query | undefined;

/**
 * For db/queries/answer-batch.ts: the same read and write, inside its transaction, each as a
 * prepared statement on the transaction's connection (unprepared, every run with parameters costs
 * postgres-js two round trips).
 */
export function transactionExecutor(tx: Tx): AnswerExecutor {
  const read = readQuery(tx, { userId: ph("userId"), questionId: ph("questionId"), idempotencyKey: ph("idempotencyKey") }).prepare("answer_read_tx");
  writeQueryText ??= new PgDialect().sqlToQuery(writeAnswerSql((name) => ph(name)));
  // Drizzle has no public "prepare raw SQL"; its session's prepareQuery is what `.prepare()` uses.
  const session = (tx as unknown as { _: { session: PgSession } })._.session;
  const write = session.prepareQuery(writeQueryText, undefined, "answer_write_tx", false);
  return {
    read: async (userId, input) => {
      const [row] = await read.execute({ userId, questionId: input.questionId, idempotencyKey: input.idempotencyKey });
      return row as ReadRow | undefined;
    },
    write: async (values) => {
      // postgres-js returns the rows (an array); PGlite an object holding them.
      const res = (await write.execute(values)) as unknown;
      return Array.isArray(res) ? (res as { id: string }[]) : ((res as { rows: { id: string }[] }).rows ?? []);
    },
    ensureProfile: (userId) => ensureProfile(userId, tx),
  };
}

/**
 * What the use-case decided after one read: the submit repeats an earlier attempt; the student has
 * no profile row yet (made, then read again); or these values are to be written, and `outcome`
 * builds the result from the new attempt's id.
 */
export type AnswerStep<O> =
  | { kind: "replay"; attemptId: string }
  | { kind: "needs_profile" }
  | { kind: "write"; values: AnswerWrite; outcome: (attemptId: string) => O };

/** An earlier attempt with the submit's idempotency key: its id and question. */
export type PriorAttempt = { attemptId: string; questionId: string };

/**
 * One read-decide-write attempt. `decide` may throw (an expected refusal); "retry" means the guard
 * found the question or the profile changed since the read, so nothing was written; null, that the
 * question is missing (or another student's).
 */
export async function tryAnswer<O>(
  userId: string,
  key: AnswerKey,
  decide: (state: AnswerState) => AnswerStep<O>,
  exec: AnswerExecutor = databaseExecutor,
): Promise<{ outcome: O } | PriorAttempt | "retry" | null> {
  const row = await exec.read(userId, key);
  if (!row) return null;
  const step = decide(row);
  if (step.kind === "replay") return { attemptId: step.attemptId, questionId: key.questionId };
  if (step.kind === "needs_profile") {
    // Profiles are made at sign-up; one made before that existed gets its row now.
    await exec.ensureProfile(userId);
    return "retry";
  }
  const [written] = await exec.write(step.values);
  return written?.id ? { outcome: step.outcome(written.id) } : "retry";
}

/** Reads-then-writes before giving up; each retry means another answer landed in between. */
const MAX_TRIES = 16;

/**
 * Records one answer: read, decide, write, again while the guard misses. A repeated idempotency
 * key comes back as the prior attempt (the caller checks its question and reads its outcome); null
 * when the question is missing.
 */
export async function answerWithRetry<O>(
  userId: string,
  key: AnswerKey,
  decide: (state: AnswerState) => AnswerStep<O>,
): Promise<{ outcome: O } | PriorAttempt | null> {
  try {
    for (let i = 0; i < MAX_TRIES; i++) {
      const out = await tryAnswer(userId, key, decide);
      if (out !== "retry") return out;
    }
    throw new AppError("conflict", "Too many answers arrived at once. Please submit this one again.");
  } catch (e) {
    // Same key racing: the unique index let one through; answer like a replay.
    if (!isUniqueViolation(e)) throw e;
    const prior = await attemptByIdempotencyKey(userId, key.idempotencyKey);
    if (!prior) throw e;
    return prior;
  }
}

/** The student's attempt recorded under this idempotency key, or null. */
export async function attemptByIdempotencyKey(userId: string, idempotencyKey: string): Promise<PriorAttempt | null> {
  const db = await getDb();
  const [prior] = await db
    .select({ attemptId: userAttempts.id, questionId: userAttempts.questionId })
    .from(userAttempts)
    .where(and(eq(userAttempts.userId, userId), eq(userAttempts.idempotencyKey, idempotencyKey)));
  return prior ?? null;
}

/** attemptCalibration() in SQL: correct -> (c-1)/4, wrong -> (5-c)/4. */
export const calibrationSql = sql`CASE WHEN ${userAttempts.isCorrect} THEN (${userAttempts.confidence} - 1) / 4.0 ELSE (5 - ${userAttempts.confidence}) / 4.0 END`;
