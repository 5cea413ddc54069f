/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): moves this browser's "today" by whole days, through a
 * cookie that lib/request-clock.ts reads only while the hooks are enabled. Body: { offsetDays: number }.
 */
import { cookies } from "next/headers";
import { z } from "zod";
import { TEST_CLOCK_COOKIE } from "@/lib/clock";
import { now } from "@/lib/request-clock";
import { publicRoute } from "@/lib/http/route";

const Body = z.object({ offsetDays: z.number("offsetDays must be a whole number of days.").int().min(-3650).max(3650) });

/** Acts on this browser's cookie, not on a student: no session needed. */
export const POST = publicRoute(
  { method: "POST", path: "/api/test/clock", summary: "Move this browser's today (test only)", testHook: true, body: Body, responses: { 200: { description: "Moved." } } },
  async ({ body: { offsetDays } }) => {
    const jar = await cookies();
    if (offsetDays === 0) jar.delete(TEST_CLOCK_COOKIE);
    else jar.set(TEST_CLOCK_COOKIE, String(offsetDays), { httpOnly: true, sameSite: "lax", path: "/" });
    return { offsetDays };
  },
);

export const GET = publicRoute(
  { method: "GET", path: "/api/test/clock", summary: "The app's now (test only)", testHook: true, responses: { 200: { description: "Now." } } },
  async () => ({ now: (await now()).toISOString() }),
);
