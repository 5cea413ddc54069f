/**
 * The app's clock. Code that needs "now" (answer timestamps, "today" in the student's zone, the
 * 5-second rule) asks here, never `new Date()`, so tests can move time without touching the system.
 *
 * - Integration tests call `setClockForTests(() => someDate)`.
 * - Browser tests, only when STUDYIN_TEST_HOOKS is on, set a cookie through `POST /api/test/clock`
 *   holding a whole-day offset; requests from that browser then see the clock moved by it.
 *   Without the flag the cookie is ignored, so the hook can never move time in normal runs.
 */
import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";

export const TEST_CLOCK_COOKIE = "studyin-test-clock-days";
const DAY_MS = 86_400_000;

let override: (() => Date) | undefined;

/** Tests: replace the clock (undefined restores the real one). */
export function setClockForTests(fn: (() => Date) | undefined) {
  override = fn;
}

/** A whole-day offset from the test cookie; 0 unless test hooks are enabled. */
async function testOffsetDays(): Promise<number> {
  if (!getEnv().STUDYIN_TEST_HOOKS) return 0;
  try {
    const raw = (await cookies()).get(TEST_CLOCK_COOKIE)?.value;
    const days = Number(raw);
    return Number.isInteger(days) && Math.abs(days) <= 3650 ? days : 0;
  } catch {
    return 0; // outside a request (scripts, tests): no cookie to read
  }
}

/** The current instant. */
export async function now(): Promise<Date> {
  if (override) return override();
  const offset = await testOffsetDays();
  return new Date(Date.now() + offset * DAY_MS);
}
