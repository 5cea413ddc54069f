/**
 * "Now" for the request being served: the pure clock (lib/clock.ts) moved by the browser tests'
 * day offset, which is read from the test cookie only while STUDYIN_TEST_HOOKS is on (without the
 * flag the cookie is ignored, so the hook can never move time in normal runs).
 */
import "server-only";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { TEST_CLOCK_COOKIE, clockNow, parseOffsetDays } from "@/lib/clock";

async function testOffsetDays(): Promise<number> {
  if (!getEnv().STUDYIN_TEST_HOOKS) return 0;
  try {
    return parseOffsetDays((await cookies()).get(TEST_CLOCK_COOKIE)?.value);
  } catch {
    return 0; // outside a request (scripts, tests): no cookie to read
  }
}

/** The current instant as this request sees it. */
export async function now(): Promise<Date> {
  return clockNow(await testOffsetDays());
}
