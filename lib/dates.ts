/**
 * Calendar dates and time zones, the one place for them. A "date" is an ISO calendar date
 * (YYYY-MM-DD) with no zone; "today" is the date at the student's location (their IANA zone in
 * user_profiles.timezone), so a 23:30 answer in Los Angeles counts for that day even though it is
 * already tomorrow in UTC. Pure; no I/O.
 *
 * One behaviour for an unknown or missing zone everywhere: it reads as UTC (a bad stored value
 * must never break a page or an answer).
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether Intl knows `tz` as a time zone (the sign-up form's check and every fallback's). */
export function isValidTimeZone(tz: string): boolean {
  // A zone with a formatter is known valid: every answer formats dates in the student's zone, and
  // building a formatter to test the name is the costliest step of that.
  if (formatters.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `tz` when it is a zone Intl (and so the date arithmetic here) accepts, else "UTC". */
export function safeTimeZone(tz: string | null | undefined): string {
  return tz && isValidTimeZone(tz) ? tz : "UTC";
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`; an unknown zone reads as UTC. */
export function localDate(instant: Date, timeZone: string | null | undefined): string {
  const tz = safeTimeZone(timeZone);
  let f = formatters.get(tz);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(tz, f);
  }
  return f.format(instant);
}

function utcMidnight(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** Adds whole days to an ISO date, calendar-exact (no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  return new Date(utcMidnight(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcMidnight(b) - utcMidnight(a)) / DAY_MS);
}
