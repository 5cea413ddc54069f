/**
 * The attempt log (append-only) and the current SM-2 schedule (one row per user and question).
 *
 * "What is due for this user today" reads `review_schedules` through the partial index
 * `review_schedules_due_idx (user_id, next_review_date) WHERE review_status IN
 * ('learning','reviewing','mastered')`: an index range scan, never a scan of attempts. The review
 * wrote the predicate as ('learning','reviewing'); mastered cards are included because SM-2 keeps
 * scheduling them (at long intervals), and 'new' rows carry no date.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
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
    /** Client-made; a retried or double-clicked submit records once. */
    idempotencyKey: text("idempotency_key").notNull(),
  },
  (t) => [
    uniqueIndex("user_attempts_idempotency_idx").on(t.userId, t.idempotencyKey),
    // The review's attempt indexes.
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
      "review_schedules_dated",
      sql`${t.reviewStatus} = 'new' OR ${t.nextReviewDate} IS NOT NULL`,
    ),
  ],
);
