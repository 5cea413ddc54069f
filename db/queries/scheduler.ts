/**
 * Changing a student's scheduler settings: one transaction that locks the profile row, reads the
 * attempt log and the schedule rows, has `plan` (lib/srs/reschedule.ts, handed in by the service)
 * replay every question under the new settings, rewrites the schedule rows in one statement, and
 * stores the settings with `scheduler_version + 1`.
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

/** One attempt as a replay reads it. */
export type LoggedAttempt = { questionId: string; answeredAt: Date; isCorrect: boolean; confidence: number };

/** A schedule row as the switch reads it. */
export type StoredSchedule = {
  questionId: string;
  easiness: number;
  intervalDays: number;
  repetitions: number;
  status: ReviewStatus;
  nextReviewDate: string | null;
  lastAnsweredAt: Date | null;
  fsrsLastReview: string | null;
};

/** What the switch reads under the profile lock, for `plan`. */
export type RescheduleInput = {
  timezone: string;
  /** The weights in effect after the change (fitted ones, or the stored ones). */
  fsrsWeights: number[] | null;
  attempts: LoggedAttempt[];
  schedules: StoredSchedule[];
};

/** A schedule row to rewrite (snake_case: the statement reads it as JSON). */
export type ScheduleRewrite = {
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

/**
 * Applies a scheduler change; null when the student has no profile. `plan` turns what was read
 * into the rows to write (pure; lib/srs/reschedule.ts).
 */
export async function applySchedulerChange(
  userId: string,
  change: SchedulerChange,
  plan: (input: RescheduleInput) => { rows: ScheduleRewrite[]; replayed: number; converted: number },
): Promise<SchedulerChangeResult | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ timezone: userProfiles.timezone, fsrsWeights: userProfiles.fsrsWeights, version: userProfiles.schedulerVersion })
      .from(userProfiles)
      .where(eq(userProfiles.userId, userId))
      .for("update");
    if (!profile) return null;
    const attempts = await tx
      .select(attemptLogColumns)
      .from(userAttempts)
      .where(eq(userAttempts.userId, userId))
      .orderBy(asc(userAttempts.questionId), asc(userAttempts.answeredAt));
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
    const { rows, replayed, converted } = plan({
      timezone: profile.timezone,
      fsrsWeights: change.fitted ? change.fitted.weights : profile.fsrsWeights,
      attempts,
      schedules,
    });

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
export async function attemptLog(userId: string): Promise<LoggedAttempt[]> {
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
