/**
 * Changing a student's scheduler settings: one transaction that locks the profile row, replays
 * every question's attempt log (lib/srs/replay.ts) under the new settings, rewrites the schedule
 * rows in one statement, and stores the settings with `scheduler_version + 1`.
 *
 * Concurrency: the answer write (answers.ts) locks the question and then this same profile row and
 * proceeds only if `scheduler_version` is still what it read. So an answer either committed before
 * the lock here (and the log read below, a new snapshot under READ COMMITTED, includes it) or waits
 * for this commit, finds the version changed, writes nothing and reads again. No attempt is lost
 * and no answer writes a schedule computed under the old settings. The switch takes no question
 * locks, so it cannot deadlock with an answer (which locks question, then profile).
 *
 * Idempotent: the rewrite is a function of the log and the settings only; running it twice gives
 * the same rows (the version still moves, which only makes concurrent readers re-read).
 */
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { reviewSchedules, userAttempts, userProfiles } from "@/db/schema";
import type { SchedulerName } from "@/db/schema/profiles";
import type { ReviewStatus } from "@/db/schema/srs";
import { notFound } from "@/lib/errors";
import { sm2Params } from "@/lib/srs/config";
import { type FsrsSettings, fsrsFromSm2 } from "@/lib/srs/fsrs";
import { type LoggedAnswer, replayQuestion, statusFor } from "@/lib/srs/replay";
import { addDays } from "@/lib/srs/sm2";
import { localDate } from "@/lib/srs/streak";

/** A schedule row's SM-2 and FSRS state, as the answer path and the scheduler read it. */
export const scheduleCardColumns = {
  easiness: reviewSchedules.easiness,
  intervalDays: reviewSchedules.intervalDays,
  repetitions: reviewSchedules.repetitions,
  lastAnsweredAt: reviewSchedules.lastAnsweredAt,
  status: reviewSchedules.reviewStatus,
  nextReviewDate: reviewSchedules.nextReviewDate,
  fsrsStability: reviewSchedules.fsrsStability,
  fsrsDifficulty: reviewSchedules.fsrsDifficulty,
  fsrsState: reviewSchedules.fsrsState,
  fsrsLastReview: reviewSchedules.fsrsLastReview,
  fsrsDue: reviewSchedules.fsrsDue,
};

/** One attempt as a replay reads it. */
const attemptLogColumns = {
  questionId: userAttempts.questionId,
  answeredAt: userAttempts.answeredAt,
  isCorrect: userAttempts.isCorrect,
  confidence: userAttempts.confidence,
};

export type SchedulerChange = {
  scheduler: SchedulerName;
  desiredRetention: number;
  maximumInterval: number;
  /** New fitted parameters (with the review count they rest on); undefined keeps the stored ones. */
  fitted?: { weights: number[] | null; reviews: number | null };
};

export type SchedulerChangeResult = { replayed: number; converted: number; version: number };

type Row = {
  question_id: string;
  easiness: number;
  interval_days: number;
  repetitions: number;
  next_review_date: string;
  review_status: ReviewStatus;
  fsrs_stability: number;
  fsrs_difficulty: number;
  fsrs_state: number;
  fsrs_last_review: string;
  fsrs_due: string;
};

export async function applySchedulerChange(userId: string, change: SchedulerChange): Promise<SchedulerChangeResult> {
  const db = await getDb();
  const p = sm2Params();
  return db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ timezone: userProfiles.timezone, fsrsWeights: userProfiles.fsrsWeights, version: userProfiles.schedulerVersion })
      .from(userProfiles)
      .where(eq(userProfiles.userId, userId))
      .for("update");
    if (!profile) throw notFound("Your profile");
    const fsrs: FsrsSettings = {
      desiredRetention: change.desiredRetention,
      maximumInterval: change.maximumInterval,
      weights: change.fitted ? change.fitted.weights : profile.fsrsWeights,
    };
    const attempts = await tx
      .select(attemptLogColumns)
      .from(userAttempts)
      .where(eq(userAttempts.userId, userId))
      .orderBy(asc(userAttempts.questionId), asc(userAttempts.answeredAt));
    const logs = new Map<string, LoggedAnswer[]>();
    for (const a of attempts) {
      const log = logs.get(a.questionId);
      if (log) log.push(a);
      else logs.set(a.questionId, [a]);
    }
    const schedules = await tx
      .select({
        questionId: reviewSchedules.questionId,
        easiness: reviewSchedules.easiness,
        intervalDays: reviewSchedules.intervalDays,
        repetitions: reviewSchedules.repetitions,
        status: reviewSchedules.reviewStatus,
        nextReviewDate: reviewSchedules.nextReviewDate,
        lastAnsweredAt: reviewSchedules.lastAnsweredAt,
        fsrsLastReview: reviewSchedules.fsrsLastReview,
      })
      .from(reviewSchedules)
      .where(eq(reviewSchedules.userId, userId));

    const onFsrs = change.scheduler === "fsrs";
    const rows: Row[] = [];
    let replayed = 0;
    let converted = 0;
    for (const s of schedules) {
      const log = logs.get(s.questionId);
      const r = log ? replayQuestion(log, profile.timezone, p, fsrs) : null;
      if (r) {
        replayed++;
        const active = onFsrs ? r.fsrs : { intervalDays: r.sm2.intervalDays, due: r.sm2.due };
        rows.push({
          question_id: s.questionId,
          easiness: r.sm2.easiness,
          interval_days: r.sm2.intervalDays,
          repetitions: r.sm2.repetitions,
          next_review_date: active.due,
          review_status: statusFor(r.sm2, active.intervalDays, p),
          fsrs_stability: r.fsrs.memory.stability,
          fsrs_difficulty: r.fsrs.memory.difficulty,
          fsrs_state: r.fsrs.memory.state,
          fsrs_last_review: r.fsrs.memory.lastReview,
          fsrs_due: r.fsrs.due,
        });
      } else if (s.status !== "new" && s.nextReviewDate) {
        // No usable log (rows made by an import or a seed): the SM-2 state stands, FSRS's comes from
        // it (Anki's conversion). The last review is the one recorded, else SM-2's date minus its interval.
        converted++;
        const lastReview =
          s.fsrsLastReview ??
          (s.lastAnsweredAt ? localDate(s.lastAnsweredAt, profile.timezone) : addDays(s.nextReviewDate, -s.intervalDays));
        const conv = fsrsFromSm2(s.easiness, Math.max(1, s.intervalDays), lastReview, fsrs);
        const sm2Due = addDays(lastReview, s.intervalDays);
        rows.push({
          question_id: s.questionId,
          easiness: s.easiness,
          interval_days: s.intervalDays,
          repetitions: s.repetitions,
          next_review_date: onFsrs ? conv.due : sm2Due,
          review_status: s.status === "learning" ? "learning" : statusFor({ lapsed: false, repetitions: s.repetitions }, onFsrs ? conv.intervalDays : s.intervalDays, p),
          fsrs_stability: conv.memory.stability,
          fsrs_difficulty: conv.memory.difficulty,
          fsrs_state: conv.memory.state,
          fsrs_last_review: conv.memory.lastReview,
          fsrs_due: conv.due,
        });
      }
    }

    if (rows.length) {
      await tx.execute(sql`
        UPDATE ${reviewSchedules} AS rs SET easiness = v.easiness, interval_days = v.interval_days,
          repetitions = v.repetitions, next_review_date = v.next_review_date, review_status = v.review_status,
          fsrs_stability = v.fsrs_stability, fsrs_difficulty = v.fsrs_difficulty, fsrs_state = v.fsrs_state,
          fsrs_last_review = v.fsrs_last_review, fsrs_due = v.fsrs_due, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(question_id uuid, easiness real, interval_days int,
          repetitions int, next_review_date date, review_status text, fsrs_stability float8, fsrs_difficulty float8,
          fsrs_state smallint, fsrs_last_review date, fsrs_due date)
        WHERE rs.user_id = ${userId} AND rs.question_id = v.question_id`);
    }
    const [updated] = await tx
      .update(userProfiles)
      .set({
        scheduler: change.scheduler,
        desiredRetention: change.desiredRetention,
        maximumInterval: change.maximumInterval,
        ...(change.fitted ? { fsrsWeights: change.fitted.weights, fsrsWeightsReviews: change.fitted.reviews } : {}),
        schedulerVersion: sql`${userProfiles.schedulerVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(userProfiles.userId, userId))
      .returning({ version: userProfiles.schedulerVersion });
    return { replayed, converted, version: updated!.version };
  });
}

export type SchedulerProfile = {
  scheduler: SchedulerName;
  desiredRetention: number;
  maximumInterval: number;
  fsrsWeights: number[] | null;
  fsrsWeightsReviews: number | null;
  timezone: string;
};

export async function schedulerProfile(userId: string): Promise<SchedulerProfile | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      scheduler: userProfiles.scheduler,
      desiredRetention: userProfiles.desiredRetention,
      maximumInterval: userProfiles.maximumInterval,
      fsrsWeights: userProfiles.fsrsWeights,
      fsrsWeightsReviews: userProfiles.fsrsWeightsReviews,
      timezone: userProfiles.timezone,
    })
    .from(userProfiles)
    .where(eq(userProfiles.userId, userId));
  return row ?? null;
}

/** The student's whole attempt log, oldest first (analytics and the optimizer replay it). */
export async function attemptLog(userId: string): Promise<(LoggedAnswer & { questionId: string })[]> {
  const db = await getDb();
  return db
    .select(attemptLogColumns)
    .from(userAttempts)
    .where(eq(userAttempts.userId, userId))
    .orderBy(asc(userAttempts.answeredAt));
}

/** One question's schedule row as the answer path reads it, with the student's scheduler settings. */
export async function questionScheduleState(userId: string, questionId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      card: scheduleCardColumns,
      profile: {
        scheduler: userProfiles.scheduler,
        desiredRetention: userProfiles.desiredRetention,
        maximumInterval: userProfiles.maximumInterval,
        fsrsWeights: userProfiles.fsrsWeights,
        timezone: userProfiles.timezone,
      },
    })
    .from(userProfiles)
    .leftJoin(reviewSchedules, and(eq(reviewSchedules.userId, userId), eq(reviewSchedules.questionId, questionId)))
    .where(eq(userProfiles.userId, userId));
  return row ?? null;
}
