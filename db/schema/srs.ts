/**
 * The attempt log (append-only) and the current schedule (one row per user and question): SM-2
 * state always, FSRS-6 memory state beside it, and the due date of the student's scheduler.
 *
 * "What is due for this user today" reads `review_schedules` through the partial index
 * `review_schedules_due_idx (user_id, next_review_date) WHERE review_status IN
 * ('learning','reviewing','mastered')`: an index range scan, never a scan of attempts. The design
 * review (docs/architecture-review.md, "Schema Review: User Attempts Table") wrote the predicate as
 * ('learning','reviewing'); mastered cards are included because SM-2 keeps scheduling them (at long
 * intervals), and 'new' rows carry no date.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { questions } from "./questions";

export const REVIEW_STATUSES = ["new", "learning", "reviewing", "mastered"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const userAttempts = pgTable(
  "user_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    selectedIndex: smallint("selected_index").notNull(),
    isCorrect: boolean("is_correct").notNull(),
    confidence: smallint("confidence").notNull(),
    timeTakenSeconds: integer("time_taken_seconds").notNull(),
    /** The SM-2 grade q (0-5) this answer mapped to. */
    grade: smallint("grade").notNull(),
    xpEarned: integer("xp_earned").notNull(),
    // SM-2 state after this attempt, so the schedule can be replayed from the log.
    easinessAfter: real("easiness_after").notNull(),
    intervalAfter: integer("interval_after").notNull(),
    repetitionsAfter: integer("repetitions_after").notNull(),
    nextReviewDate: date("next_review_date", { mode: "string" }).notNull(),
    reviewStatusAfter: text("review_status_after", { enum: REVIEW_STATUSES }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull().defaultNow(),
    /** The scheduler that set `next_review_date` (the SM-2 columns are kept under both). */
    scheduler: text("scheduler", { enum: ["sm2", "fsrs"] }).notNull().default("sm2"),
    /** Client-made; a retried or double-clicked submit records once. */
    idempotencyKey: text("idempotency_key").notNull(),
  },
  (t) => [
    uniqueIndex("user_attempts_idempotency_idx").on(t.userId, t.idempotencyKey),
    // The design review's attempt indexes (docs/architecture-review.md, "Schema Review: User Attempts Table").
    index("user_attempts_user_question_idx").on(t.userId, t.questionId),
    index("user_attempts_recent_idx").on(t.userId, t.answeredAt.desc()),
    index("user_attempts_correctness_idx").on(t.userId, t.isCorrect, t.answeredAt),
    index("user_attempts_question_idx").on(t.questionId),
    check("user_attempts_time_taken", sql`${t.timeTakenSeconds} BETWEEN 1 AND 3600`),
    check("user_attempts_confidence", sql`${t.confidence} BETWEEN 1 AND 5`),
    check("user_attempts_selected", sql`${t.selectedIndex} BETWEEN 0 AND 4`),
    check("user_attempts_grade", sql`${t.grade} BETWEEN 0 AND 5`),
    check("user_attempts_xp", sql`${t.xpEarned} >= 0`),
    check("user_attempts_sm2", sql`${t.easinessAfter} > 0 AND ${t.intervalAfter} >= 0 AND ${t.repetitionsAfter} >= 0`),
    check("user_attempts_idempotency_length", sql`char_length(${t.idempotencyKey}) BETWEEN 8 AND 100`),
  ],
);

export const reviewSchedules = pgTable(
  "review_schedules",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    easiness: real("easiness").notNull(),
    intervalDays: integer("interval_days").notNull().default(0),
    repetitions: integer("repetitions").notNull().default(0),
    /** The student's local date on which the question is next due; null while new. */
    nextReviewDate: date("next_review_date", { mode: "string" }),
    reviewStatus: text("review_status", { enum: REVIEW_STATUSES }).notNull().default("new"),
    // FSRS-6 memory state, kept under both schedulers (lib/srs/fsrs.ts): it is what FSRS would
    // schedule by, so a student on SM-2 still sees FSRS's interval and predicted recall. Null
    // until the first answer after this column existed (or a switch, which replays the log).
    fsrsStability: doublePrecision("fsrs_stability"),
    fsrsDifficulty: doublePrecision("fsrs_difficulty"),
    /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
    fsrsState: smallint("fsrs_state"),
    /** The local date of the last answer that moved the schedule (practice answers do not). */
    fsrsLastReview: date("fsrs_last_review", { mode: "string" }),
    /** The local date FSRS schedules the next review for; `next_review_date` when on FSRS. */
    fsrsDue: date("fsrs_due", { mode: "string" }),
    lastAttemptId: uuid("last_attempt_id"),
    lastAnsweredAt: timestamp("last_answered_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.questionId] }),
    index("review_schedules_due_idx")
      .on(t.userId, t.nextReviewDate)
      .where(sql`${t.reviewStatus} IN ('learning', 'reviewing', 'mastered')`),
    index("review_schedules_question_idx").on(t.questionId),
    check("review_schedules_sm2", sql`${t.easiness} > 0 AND ${t.intervalDays} >= 0 AND ${t.repetitions} >= 0`),
    check(
      "review_schedules_fsrs",
      sql`${t.fsrsStability} IS NULL OR (${t.fsrsStability} > 0 AND ${t.fsrsDifficulty} BETWEEN 1 AND 10 AND ${t.fsrsState} BETWEEN 0 AND 3 AND ${t.fsrsLastReview} IS NOT NULL AND ${t.fsrsDue} IS NOT NULL)`,
    ),
    check(
      "review_schedules_dated",
      sql`${t.reviewStatus} = 'new' OR ${t.nextReviewDate} IS NOT NULL`,
    ),
  ],
);
