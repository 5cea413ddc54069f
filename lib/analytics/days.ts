/**
 * Calendar days in the student's time zone, for "progress over time": the database groups answers
 * by local date; this fills in the days without answers so the chart shows gaps honestly.
 */
import { addDays, localDate } from "@/lib/dates";

/** The `count` local dates ending today, oldest first. */
export function lastDays(now: Date, timeZone: string, count: number): string[] {
  const today = localDate(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1));
}

export type DayCount = { day: string; answered: number; correct: number };
export type DayPoint = DayCount & { accuracy: number | null };

/** One point per day in `days`; days without answers have 0 answers and no accuracy (not 0 %). */
export function fillDays(days: readonly string[], rows: readonly DayCount[]): DayPoint[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return days.map((day) => {
    const r = byDay.get(day);
    const answered = r?.answered ?? 0;
    const correct = r?.correct ?? 0;
    return { day, answered, correct, accuracy: answered > 0 ? correct / answered : null };
  });
}
