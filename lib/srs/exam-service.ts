/** The exam-date service: what the settings action and the dashboard call. */
import "server-only";
import type { ExamOutlook } from "./types";
import { examCounts, examDateOf, saveExamDate } from "@/db/queries/exam";
import { AppError } from "@/lib/errors";
import { EXAM_FINAL_WEEK_DAYS, examPlan, reviewForecast } from "./exam";
import { studentToday } from "./service";
import { addDays } from "@/lib/dates";

/** The latest exam date accepted: three years ahead. */
const MAX_DAYS_AHEAD = 3 * 366;

export async function setExamDate(userId: string, examDate: string | null) {
  const today = await studentToday(userId);
  if (examDate && examDate <= today) throw new AppError("validation", "Choose an exam date after today.");
  if (examDate && examDate > addDays(today, MAX_DAYS_AHEAD)) throw new AppError("validation", "Choose an exam date within three years.");
  return saveExamDate(userId, examDate, today, EXAM_FINAL_WEEK_DAYS);
}


/** The plan toward the student's exam, or null when no date is set. */
export async function examOutlook(userId: string): Promise<ExamOutlook | null> {
  const examDate = await examDateOf(userId);
  if (!examDate) return null;
  const today = await studentToday(userId);
  const counts = await examCounts(userId, examDate);
  const forecast = reviewForecast(today, examDate, counts.due);
  const plan = examPlan({ today, examDate, ...counts, dueToday: forecast[0]?.reviews ?? 0 });
  return { plan, forecast };
}
