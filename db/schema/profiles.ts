/** Gamification state, one row per user (the review's `user_profiles`). */
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("user_profiles_xp_idx").on(t.xp.desc()),
    check("user_profiles_xp_nonneg", sql`${t.xp} >= 0`),
    check("user_profiles_level_pos", sql`${t.level} >= 1`),
    check("user_profiles_streak_nonneg", sql`${t.streak} >= 0 AND ${t.bestStreak} >= ${t.streak}`),
    check(
      "user_profiles_totals",
      sql`${t.totalCorrectAnswers} >= 0 AND ${t.totalCorrectAnswers} <= ${t.totalQuestionsAnswered}`,
    ),
  ],
);
