/**
 * Streaks in the student's own time zone ("today" comes from lib/dates.ts: the calendar date at the
 * student's location).
 *
 * The streak counts consecutive local days with at least one answer. It is stored as of the last
 * active day; an answer on the next day extends it, a gap of two or more days restarts it at 1.
 * Shown to the student, a streak whose last day is before yesterday is 0 (already broken).
 */
import { addDays } from "@/lib/dates";

export type StreakState = { streak: number; bestStreak: number; lastActivityDate: string | null };

/** The streak after an answer on local date `today`. */
export function streakAfterAnswer(s: StreakState, today: string): StreakState {
  let streak: number;
  if (s.lastActivityDate === today) streak = Math.max(1, s.streak);
  else if (s.lastActivityDate !== null && addDays(s.lastActivityDate, 1) === today) streak = s.streak + 1;
  else if (s.lastActivityDate !== null && s.lastActivityDate > today) streak = Math.max(1, s.streak); // clock moved back
  else streak = 1;
  return {
    streak,
    bestStreak: Math.max(s.bestStreak, streak),
    lastActivityDate: s.lastActivityDate !== null && s.lastActivityDate > today ? s.lastActivityDate : today,
  };
}

/** The streak as the student sees it on `today`: still alive only if they answered today or yesterday. */
export function currentStreak(s: StreakState, today: string): number {
  if (!s.lastActivityDate) return 0;
  return s.lastActivityDate === today || addDays(s.lastActivityDate, 1) === today ? s.streak : 0;
}
