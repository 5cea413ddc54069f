/**
 * Planning toward an exam date (issue 11). Pure; dates are the student's local YYYY-MM-DD.
 *
 * **The exam cap.** SM-2 and FSRS set a question's next date as usual (their parameters are not
 * touched); then, when the student has an exam date, `capForExam` moves a date that would skip the
 * last week before the exam into that week, so every question is seen in it:
 *
 * - Answered before the last week (today < exam - 7) and due on or after the exam day: the date
 *   becomes exam - 7 + spread(question), a day in [exam - 7, exam - 1]. The spread (0-6, from the
 *   question id's last byte, the same in SQL) keeps the bank from landing on one day.
 * - Due before the exam: untouched (it will be seen; if that is before the last week, its next
 *   answer is capped in turn).
 * - Answered in the last week or later: untouched. Seen in the last week already, it may go past
 *   the exam.
 * The SM-2 state (EF, interval, repetitions) stays SM-2's; only the date moves, and the attempt
 * records the date actually used.
 *
 * **Pace.** `examPlan` counts days left (today up to the day before the exam) and how many new
 * questions a day see the whole bank twice: every unseen question needs a first answer at least a
 * day before the last study day, so its second answer (SM-2's first interval is 1 day; the cap
 * brings later ones into the last week) still comes before the exam.
 */
import { addDays, daysBetween } from "@/lib/dates";

export const EXAM_FINAL_WEEK_DAYS = 7;

/** 0-6 from a question id's last byte (uuid hex); SQL: ('x' || right(id::text, 2))::bit(8)::int % 7. */
export function examSpread(questionId: string): number {
  const byte = parseInt(questionId.slice(-2), 16);
  return Number.isFinite(byte) ? byte % EXAM_FINAL_WEEK_DAYS : 0;
}

export function capForExam(i: { today: string; due: string; examDate: string | null; questionId: string }): string {
  if (!i.examDate) return i.due;
  const windowStart = addDays(i.examDate, -EXAM_FINAL_WEEK_DAYS);
  if (i.today >= windowStart) return i.due; // answered in the last week: seen there
  if (i.due < i.examDate) return i.due;
  return addDays(windowStart, examSpread(i.questionId));
}

export type ExamPlan = {
  examDate: string;
  /** Study days left: today through the day before the exam (0 once it is here or past). */
  daysLeft: number;
  /** New questions a day to have answered every question twice before the exam. */
  newPerDay: number;
  unseen: number;
  /** Answered once so far (need one more answer). */
  seenOnce: number;
  /** Due today plus today's new questions. */
  todayTarget: number;
};

export function examPlan(i: { today: string; examDate: string; bankSize: number; seenOnce: number; seenTwice: number; dueToday: number }): ExamPlan {
  const daysLeft = Math.max(0, daysBetween(i.today, i.examDate));
  const unseen = Math.max(0, i.bankSize - i.seenOnce - i.seenTwice);
  // First answers must leave a day for the second: the last day for a new question is exam - 2.
  const newDays = Math.max(1, daysLeft - 1);
  const newPerDay = daysLeft === 0 ? 0 : Math.ceil(unseen / newDays);
  return { examDate: i.examDate, daysLeft, newPerDay, unseen, seenOnce: i.seenOnce, todayTarget: i.dueToday + newPerDay };
}

/** Reviews per day from today to the day before the exam, from the dates now scheduled (overdue count today). */
export function reviewForecast(today: string, examDate: string, dueDates: { date: string; count: number }[]): { day: string; reviews: number }[] {
  const days = Math.max(0, daysBetween(today, examDate));
  const out = Array.from({ length: days }, (_, k) => ({ day: addDays(today, k), reviews: 0 }));
  for (const d of dueDates) {
    const k = d.date <= today ? 0 : daysBetween(today, d.date);
    if (k < days) out[k]!.reviews += d.count;
  }
  return out;
}
