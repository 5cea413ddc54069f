/**
 * TEST ONLY (404 unless STUDYIN_TEST_HOOKS): moves this browser's "today" by whole days, through a
 * cookie that lib/request-clock.ts reads only while the hooks are enabled. Body: { offsetDays: number }.
 */
import { cookies } from "next/headers";
import { z } from "zod";
import { TEST_CLOCK_COOKIE } from "@/lib/clock";
import { now } from "@/lib/request-clock";
import { AppError, errorResponse } from "@/lib/errors";
import { hooksDisabledResponse, testHooksEnabled } from "@/lib/testing/hooks";
import { sameOriginOnly } from "@/lib/http/same-origin";

const Body = z.object({ offsetDays: z.number().int().min(-3650).max(3650) });

async function moveClock(req: Request) {
  if (!testHooksEnabled()) return hooksDisabledResponse();
  const parsed = Body.safeParse(await req.json().catch(() => ({})));
  if (!parsed.success) return errorResponse(new AppError("validation", "offsetDays must be a whole number of days."));
  const jar = await cookies();
  if (parsed.data.offsetDays === 0) jar.delete(TEST_CLOCK_COOKIE);
  else jar.set(TEST_CLOCK_COOKIE, String(parsed.data.offsetDays), { httpOnly: true, sameSite: "lax", path: "/" });
  return Response.json({ offsetDays: parsed.data.offsetDays });
}

/** Refused with 403 when it comes from another site (lib/http/same-origin.ts). */
export const POST = sameOriginOnly(moveClock);

export async function GET() {
  if (!testHooksEnabled()) return hooksDisabledResponse();
  return Response.json({ now: (await now()).toISOString() });
}
