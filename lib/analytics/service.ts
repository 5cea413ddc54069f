/** The analytics service: progress over time in the student's calendar (the analytics page). */
import "server-only";
import { answersByLocalDay } from "@/db/queries/analytics";
import { profileTimezone } from "@/db/queries/reviews";
import { safeTimeZone } from "@/lib/dates";
import { type DayPoint, fillDays, lastDays } from "./days";

/** Answers and accuracy per local day, for the `days` days ending today in the student's zone. */
export async function progressByDay(userId: string, opts: { now?: Date; days?: number } = {}) {
  const now = opts.now ?? new Date();
  // A zone Postgres and Intl both accept, else UTC (a bad stored value must not break the page).
  const timeZone = safeTimeZone(await profileTimezone(userId));
  const days = lastDays(now, timeZone, opts.days ?? 30);
  // One extra day of margin covers any zone offset; fillDays keeps only the days in range.
  const since = new Date(now.getTime() - (days.length + 1) * 86_400_000);
  const points: DayPoint[] = fillDays(days, await answersByLocalDay(userId, timeZone, since));
  return { timeZone, points };
}
