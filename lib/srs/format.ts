/** Display helpers for review dates (ISO calendar dates, no time zone shift). */
import { daysBetween } from "@/lib/dates";

export function formatDay(isoDate: string): string {
  return new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** "today", "tomorrow", "in 6 days" (or "3 days ago") relative to `today`. */
export function relativeDay(isoDate: string, today: string): string {
  const d = daysBetween(today, isoDate);
  if (d === 0) return "today";
  if (d === 1) return "tomorrow";
  if (d === -1) return "yesterday";
  return d > 0 ? `in ${d} days` : `${-d} days ago`;
}
