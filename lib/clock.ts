/**
 * The app's clock, pure: code that needs "now" (answer timestamps, "today" in the student's zone,
 * the 5-second rule) asks here, never `new Date()`, so tests can move time without touching the
 * system. It reads no request: the browser tests' day offset comes from the edge
 * (lib/request-clock.ts reads the test cookie and passes the offset in).
 *
 * - Integration tests call `setClockForTests(() => someDate)`.
 * - Browser tests, only when STUDYIN_TEST_HOOKS is on, set a cookie through `POST /api/test/clock`
 *   holding a whole-day offset; requests from that browser then see the clock moved by it.
 */

export const TEST_CLOCK_COOKIE = "studyin-test-clock-days";
const DAY_MS = 86_400_000;
const MAX_OFFSET_DAYS = 3650;

let override: (() => Date) | undefined;

/** Tests: replace the clock (undefined restores the real one). */
export function setClockForTests(fn: (() => Date) | undefined) {
  override = fn;
}

/** The test cookie's value as a whole-day offset; anything else (absent, fractional, huge) is 0. */
export function parseOffsetDays(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const days = Number(raw);
  return Number.isInteger(days) && Math.abs(days) <= MAX_OFFSET_DAYS ? days : 0;
}

/** The current instant, moved by `offsetDays` whole days (a test override wins over both). */
export function clockNow(offsetDays = 0): Date {
  if (override) return override();
  return new Date(Date.now() + offsetDays * DAY_MS);
}
