/**
 * Gamification state and the student's scheduler settings, one row per user (the design review's
 * `user_profiles`, docs/architecture-review.md "Gamification Integration"). The scheduler settings are validated by lib/srs/settings.ts; the CHECKs repeat
 * the ranges so no other writer can store a value the scheduler would refuse.
 */
import { sql } from "drizzle-orm";
import { check, date, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const SCHEDULERS = ["sm2", "fsrs"] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

export const userProfiles = pgTable(
  "user_profiles",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    xp: integer("xp").notNull().default(0),
    level: integer("level").notNull().default(1),
    streak: integer("streak").notNull().default(0),
    bestStreak: integer("best_streak").notNull().default(0),
    /** The student's local calendar date of their last answer. */
    lastActivityDate: date("last_activity_date", { mode: "string" }),
    totalQuestionsAnswered: integer("total_questions_answered").notNull().default(0),
    totalCorrectAnswers: integer("total_correct_answers").notNull().default(0),
    /** IANA time zone; "today" for reviews and streaks is computed in it. */
    timezone: text("timezone").notNull().default("UTC"),
    /** Which scheduler sets review dates: SM-2 (the default) or FSRS-6. */
    scheduler: text("scheduler", { enum: SCHEDULERS }).notNull().default("sm2"),
    /** FSRS's target probability of recall at the due date (0.70-0.97). */
    desiredRetention: doublePrecision("desired_retention").notNull().default(0.9),
    /** The longest interval FSRS may choose, in days. */
    maximumInterval: integer("maximum_interval").notNull().default(36500),
    /** The student's own FSRS-6 parameters (21) from the optimizer; null means ts-fsrs's defaults. */
    fsrsWeights: doublePrecision("fsrs_weights").array(),
    /** How many reviews the fitted parameters rest on. */
    fsrsWeightsReviews: integer("fsrs_weights_reviews"),
    /**
     * Bumped by every settings change (which rewrites the schedule); an answer read under an older
     * version writes nothing and reads again (db/queries/answers.ts), so no answer lands on a
     * schedule a switch has replaced.
     */
    schedulerVersion: integer("scheduler_version").notNull().default(0),
    /** The student's exam date (local calendar date); null = none set (lib/srs/exam.ts). */
    examDate: date("exam_date", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("user_profiles_xp_idx").on(t.xp.desc()),
    check("user_profiles_xp_nonneg", sql`${t.xp} >= 0`),
    check("user_profiles_level_pos", sql`${t.level} >= 1`),
    check("user_profiles_streak_nonneg", sql`${t.streak} >= 0 AND ${t.bestStreak} >= ${t.streak}`),
    check("user_profiles_scheduler", sql`${t.scheduler} IN ('sm2', 'fsrs')`),
    check("user_profiles_retention", sql`${t.desiredRetention} BETWEEN 0.7 AND 0.97`),
    check("user_profiles_max_interval", sql`${t.maximumInterval} BETWEEN 1 AND 36500`),
    check("user_profiles_fsrs_weights", sql`${t.fsrsWeights} IS NULL OR cardinality(${t.fsrsWeights}) = 21`),
    check(
      "user_profiles_totals",
      sql`${t.totalCorrectAnswers} >= 0 AND ${t.totalCorrectAnswers} <= ${t.totalQuestionsAnswered}`,
    ),
  ],
);
