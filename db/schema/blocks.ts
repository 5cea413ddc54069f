/**
 * Question blocks (issue 11): a fixed, ordered set of questions the student works through in
 * tutor mode (feedback after each answer, answers recorded one by one through the answer path) or
 * timed mode (a countdown, no feedback, the choices kept here as the student goes and submitted
 * together through the bulk answer path when the block ends). `question_marks` is the student's own
 * "mark" on a question (a reminder to look again), unlike `question_flags` ("this is wrong").
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { questions } from "./questions";
import { userAttempts } from "./srs";

export const BLOCK_MODES = ["tutor", "timed"] as const;
export type BlockMode = (typeof BLOCK_MODES)[number];
/** `due_or_incorrect` is the weak-area block's pool ("Study these" on the dashboard). */
export const BLOCK_POOLS = ["unused", "incorrect", "marked", "flagged", "due", "due_or_incorrect", "all"] as const;
export type BlockPool = (typeof BLOCK_POOLS)[number];
export const BLOCK_STATUSES = ["in_progress", "submitted"] as const;

/** How the block was chosen, kept for the list and for "make another like this". */
export type BlockCriteria = {
  pool: BlockPool;
  topics: string[];
  materialIds: string[];
  tags: string[];
  collectionIds: string[];
};

export const blocks = pgTable(
  "blocks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: BLOCK_MODES }).notNull(),
    status: text("status", { enum: BLOCK_STATUSES }).notNull().default("in_progress"),
    criteria: jsonb("criteria").$type<BlockCriteria>().notNull(),
    questionCount: smallint("question_count").notNull(),
    /** Timed mode: the whole block's allowance (count x seconds per question); null in tutor mode. */
    timeLimitSeconds: integer("time_limit_seconds"),
    /** Timed mode: seconds used so far, saved as the student goes, so a reload resumes with the rest. */
    elapsedSeconds: integer("elapsed_seconds").notNull().default(0),
    /** Where the student was (0-based), for resuming. */
    currentPosition: smallint("current_position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    index("blocks_user_created_idx").on(t.userId, t.createdAt.desc()),
    check("blocks_count", sql`${t.questionCount} BETWEEN 1 AND 40`),
    check("blocks_time", sql`${t.timeLimitSeconds} IS NULL OR ${t.timeLimitSeconds} > 0`),
    check("blocks_elapsed", sql`${t.elapsedSeconds} >= 0`),
    check("blocks_position", sql`${t.currentPosition} >= 0 AND ${t.currentPosition} < ${t.questionCount}`),
    check("blocks_timed_limit", sql`(${t.mode} = 'timed') = (${t.timeLimitSeconds} IS NOT NULL)`),
  ],
);

export const blockItems = pgTable(
  "block_items",
  {
    blockId: uuid("block_id")
      .notNull()
      .references(() => blocks.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    /** The student's choice so far (timed: kept until submission); null = not answered. */
    selectedIndex: smallint("selected_index"),
    confidence: smallint("confidence"),
    /** Seconds spent on this question (summed over visits). */
    timeSpentSeconds: integer("time_spent_seconds").notNull().default(0),
    /** The recorded answer, once there is one. */
    attemptId: uuid("attempt_id").references(() => userAttempts.id, { onDelete: "set null" }),
    /** Per-answer idempotency key, made with the block, so a re-submitted block records once. */
    idempotencyKey: text("idempotency_key").notNull().default(sql`gen_random_uuid()::text`),
  },
  (t) => [
    primaryKey({ columns: [t.blockId, t.position] }),
    uniqueIndex("block_items_block_question_idx").on(t.blockId, t.questionId),
    index("block_items_question_idx").on(t.questionId),
    check("block_items_selected", sql`${t.selectedIndex} IS NULL OR ${t.selectedIndex} BETWEEN 0 AND 4`),
    check("block_items_confidence", sql`${t.confidence} IS NULL OR ${t.confidence} BETWEEN 1 AND 5`),
    check("block_items_time", sql`${t.timeSpentSeconds} >= 0`),
  ],
);

export const questionMarks = pgTable(
  "question_marks",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] }), index("question_marks_question_idx").on(t.questionId)],
);
