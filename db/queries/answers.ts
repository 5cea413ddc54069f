/**
 * Recording an answer in two round trips and no explicit transaction: one statement reads
 * everything the answer depends on, the SM-2/XP/streak plan is computed in lib/srs, and one
 * statement writes the attempt, schedule, profile and question together (a single statement is
 * atomic). Two round trips instead of seven (BEGIN, lock, reads, write, COMMIT) because answering
 * is the hottest write path: every round trip costs a socket write and a wake-up of the server.
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
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { type Forecast, clampTimeTaken, planAnswer } from "@/lib/srs/answer";
import { retirementRule, sm2Params } from "@/lib/srs/config";
import { capForExam } from "@/lib/srs/exam";
import { storedFsrs } from "@/lib/srs/fsrs";
import { scheduleCardColumns } from "./scheduler";
import { daysBetween } from "@/lib/srs/sm2";
import { localDate } from "@/lib/srs/streak";
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
  /** A second answer to this question today: recorded, no XP, schedule unchanged (lib/srs/answer.ts). */
  practice: boolean;
  isCorrect: boolean;
  selectedIndex: number;
  correctIndex: number;
  confidence: number;
  grade: number;
  xpEarned: number;
  /** The interval the student's scheduler chose (days from the answer's local date). */
  intervalDays: number;
  nextReviewDate: string;
  reviewStatus: ReviewStatus;
  /** Predicted recall before the answer and each scheduler's interval; null on a replayed submit. */
  forecast: Forecast | null;
  options: string[];
  explanation: string;
  optionExplanations: string[];
  citation: Citation;
  profile: { xp: number; level: number; streak: number; bestStreak: number };
};

const idemMessage = "That submission was already used for a different question. Reload the page and answer again.";
/** Reads-then-writes before giving up; each retry means another answer landed in between. */
const MAX_TRIES = 16;

/** Records one answer (or returns the earlier result for a repeated idempotency key). */
export async function recordAnswer(userId: string, input: AnswerInput, at: Date): Promise<AnswerOutcome> {
  try {
    for (let i = 0; i < MAX_TRIES; i++) {
      const out = await tryAnswer(userId, input, at);
      if (out === "retry") continue;
      return "outcome" in out ? out.outcome : loadOutcome(userId, out.attemptId, true);
    }
    throw new AppError("conflict", "Too many answers arrived at once. Please submit this one again.");
  } catch (e) {
    // Same key, different question, racing: the unique index let one through; answer like a replay.
    if (!isUniqueViolation(e)) throw e;
    const db = await getDb();
    const [prior] = await db
      .select({ id: userAttempts.id, questionId: userAttempts.questionId })
      .from(userAttempts)
      .where(and(eq(userAttempts.userId, userId), eq(userAttempts.idempotencyKey, input.idempotencyKey)));
    if (!prior) throw e;
    if (prior.questionId !== input.questionId) throw new AppError("conflict", idemMessage);
    return loadOutcome(userId, prior.id, true);
  }
}

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

type ReadRow = Awaited<ReturnType<ReturnType<typeof buildReadStatement>["execute"]>>[number];

const readStatements = new WeakMap<Db, ReturnType<typeof buildReadStatement>>();

async function readAnswerState(userId: string, input: AnswerInput): Promise<ReadRow | undefined> {
  const db = await getDb();
  let read = readStatements.get(db);
  if (!read) readStatements.set(db, (read = buildReadStatement(db)));
  const [row] = await read.execute({ userId, questionId: input.questionId, idempotencyKey: input.idempotencyKey });
  return row;
}

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
type AnswerExecutor = {
  read: (userId: string, input: AnswerInput) => Promise<ReadRow | undefined>;
  write: (values: WriteValues) => Promise<{ id: string }[]>;
  ensureProfile: (userId: string) => Promise<void>;
};

const databaseExecutor: AnswerExecutor = {
  read: readAnswerState,
  write: writeAnswerStatement,
  ensureProfile: async (userId) => {
    await (await getDb()).insert(userProfiles).values({ userId }).onConflictDoNothing();
  },
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
    ensureProfile: async (userId) => {
      await tx.insert(userProfiles).values({ userId }).onConflictDoNothing();
    },
  };
}

/** One read-plan-write attempt (exported for the bulk path, which runs it inside a transaction). */
export async function tryAnswer(
  userId: string,
  input: AnswerInput,
  at: Date,
  exec: AnswerExecutor = databaseExecutor,
): Promise<{ outcome: AnswerOutcome } | { attemptId: string } | "retry"> {
  const env = getEnv();
  const row = await exec.read(userId, input);
  if (!row) throw notFound("That question");
  const question = row.q;
  if (input.selectedIndex >= question.options.length)
    throw new AppError("validation", `Choose one of the ${question.options.length} options.`);
  if (row.priorId) {
    if (row.priorQuestionId !== question.id) throw new AppError("conflict", idemMessage);
    return { attemptId: row.priorId };
  }
  const profile = row.profile;
  if (!profile) {
    // Profiles are made at sign-up; one made before that existed gets its row now.
    await exec.ensureProfile(userId);
    return "retry";
  }
  const stored = row.card;
  const card = stored
    ? {
        ...stored,
        fsrs: storedFsrs(stored),
      }
    : {
        easiness: env.SM2_INITIAL_EASINESS,
        intervalDays: 0,
        repetitions: 0,
        lastAnsweredAt: null,
        status: "new" as const,
        nextReviewDate: null,
        fsrs: null,
      };

  const minGapMs = env.ANSWER_MIN_INTERVAL_SECONDS * 1000;
  if (card.lastAnsweredAt) {
    // Either way round: a request whose clock reading came just before the answer that beat it to
    // the lock is a re-answer within the gap too.
    const since = Math.abs(at.getTime() - card.lastAnsweredAt.getTime());
    if (since < minGapMs) {
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
    timeZone: profile.timezone,
    difficulty: question.difficulty,
    isCorrect,
    confidence: input.confidence,
    card,
    profile,
    sm2: sm2Params(env),
    scheduler: profile.scheduler,
    fsrs: { desiredRetention: profile.desiredRetention, maximumInterval: profile.maximumInterval, weights: profile.fsrsWeights },
    baseXp: env.XP_BASE,
  });
  // The exam cap (lib/srs/exam.ts), on top of the scheduler: only the date moves.
  const nextReviewDate = plan.practice
    ? plan.card.nextReviewDate
    : capForExam({ today: plan.today, due: plan.card.nextReviewDate, examDate: profile.examDate, questionId: question.id });
  const stats = {
    timesAnswered: row.answered + 1,
    timesCorrect: row.correct + (isCorrect ? 1 : 0),
    timesFlagged: question.timesFlagged,
    meanTimeSeconds: (Number(row.timeSum) + timeTaken) / (row.answered + 1),
    meanCalibration: (Number(row.calibrationSum) + attemptCalibration(isCorrect, input.confidence)) / (row.answered + 1),
  };
  const retire = shouldRetire(stats, retirementRule());
  const [written] = await exec.write({
    userId,
    questionId: question.id,
    timesAnswered: question.timesAnswered,
    timesFlagged: question.timesFlagged,
    totalAnswered: profile.totalQuestionsAnswered,
    xp: profile.xp,
    timezone: profile.timezone,
    schedulerVersion: profile.schedulerVersion,
    scheduler: profile.scheduler,
    selectedIndex: input.selectedIndex,
    isCorrect,
    confidence: input.confidence,
    timeTaken,
    grade: plan.grade,
    xpEarned: plan.xpEarned,
    easiness: plan.card.easiness,
    intervalDays: plan.card.intervalDays,
    repetitions: plan.card.repetitions,
    nextReviewDate,
    status: plan.card.status,
    fsrsStability: plan.fsrs.stability,
    fsrsDifficulty: plan.fsrs.difficulty,
    fsrsState: plan.fsrs.state,
    fsrsLastReview: plan.fsrs.lastReview,
    fsrsDue: plan.fsrs.due,
    at: at.toISOString(),
    idempotencyKey: input.idempotencyKey,
    newXp: plan.profile.xp,
    level: plan.profile.level,
    streak: plan.profile.streak,
    bestStreak: plan.profile.bestStreak,
    lastActivityDate: plan.profile.lastActivityDate,
    correctIncrement: isCorrect ? 1 : 0,
    newTimesAnswered: stats.timesAnswered,
    newTimesCorrect: stats.timesCorrect,
    qualityScore: qualityScore(stats),
    retire,
  });
  const attemptId = written?.id;
  if (!attemptId) return "retry";

  return {
    outcome: {
      attemptId,
      questionId: question.id,
      replayed: false,
      practice: plan.practice,
      isCorrect,
      selectedIndex: input.selectedIndex,
      correctIndex: question.correctIndex,
      confidence: input.confidence,
      grade: plan.grade,
      xpEarned: plan.xpEarned,
      intervalDays: nextReviewDate === plan.card.nextReviewDate ? plan.activeIntervalDays : daysBetween(plan.today, nextReviewDate),
      nextReviewDate,
      reviewStatus: plan.card.status,
      forecast: plan.forecast,
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
export async function loadOutcome(userId: string, attemptId: string, replayed: boolean): Promise<AnswerOutcome> {
  const db = await getDb();
  const [row] = await db
    .select({
      a: userAttempts,
      q: questions,
      p: userProfiles,
      // An earlier answer to the same question on the same local day made this one practice.
      practice: sql<boolean>`EXISTS (SELECT 1 FROM ${userAttempts} AS earlier WHERE earlier.user_id = ${userAttempts.userId}
        AND earlier.question_id = ${userAttempts.questionId} AND earlier.answered_at < ${userAttempts.answeredAt}
        AND (earlier.answered_at AT TIME ZONE ${userProfiles.timezone})::date = (${userAttempts.answeredAt} AT TIME ZONE ${userProfiles.timezone})::date)`,
    })
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
    practice: Boolean(row.practice),
    isCorrect: a.isCorrect,
    selectedIndex: a.selectedIndex,
    correctIndex: q.correctIndex,
    confidence: a.confidence,
    grade: a.grade,
    xpEarned: a.xpEarned,
    // interval_after is SM-2's; under FSRS the interval is the distance to the date it set.
    intervalDays: a.scheduler === "fsrs" ? daysBetween(localDate(a.answeredAt, p.timezone), a.nextReviewDate) : a.intervalAfter,
    nextReviewDate: a.nextReviewDate,
    reviewStatus: a.reviewStatusAfter,
    forecast: null,
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
